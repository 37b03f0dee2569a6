/**
 * An activity recorded more than 48 hours after the time it says it happened is back-filled:
 * the timeline marks it, and digests and reports count it (month-end back-filling makes data fiction).
 */
export const BACKFILL_AFTER_MS = 48 * 3_600_000;

export function isBackfilled(activity: { occurredAt: number; recordedAt: number }): boolean {
  return activity.recordedAt - activity.occurredAt > BACKFILL_AFTER_MS;
}
