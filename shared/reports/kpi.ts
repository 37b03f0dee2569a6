/**
 * The process KPIs, defined once: the worker computes them in SQL with these numbers and rules,
 * tests work them out by hand with the same ones, and README explains each in words.
 *
 * - Percentiles are nearest-rank: p50 of n values is the ⌈n·50/100⌉-th smallest, p90 the ⌈n·90/100⌉-th.
 * - A rate is part / whole, or null when the whole is 0 (an empty period says "no data", not 0 %).
 * - Deleted records count nowhere. Records are counted for their current owner (a reassigned
 *   deal moves to its new owner's figures) and their company's current grade.
 */

/** Nearest-rank position (1-based) of the p-th percentile among n sorted values. */
export function nearestRank(n: number, p: number): number {
  return Math.max(1, Math.ceil((n * p) / 100));
}

/** The p-th percentile of values by nearest rank, or null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(sorted.length, p) - 1]!;
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Activity recorded in the last this many local days of its month counts as month-end recording. */
export const MONTH_END_DAYS = 3;

/** Quote conversion is 报价 → 合同; payment cycle is 合同 → the won stage (回款). By stage id. */
export const QUOTE_STAGE_ID = 'quote';
export const CONTRACT_STAGE_ID = 'contract';

/** The longest custom period a report covers (follow-up punctuality is decided per local day). */
export const MAX_PERIOD_DAYS = 400;
