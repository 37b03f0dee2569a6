/**
 * Wall-clock time in an IANA zone, from Intl alone (no time-zone database of our own): the
 * extension shows and reads dates with it, and the worker decides when each user's local day
 * and digest hour begin.
 */

/** yyyy-mm-dd in `timeZone` (the host's when omitted). */
export function localDate(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** The hour (0–23) on the wall clock of `timeZone`. */
export function localHour(ms: number, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric' }).format(ms));
}

/** yyyy-mm-ddThh:mm on the wall clock of `timeZone`. */
export function localDateTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A wall time (yyyy-mm-ddThh:mm) in `timeZone` as UTC ms. A time that does not exist (skipped
 * by a DST change) lands just after the gap; a repeated one takes its first occurrence.
 */
export function wallTimeToUtc(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
  return guess - zoneOffsetMs(guess - zoneOffsetMs(guess, timeZone), timeZone);
}

/** Where the local day `date` (yyyy-mm-dd) begins, in UTC ms. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return wallTimeToUtc(`${date}T00:00`, timeZone)!;
}

/** The calendar day before or after a yyyy-mm-dd date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(utcMs)
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}
