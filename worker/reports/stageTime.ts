import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { q, readBatch } from './readBatch';
import { dealRecords } from './drillRecords';
import { rankOf, scoped, stagesTable, type ReportScope } from './reportScope';

/**
 * A stay is the time from entering a stage to the deal's next stage change; it counts for the
 * period it ended in. Deal cycle: from creation to first entering a won stage, for deals won in
 * the period.
 */
const staysSql = (scope: ReportScope, range: Range) => sql`
  ch AS (
    SELECT sc.deal_id, sc.to_stage_id AS stage, sc.changed_at,
      LEAD(sc.changed_at) OVER (PARTITION BY sc.deal_id ORDER BY sc.changed_at, sc.id) AS next_at
    FROM stage_changes sc JOIN deals d ON d.id = sc.deal_id
    WHERE ${scoped(scope, 'd', 'd.company_id')} AND sc.deleted_at IS NULL
      AND sc.deal_id IN (SELECT deal_id FROM stage_changes WHERE team_id = ${scope.teamId} AND changed_at >= ${range.start} AND changed_at < ${range.end})
  ),
  stays AS (SELECT deal_id, stage, next_at - changed_at AS dur FROM ch WHERE next_at >= ${range.start} AND next_at < ${range.end})`;

const wonSql = (scope: ReportScope, range: Range) => sql`
  won AS (
    SELECT d.id, min(sc.changed_at) - d.created_at AS dur FROM deals d
    JOIN stage_changes sc ON sc.deal_id = d.id AND sc.deleted_at IS NULL AND sc.to_stage_id IN (SELECT id FROM st WHERE kind = 'won')
    WHERE ${scoped(scope, 'd', 'd.company_id')} GROUP BY d.id
    HAVING min(sc.changed_at) >= ${range.start} AND min(sc.changed_at) < ${range.end}
  )`;

export async function stageTime(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'stageTime'>> {
  const [stays, cycle] = await readBatch(db, [
    q<{ stageId: string; stays: number; medianMs: number; p90Ms: number }>(sql`WITH ${staysSql(scope, range)},
      ranked AS (SELECT stage, dur, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY dur) AS rn, COUNT(*) OVER (PARTITION BY stage) AS n FROM stays)
      SELECT stage AS stageId, max(n) AS stays, max(CASE WHEN rn = ${rankOf(50)} THEN dur END) AS medianMs, max(CASE WHEN rn = ${rankOf(90)} THEN dur END) AS p90Ms FROM ranked GROUP BY stage`),
    q<{ deals: number; medianMs: number | null; p90Ms: number | null }>(sql`WITH ${stagesTable(scope)}, ${wonSql(scope, range)},
      ranked AS (SELECT dur, ROW_NUMBER() OVER (ORDER BY dur) AS rn, COUNT(*) OVER () AS n FROM won)
      SELECT count(*) AS deals, max(CASE WHEN rn = ${rankOf(50)} THEN dur END) AS medianMs, max(CASE WHEN rn = ${rankOf(90)} THEN dur END) AS p90Ms FROM ranked`),
  ]);
  const byStage = new Map(stays.map((s) => [s.stageId, s]));
  return {
    stages: scope.stages.map((s) => byStage.get(s.id) ?? { stageId: s.id, stays: 0, medianMs: null, p90Ms: null }),
    cycle: cycle[0] ?? { deals: 0, medianMs: null, p90Ms: null },
  };
}

/** stage:<id> (deals with a stay there that ended in the period), cycle (deals won in it). */
export async function stageTimeRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  if (key.startsWith('stage:')) return dealRecords(db, sql`WITH ${staysSql(scope, range)} SELECT deal_id FROM stays WHERE stage = ${key.slice(6)}`, 'created');
  if (key === 'cycle') return dealRecords(db, sql`WITH ${stagesTable(scope)}, ${wonSql(scope, range)} SELECT id FROM won`, 'created');
  return null;
}
