import { localDate, localDateTime, wallTimeToUtc } from '../../shared/time/zoned';
import type { Locale } from '../../shared/schema/primitives';

export function formatDate(ms: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(ms);
}

export function formatDateTime(ms: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

/** Whether `ms` falls on the same calendar day as `now` in the user's zone. */
export function isDueToday(ms: number, now: number, timeZone?: string): boolean {
  return toDateInput(ms, timeZone) === toDateInput(now, timeZone);
}

/** yyyy-mm-ddThh:mm in the user's zone, for <input type="datetime-local">. */
export function toDateTimeInput(ms: number, timeZone: string): string {
  return localDateTime(ms, timeZone);
}

/** A datetime-local value read as wall time in the user's zone, in UTC ms. */
export function fromDateTimeInput(value: string, timeZone: string): number | null {
  return wallTimeToUtc(value, timeZone);
}

/** yyyy-mm-dd in the user's own time zone, for <input type="date">. */
export function toDateInput(ms: number, timeZone?: string): string {
  return localDate(ms, timeZone);
}

/** A date input's value as the end of that local day's working hours (18:00) in the user's zone, in UTC ms. */
export function fromDateInput(value: string, timeZone: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? fromDateTimeInput(`${value}T18:00`, timeZone) : null;
}
