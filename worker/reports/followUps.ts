import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { rate } from '../../shared/reports/kpi';
import { dayRanges, type Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { followUpRecords } from './drillRecords';
import { bucketsTable, dealJoin, scoped, type ReportScope } from './reportScope';

/**
 * Follow-ups due in the period. On time: completed by the end of the local day it was due;
 * late: completed after; open: not completed. Overdue now: each member's open follow-ups due
 * before now, whatever the period (what needs doing today).
 */
const dueSql = (scope: ReportScope, range: Range) => sql`
  ${bucketsTable('days', dayRanges(range, scope.timeZone).map((d) => ({ key: d.date, start: d.start, end: d.end })))},
  due AS (
    SELECT f.id, f.owner_id, f.done_at, days."end" AS day_end
    FROM follow_ups f ${dealJoin(scope, 'f')} JOIN days ON f.due_at >= days.start AND f.due_at < days."end"
    WHERE ${scoped(scope, 'f', 'd.company_id')} AND f.due_at >= ${range.start} AND f.due_at < ${range.end}
  )`;

/** Overdue now is the same for both periods: read once per request. */
const overdueOnce = new WeakMap<ReportScope, Promise<{ ownerId: string; overdueNow: number }[]>>();
function overdueNow(db: Db, scope: ReportScope) {
  let rows = overdueOnce.get(scope);
  if (!rows) {
    rows = readAll<{ ownerId: string; overdueNow: number }>(db, sql`
      SELECT f.owner_id AS ownerId, count(*) AS overdueNow FROM follow_ups f ${dealJoin(scope, 'f')}
      WHERE ${scoped(scope, 'f', 'd.company_id')} AND f.done_at IS NULL AND f.due_at < ${scope.now} GROUP BY f.owner_id`);
    overdueOnce.set(scope, rows);
  }
  return rows;
}

export async function followUpDiscipline(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'followUps'>> {
  const [perRep, overdue] = await Promise.all([
    readAll<{ ownerId: string; due: number; onTime: number; late: number }>(db, sql`WITH ${dueSql(scope, range)}
      SELECT owner_id AS ownerId, count(*) AS due, coalesce(sum(done_at IS NOT NULL AND done_at < day_end), 0) AS onTime, coalesce(sum(done_at IS NOT NULL AND done_at >= day_end), 0) AS late
      FROM due GROUP BY owner_id`),
    overdueNow(db, scope),
  ]);
  const owners = [...new Set([...perRep.map((r) => r.ownerId), ...overdue.map((r) => r.ownerId)])].sort();
  const due = perRep.reduce((n, r) => n + r.due, 0);
  const onTime = perRep.reduce((n, r) => n + r.onTime, 0);
  const late = perRep.reduce((n, r) => n + r.late, 0);
  return {
    due,
    onTime,
    late,
    open: due - onTime - late,
    onTimeRate: rate(onTime, due),
    perRep: owners.map((ownerId) => {
      const r = perRep.find((x) => x.ownerId === ownerId);
      return { ownerId, due: r?.due ?? 0, onTime: r?.onTime ?? 0, overdueNow: overdue.find((x) => x.ownerId === ownerId)?.overdueNow ?? 0 };
    }),
  };
}

/** due, onTime, late, open; overdue:<ownerId> (open and due before now). */
export async function followUpRecordsFor(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  const which: Record<string, string> = { due: '1', onTime: 'done_at IS NOT NULL AND done_at < day_end', late: 'done_at IS NOT NULL AND done_at >= day_end', open: 'done_at IS NULL' };
  if (key in which) return followUpRecords(db, sql`WITH ${dueSql(scope, range)} SELECT id FROM due WHERE ${sql.raw(which[key]!)}`);
  if (key.startsWith('overdue:')) {
    return followUpRecords(db, sql`SELECT f.id FROM follow_ups f ${dealJoin(scope, 'f')} WHERE ${scoped(scope, 'f', 'd.company_id')} AND f.owner_id = ${key.slice(8)} AND f.done_at IS NULL AND f.due_at < ${scope.now}`);
  }
  return null;
}
