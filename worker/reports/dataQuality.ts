import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { MONTH_END_DAYS, rate } from '../../shared/reports/kpi';
import { monthStarts, type Range } from '../../shared/reports/period';
import { BACKFILL_AFTER_MS } from '../../shared/rules/backfill';
import type { DealGateField } from '../../shared/schema/deal';
import { addDays, localDate, startOfLocalDay } from '../../shared/time/zoned';
import { deals } from '../db/schema';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { activityRecords, dealRecords } from './drillRecords';
import { bucketsTable, dealJoin, scoped, stagesTable, type ReportScope } from './reportScope';

/** The last MONTH_END_DAYS local days of each month, within the range. */
function monthEndWindows(range: Range, timeZone: string): [number, number][] {
  return monthStarts(range, timeZone)
    .map((m) => [Math.max(range.start, startOfLocalDay(addDays(localDate(m.end, timeZone), -MONTH_END_DAYS), timeZone)), Math.min(range.end, m.end)] as [number, number])
    .filter(([from, to]) => from < to);
}

/**
 * Whether a deal misses a field its current stage requires, as one SQL CASE built from the
 * pipeline: blank as the gate function has it (null, or text of only spaces), a built-in field
 * by its column, a custom one in the `custom` map. No per-row JSON walking.
 */
const columns = getTableColumns(deals) as Record<string, { name: string }>;
const blank = (value: string) => `coalesce(trim(${value}), '') = ''`;
// Stage ids and custom keys are written into the SQL, not bound (a pipeline's 30 stages × 20
// fields would pass D1's 100 parameters); the schema allows only [a-z0-9_] in them, checked again here.
const identifier = (name: string) => {
  if (!/^[a-z][a-z0-9_]{0,31}$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return name;
};
function missingRequired(scope: ReportScope): SQL {
  const cases = scope.stages
    .filter((stage) => stage.kind === 'open' && stage.requiredFields.length > 0)
    .map((stage) => {
      const checks = stage.requiredFields.map((field) =>
        field.startsWith('custom.') ? blank(`json_extract(d.custom, '$.${identifier(field.slice('custom.'.length))}')`) : blank(`d.${columns[field as DealGateField]!.name}`),
      );
      return `WHEN '${identifier(stage.id)}' THEN (${checks.join(' OR ')})`;
    });
  return sql.raw(cases.length === 0 ? '0' : `CASE d.stage_id ${cases.join(' ')} ELSE 0 END`);
}

/**
 * Back-filled: activities recorded in the period more than 48 h after they say they happened.
 * Month-end: activities recorded in the last MONTH_END_DAYS local days of a month, against the
 * share those days are of the period. Open deals (as of now) missing a field their current stage
 * requires, or without an open follow-up.
 */
const recordedSql = (scope: ReportScope, range: Range) => sql`
  ${bucketsTable('month_ends', monthEndWindows(range, scope.timeZone).map(([start, end]) => ({ key: start, start, end })))},
  recorded AS (
    SELECT a.id, a.recorded_at - a.occurred_at > ${BACKFILL_AFTER_MS} AS backfilled, month_ends.key IS NOT NULL AS month_end
    FROM activities a ${dealJoin(scope, 'a')} LEFT JOIN month_ends ON a.recorded_at >= month_ends.start AND a.recorded_at < month_ends."end"
    WHERE ${scoped(scope, 'a', 'coalesce(a.company_id, d.company_id)')} AND a.recorded_at >= ${range.start} AND a.recorded_at < ${range.end}
  )`;

const openDealsSql = (scope: ReportScope) => sql`
  ${stagesTable(scope)},
  open AS (
    SELECT d.id,
      ${missingRequired(scope)} AS missing_required,
      NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.deal_id = d.id AND f.deleted_at IS NULL AND f.done_at IS NULL) AS no_next_step
    FROM deals d JOIN st ON st.id = d.stage_id AND st.kind = 'open'
    WHERE ${scoped(scope, 'd', 'd.company_id')}
  )`;

/** Open deals are counted as of now, the same for both periods: read once per request. */
const openDealsOnce = new WeakMap<ReportScope, Promise<{ openDeals: number; missingRequired: number; missingNextStep: number }>>();
function openDealCounts(db: Db, scope: ReportScope) {
  let counts = openDealsOnce.get(scope);
  if (!counts) {
    counts = readAll<{ openDeals: number; missingRequired: number; missingNextStep: number }>(db, sql`WITH ${openDealsSql(scope)}
      SELECT count(*) AS openDeals, coalesce(sum(missing_required), 0) AS missingRequired, coalesce(sum(no_next_step), 0) AS missingNextStep FROM open`).then((rows) => rows[0]!);
    openDealsOnce.set(scope, counts);
  }
  return counts;
}

export async function dataQuality(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'dataQuality'>> {
  const [acts] = await readAll<{ activities: number; backfilled: number; monthEnd: number }>(db, sql`WITH ${recordedSql(scope, range)}
    SELECT count(*) AS activities, coalesce(sum(backfilled), 0) AS backfilled, coalesce(sum(month_end), 0) AS monthEnd FROM recorded`);
  const open = await openDealCounts(db, scope);
  const windowMs = monthEndWindows(range, scope.timeZone).reduce((n, [from, to]) => n + (to - from), 0);
  return {
    activities: acts!.activities,
    backfilled: acts!.backfilled,
    backfilledShare: rate(acts!.backfilled, acts!.activities),
    monthEnd: acts!.monthEnd,
    monthEndShare: rate(acts!.monthEnd, acts!.activities),
    monthEndExpected: rate(windowMs, range.end - range.start),
    openDeals: open.openDeals,
    missingRequired: open.missingRequired,
    missingNextStep: open.missingNextStep,
  };
}

/** backfilled, monthEnd, missingRequired, missingNextStep. */
export async function dataQualityRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  if (key === 'backfilled' || key === 'monthEnd') return activityRecords(db, sql`WITH ${recordedSql(scope, range)} SELECT id FROM recorded WHERE ${sql.raw(key === 'backfilled' ? 'backfilled' : 'month_end')}`);
  if (key === 'missingRequired' || key === 'missingNextStep') return dealRecords(db, sql`WITH ${openDealsSql(scope)} SELECT id FROM open WHERE ${sql.raw(key === 'missingRequired' ? 'missing_required' : 'no_next_step')}`, 'created');
  return null;
}
