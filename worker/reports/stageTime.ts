import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { dealRecords } from './drillRecords';
import { firstEntries, rankOf, scoped, stagesTable, type ReportScope } from './reportScope';

/**
 * A stay is the time from entering a stage to the deal's next stage change; it counts for the
 * period it ended in. Read from the period's stage changes, each with the one before it (the
 * stay it ends), by index. Deal cycle: from creation to first entering a won stage, for deals won in
 * the period.
 */
// CROSS JOIN keeps SQLite reading the period's stage changes first (by index) and looking up
// their deals, rather than scanning every deal of the team. Each change names the stage it left
// (from_stage_id); when the deal entered it is the change before, one seek in the covering index.
const enteredBefore = sql.raw(`(SELECT max(e.changed_at) FROM stage_changes e WHERE e.deal_id = x.deal_id AND e.deleted_at IS NULL AND (e.changed_at < x.changed_at OR (e.changed_at = x.changed_at AND e.id < x.id)))`);
const staysSql = (scope: ReportScope, range: Range) => sql`
  stays AS MATERIALIZED (
    SELECT deal_id, CASE WHEN changed_at >= ${scope.range.start} THEN 'current' ELSE 'previous' END AS period, stage, changed_at - entered_at AS dur FROM (
      SELECT x.deal_id, x.changed_at, x.from_stage_id AS stage, ${enteredBefore} AS entered_at
      FROM stage_changes x CROSS JOIN deals d ON d.id = x.deal_id
      WHERE x.team_id = ${scope.teamId} AND x.changed_at >= ${range.start} AND x.changed_at < ${range.end} AND x.deleted_at IS NULL AND x.from_stage_id IS NOT NULL AND ${scoped(scope, 'd', 'd.company_id')}
    ) WHERE entered_at IS NOT NULL
  )`;

const wonSql = (scope: ReportScope, range: Range) => sql`
  first_won AS (${firstEntries(scope, range, sql`IN (SELECT id FROM st WHERE kind = 'won')`)}),
  won AS (SELECT f.id, f.entered_at - d.created_at AS dur FROM first_won f JOIN deals d ON d.id = f.id)`;

type StageFigures = { period: 'current' | 'previous'; stageId: string; stays: number; medianMs: number; p90Ms: number };

/**
 * Stays of both periods in one pass over the stage changes of [previous start, current end):
 * the periods are adjacent, so each change belongs to one of them. Read once per request.
 */
const bothPeriods = new WeakMap<ReportScope, Promise<StageFigures[]>>();
function staysOfBothPeriods(db: Db, scope: ReportScope): Promise<StageFigures[]> {
  let rows = bothPeriods.get(scope);
  if (!rows) {
    const span = { ...scope.range, start: scope.previousRange.start };
    rows = readAll<StageFigures>(db, sql`WITH ${staysSql(scope, span)},
      ranked AS (SELECT period, stage, dur, ROW_NUMBER() OVER (PARTITION BY period, stage ORDER BY dur) AS rn, COUNT(*) OVER (PARTITION BY period, stage) AS n FROM stays)
      SELECT period, stage AS stageId, max(n) AS stays, max(CASE WHEN rn = ${rankOf(50)} THEN dur END) AS medianMs, max(CASE WHEN rn = ${rankOf(90)} THEN dur END) AS p90Ms FROM ranked GROUP BY period, stage`);
    bothPeriods.set(scope, rows);
  }
  return rows;
}

export async function stageTime(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'stageTime'>> {
  const period = range.start === scope.range.start ? 'current' : 'previous';
  const [stays, cycle] = await Promise.all([
    range.start === scope.range.start || range.start === scope.previousRange.start ? staysOfBothPeriods(db, scope) : Promise.resolve([]),
    readAll<{ deals: number; medianMs: number | null; p90Ms: number | null }>(db, sql`WITH ${stagesTable(scope)}, ${wonSql(scope, range)},
      ranked AS (SELECT dur, ROW_NUMBER() OVER (ORDER BY dur) AS rn, COUNT(*) OVER () AS n FROM won)
      SELECT count(*) AS deals, max(CASE WHEN rn = ${rankOf(50)} THEN dur END) AS medianMs, max(CASE WHEN rn = ${rankOf(90)} THEN dur END) AS p90Ms FROM ranked`),
  ]);
  const byStage = new Map(stays.filter((s) => s.period === period).map(({ period: _, ...s }) => [s.stageId, s]));
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
