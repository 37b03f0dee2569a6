import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { weekStarts, type Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { activityRecords } from './drillRecords';
import { bucketsTable, dealJoin, scoped, type ReportScope } from './reportScope';

/** Activities that happened (occurredAt) in the period, per member, local week (from Monday) and kind. */
const inPeriodSql = (scope: ReportScope, range: Range) => {
  const weeks = weekStarts(range, scope.timeZone).map((w) => ({ key: w.date, start: w.start, end: w.end }));
  return sql`
  ${bucketsTable('weeks', weeks)},
  acts AS (
    SELECT a.id, a.owner_id, a.kind, weeks.key AS week
    FROM activities a ${dealJoin(scope, 'a')} JOIN weeks ON a.occurred_at >= weeks.start AND a.occurred_at < weeks."end"
    WHERE ${scoped(scope, 'a', 'coalesce(a.company_id, d.company_id)')} AND a.occurred_at >= ${range.start} AND a.occurred_at < ${range.end}
  )`;
};

export async function activityVolume(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'activity'>> {
  const rows = await readAll<{ ownerId: string; week: string; kind: string; count: number }>(db, sql`WITH ${inPeriodSql(scope, range)}
    SELECT owner_id AS ownerId, week, kind, count(*) AS count FROM acts GROUP BY owner_id, week, kind ORDER BY week, owner_id, kind`);
  return { weeks: weekStarts(range, scope.timeZone).map((w) => w.date), rows };
}

/** all, or week:<yyyy-mm-dd>[:<ownerId>[:<kind>]]. */
export async function activityVolumeRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  if (key === 'all') return activityRecords(db, sql`WITH ${inPeriodSql(scope, range)} SELECT id FROM acts`);
  const [kind, week, ownerId, activityKind] = key.split(':');
  if (kind !== 'week' || !week) return null;
  return activityRecords(
    db,
    sql`WITH ${inPeriodSql(scope, range)} SELECT id FROM acts WHERE week = ${week} AND (${ownerId ?? null} IS NULL OR owner_id = ${ownerId ?? null}) AND (${activityKind ?? null} IS NULL OR kind = ${activityKind ?? null})`,
  );
}
