import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { rate } from '../../shared/reports/kpi';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { q, readBatch } from './readBatch';
import { dealRecords } from './drillRecords';
import { scoped, stagesTable, type ReportScope } from './reportScope';

/**
 * Cohort: the deals created in the period. A deal reached a stage when it entered that stage or
 * any later one in pipeline order (its stage history and its current stage), lost excluded: so
 * a skipped stage counts as passed, and a reopened deal counts for what it reached before.
 */
const reachedSql = (scope: ReportScope, range: Range) => sql`
  WITH ${stagesTable(scope)},
  cohort AS MATERIALIZED (SELECT d.id, d.stage_id, d.lost_reason FROM deals d WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.created_at >= ${range.start} AND d.created_at < ${range.end}),
  entered AS (
    SELECT sc.deal_id AS id, sc.to_stage_id AS stage_id FROM stage_changes sc WHERE sc.deal_id IN (SELECT id FROM cohort) AND sc.deleted_at IS NULL
    UNION SELECT id, stage_id FROM cohort
  ),
  reach AS (SELECT e.id, max(st.idx) AS top FROM entered e JOIN st ON st.id = e.stage_id AND st.kind <> 'lost' GROUP BY e.id)`;

export async function funnel(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'funnel'>> {
  const [tops, totals, reasons] = await readBatch(db, [
    q<{ top: number; n: number }>(sql`${reachedSql(scope, range)} SELECT top, count(*) AS n FROM reach GROUP BY top`),
    q<{ cohort: number; won: number; lost: number }>(sql`WITH ${stagesTable(scope)},
      cohort AS (SELECT d.stage_id FROM deals d WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.created_at >= ${range.start} AND d.created_at < ${range.end})
      SELECT count(*) AS cohort, coalesce(sum(st.kind = 'won'), 0) AS won, coalesce(sum(st.kind = 'lost'), 0) AS lost FROM cohort LEFT JOIN st ON st.id = cohort.stage_id`),
    q<{ reason: string | null; count: number }>(sql`WITH ${stagesTable(scope)}
      SELECT d.lost_reason AS reason, count(*) AS count FROM deals d JOIN st ON st.id = d.stage_id AND st.kind = 'lost'
      WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.created_at >= ${range.start} AND d.created_at < ${range.end}
      GROUP BY d.lost_reason ORDER BY count DESC, reason`),
  ]);
  const [{ cohort, won, lost }] = totals as [{ cohort: number; won: number; lost: number }];
  // A deal whose highest stage is at index `top` reached every stage up to it.
  const reachedAt = (idx: number) => tops.filter((t) => t.top >= idx).reduce((n, t) => n + t.n, 0);
  const stages = scope.stages.flatMap((s, idx) => (s.kind === 'lost' ? [] : [{ stageId: s.id, reached: reachedAt(idx) }]));
  return {
    cohort,
    stages: stages.map((s, i) => ({ ...s, conversion: i === 0 ? rate(s.reached, cohort) : rate(s.reached, stages[i - 1]!.reached) })),
    won,
    lost,
    winRate: rate(won, won + lost),
    lostReasons: reasons,
  };
}

/** stage:<id> (cohort deals that reached it), won, lost, lostReason:<text>, cohort. */
export async function funnelRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  const [kind, ...rest] = key.split(':');
  const value = rest.join(':');
  if (kind === 'stage') {
    return dealRecords(db, sql`${reachedSql(scope, range)} SELECT reach.id FROM reach JOIN st ON st.id = ${value} WHERE reach.top >= st.idx`, 'created');
  }
  const cohort = sql`SELECT d.id FROM deals d WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.created_at >= ${range.start} AND d.created_at < ${range.end}`;
  if (kind === 'cohort') return dealRecords(db, cohort, 'created');
  if (kind === 'won' || kind === 'lost') return dealRecords(db, sql`WITH ${stagesTable(scope)} ${cohort} AND d.stage_id IN (SELECT id FROM st WHERE kind = ${kind})`, 'created');
  if (kind === 'lostReason') {
    return dealRecords(db, sql`WITH ${stagesTable(scope)} ${cohort} AND d.stage_id IN (SELECT id FROM st WHERE kind = 'lost') AND coalesce(d.lost_reason, '') = ${value}`, 'created');
  }
  return null;
}
