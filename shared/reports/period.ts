import { addDays, localDate, startOfLocalDay } from '../time/zoned';

/** The periods a report covers, in the viewer's own calendar (weeks start on Monday). */
export const PERIODS = ['week', 'month', 'quarter', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** A span of local days [fromDate, toDate] and the UTC instants it covers, [start, end). */
export interface Range {
  fromDate: string;
  toDate: string;
  start: number;
  end: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rangeOf(fromDate: string, toDate: string, timeZone: string): Range {
  return { fromDate, toDate, start: startOfLocalDay(fromDate, timeZone), end: startOfLocalDay(addDays(toDate, 1), timeZone) };
}

const monthStart = (date: string, monthsBack = 0) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - monthsBack, 1));
  return d.toISOString().slice(0, 10);
};
const monthsLater = (date: string, months: number) => monthStart(date, -months);

/**
 * The period containing `now` in `timeZone` (this week, month or quarter), or the custom days
 * given; each day begins at local midnight, so a DST change makes a day 23 or 25 hours long
 * and the period still ends exactly where the next begins.
 */
export function periodRange(period: Period, now: number, timeZone: string, custom?: { from: string; to: string }): Range {
  const today = localDate(now, timeZone);
  switch (period) {
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      const from = addDays(today, -weekday);
      return rangeOf(from, addDays(from, 6), timeZone);
    }
    case 'month': {
      const from = monthStart(today);
      return rangeOf(from, addDays(monthsLater(from, 1), -1), timeZone);
    }
    case 'quarter': {
      const month = Number(today.slice(5, 7));
      const from = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
      return rangeOf(from, addDays(monthsLater(from, 3), -1), timeZone);
    }
    case 'custom': {
      if (!custom || !DATE.test(custom.from) || !DATE.test(custom.to) || custom.from > custom.to) throw new RangeError('a custom period needs from ≤ to as yyyy-mm-dd');
      return rangeOf(custom.from, custom.to, timeZone);
    }
  }
}

/** The period before, to compare with: the previous week, month or quarter, or as many days before a custom span. */
export function previousRange(period: Period, range: Range, timeZone: string): Range {
  if (period === 'month') return rangeOf(monthStart(range.fromDate, 1), addDays(range.fromDate, -1), timeZone);
  if (period === 'quarter') return rangeOf(monthStart(range.fromDate, 3), addDays(range.fromDate, -1), timeZone);
  const days = Math.round((Date.UTC(...ymd(range.toDate)) - Date.UTC(...ymd(range.fromDate))) / 86_400_000) + 1;
  return rangeOf(addDays(range.fromDate, -days), addDays(range.fromDate, -1), timeZone);
}

const ymd = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m - 1, d];
};

/** Local weeks (Monday to Monday) from the week holding `range.start` to the end: activity volume's buckets. */
export function weekStarts(range: Range, timeZone: string): { date: string; start: number; end: number }[] {
  const weeks: { date: string; start: number; end: number }[] = [];
  for (let date = periodRange('week', range.start, timeZone).fromDate; startOfLocalDay(date, timeZone) < range.end; date = addDays(date, 7)) {
    weeks.push({ date, start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 7), timeZone) });
  }
  return weeks;
}

/** The local days of the range, each from its midnight to the next: follow-up punctuality's buckets. */
export function dayRanges(range: Range, timeZone: string): { date: string; start: number; end: number }[] {
  const days: { date: string; start: number; end: number }[] = [];
  for (let date = range.fromDate; date <= range.toDate; date = addDays(date, 1)) days.push({ date, start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 1), timeZone) });
  return days;
}

/** Local first days of month from the month holding `range.start` to the end: forecast and month-end buckets. */
export function monthStarts(range: Range, timeZone: string): { month: string; start: number; end: number }[] {
  const months: { month: string; start: number; end: number }[] = [];
  for (let date = monthStart(range.fromDate); startOfLocalDay(date, timeZone) < range.end; date = monthsLater(date, 1)) {
    months.push({ month: date.slice(0, 7), start: startOfLocalDay(date, timeZone), end: startOfLocalDay(monthsLater(date, 1), timeZone) });
  }
  return months;
}
