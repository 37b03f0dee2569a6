import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { monthStarts, type Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { readAll } from './readBatch';
import { dealRecords } from './drillRecords';
import { scoped, stagesTable, type ReportScope } from './reportScope';

/**
 * Open deals (in an open stage now) expected to close in the period, by local month of the
 * expected close date and currency: how many, their amount, and the amount weighted by their
 * stage's win probability. Amounts stay in their currency; nothing is converted.
 */
const openSql = (scope: ReportScope, range: Range) => sql`
  ${stagesTable(scope)},
  open AS (
    SELECT d.id, d.currency, coalesce(d.amount_minor, 0) AS amount, st.probability,
      (SELECT json_extract(m.value, '$.month') FROM json_each(${JSON.stringify(monthStarts(range, scope.timeZone))}) m WHERE json_extract(m.value, '$.start') <= d.expected_close_at AND d.expected_close_at < json_extract(m.value, '$.end')) AS month
    FROM deals d JOIN st ON st.id = d.stage_id AND st.kind = 'open'
    WHERE ${scoped(scope, 'd', 'd.company_id')} AND d.expected_close_at >= ${range.start} AND d.expected_close_at < ${range.end}
  )`;

export async function forecast(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'forecast'>> {
  const months = await readAll<{ month: string; currency: string; deals: number; amountMinor: number; weightedMinor: number }>(db, sql`WITH ${openSql(scope, range)}
    SELECT month, currency, count(*) AS deals, sum(amount) AS amountMinor, CAST(round(sum(amount * probability) / 100.0) AS INTEGER) AS weightedMinor
    FROM open GROUP BY month, currency ORDER BY month, currency`);
  return { months };
}

/** month:<yyyy-mm>[:<currency>]. */
export async function forecastRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  const [kind, month, currency] = key.split(':');
  if (kind !== 'month' || !month) return null;
  return dealRecords(db, sql`WITH ${openSql(scope, range)} SELECT id FROM open WHERE month = ${month} AND (${currency ?? null} IS NULL OR currency = ${currency ?? null})`, 'expectedClose');
}
