import { sql } from 'drizzle-orm';
import type { DrillRecord, ReportFigures } from '../../shared/api/reports';
import { CONTRACT_STAGE_ID, QUOTE_STAGE_ID, rate } from '../../shared/reports/kpi';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { q, readBatch } from './readBatch';
import { dealRecords } from './drillRecords';
import { firstEntries, rankOf, stagesTable, type ReportScope } from './reportScope';

/**
 * Quote conversion: of the deals that first entered 报价 in the period, the share that went on to
 * 合同 or beyond (any later open or won stage, entered after the quote). Payment cycle: for the
 * deals that first entered a won stage (回款) in the period, the time since they last entered 合同.
 */
const quotedSql = (scope: ReportScope, range: Range) => sql`
  quoted AS MATERIALIZED (${firstEntries(scope, range, sql`= ${QUOTE_STAGE_ID}`)}),
  contracted AS (
    SELECT q.id FROM quoted q WHERE EXISTS (
      SELECT 1 FROM stage_changes sc JOIN st ON st.id = sc.to_stage_id
      WHERE sc.deal_id = q.id AND sc.deleted_at IS NULL AND sc.changed_at >= q.entered_at AND st.kind <> 'lost' AND st.idx >= (SELECT idx FROM st WHERE id = ${CONTRACT_STAGE_ID})
    )
  )`;

const paidSql = (scope: ReportScope, range: Range) => sql`
  paid AS MATERIALIZED (${firstEntries(scope, range, sql`IN (SELECT id FROM st WHERE kind = 'won')`)}),
  cycles AS MATERIALIZED (
    SELECT p.id, p.entered_at - (SELECT max(sc.changed_at) FROM stage_changes sc WHERE sc.deal_id = p.id AND sc.deleted_at IS NULL AND sc.to_stage_id = ${CONTRACT_STAGE_ID} AND sc.changed_at <= p.entered_at) AS dur FROM paid p
  )`;

export async function conversion(db: Db, scope: ReportScope, range: Range): Promise<ReportFigures<'conversion'>> {
  const [[counts], [cycle]] = await readBatch(db, [
    q<{ quoted: number; contracted: number }>(sql`WITH ${stagesTable(scope)}, ${quotedSql(scope, range)} SELECT (SELECT count(*) FROM quoted) AS quoted, (SELECT count(*) FROM contracted) AS contracted`),
    q<{ paid: number; medianMs: number | null; p90Ms: number | null }>(sql`WITH ${stagesTable(scope)}, ${paidSql(scope, range)},
      ranked AS (SELECT dur, ROW_NUMBER() OVER (ORDER BY dur) AS rn, COUNT(*) OVER () AS n FROM cycles WHERE dur IS NOT NULL)
      SELECT (SELECT count(*) FROM paid) AS paid, (SELECT dur FROM ranked WHERE rn = ${rankOf(50)}) AS medianMs, (SELECT dur FROM ranked WHERE rn = ${rankOf(90)}) AS p90Ms`),
  ]);
  return { quoted: counts!.quoted, contracted: counts!.contracted, quoteConversion: rate(counts!.contracted, counts!.quoted), paid: cycle!.paid, paymentMedianMs: cycle!.medianMs, paymentP90Ms: cycle!.p90Ms };
}

/** quoted, contracted, paid. */
export async function conversionRecords(db: Db, scope: ReportScope, range: Range, key: string): Promise<DrillRecord[] | null> {
  if (key === 'quoted') return dealRecords(db, sql`WITH ${stagesTable(scope)}, ${quotedSql(scope, range)} SELECT id FROM quoted`, 'created');
  if (key === 'contracted') return dealRecords(db, sql`WITH ${stagesTable(scope)}, ${quotedSql(scope, range)} SELECT id FROM contracted`, 'created');
  if (key === 'paid') return dealRecords(db, sql`WITH ${stagesTable(scope)}, ${paidSql(scope, range)} SELECT id FROM paid`, 'created');
  return null;
}
