import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { rate } from '../../shared/reports/kpi';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { dealRecords } from './drillRecords';
import { rankOf, scoped, type ReportScope } from './reportScope';

/**
 * Leads are the deals created in the period. The response is the first activity on the deal or
 * its contact that happened at or after the deal was created; its time is what the rep says
 * (occurredAt). Within target: answered within the team's first-response hours.
 */
const responsesSql = (scope: ReportScope, range: Range) => sql`
  leads AS MATERIALIZED (
    SELECT d.id, d.created_at,
      min(
        coalesce((SELECT min(a.occurred_at) FROM activities a WHERE a.deal_id = d.id AND a.deleted_at IS NULL AND a.occurred_at >= d.created_at), 8.64e15),
        coalesce((SELECT min(a.occurred_at) FROM activities a WHERE d.contact_id IS NOT NULL AND a.contact_id = d.contact_id AND a.deleted_at IS NULL AND a.occurred_at >= d.created_at), 8.64e15)
      ) AS first_at
    FROM deals d WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.created_at >= ${range.start} AND d.created_at < ${range.end}
  ),
  responses AS MATERIALIZED (SELECT id, first_at - created_at AS dur FROM leads WHERE first_at < 8.64e15)`;

export async function firstResponse(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'firstResponse'>> {
  const target = scope.firstResponseHours * 3_600_000;
  const [row] = await readAll<{ leads: number; responded: number; withinTarget: number; medianMs: number | null; p90Ms: number | null }>(db, sql`WITH ${responsesSql(scope, range)},
    ranked AS (SELECT dur, ROW_NUMBER() OVER (ORDER BY dur) AS rn, COUNT(*) OVER () AS n FROM responses)
    SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM responses) AS responded, (SELECT count(*) FROM responses WHERE dur <= ${target}) AS withinTarget,
      (SELECT dur FROM ranked WHERE rn = ${rankOf(50)}) AS medianMs, (SELECT dur FROM ranked WHERE rn = ${rankOf(90)}) AS p90Ms`);
  const { leads, responded, withinTarget, medianMs, p90Ms } = row!;
  return { leads, responded, withinTarget, shareWithinTarget: rate(withinTarget, leads), medianMs, p90Ms, targetHours: scope.firstResponseHours };
}

/** leads, late (not answered within the target, answered late or not at all). */
export async function firstResponseRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  const target = scope.firstResponseHours * 3_600_000;
  if (key === 'leads') return dealRecords(db, sql`WITH ${responsesSql(scope, range)} SELECT id FROM leads`, 'created');
  if (key === 'late') return dealRecords(db, sql`WITH ${responsesSql(scope, range)} SELECT id FROM leads WHERE first_at - created_at > ${target}`, 'created');
  return null;
}
