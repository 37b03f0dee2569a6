/**
 * Process rules the digests (and later the board and reports) share. Editing a deal's fields is
 * not activity: only a logged activity (call, visit, email…) counts.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** An open deal with no activity for `staleAfterDays` (counted from its creation when it has none). */
export function isStale(deal: { createdAt: number; lastActivityAt: number | null }, now: number, staleAfterDays: number): boolean {
  return (deal.lastActivityAt ?? deal.createdAt) < now - staleAfterDays * DAY;
}

/** Whole days since the last activity (or creation). */
export function daysIdle(deal: { createdAt: number; lastActivityAt: number | null }, now: number): number {
  return Math.floor((now - (deal.lastActivityAt ?? deal.createdAt)) / DAY);
}

/** Leads older than this are no longer "new": waiting past the target is a report's business then. */
export const NEW_LEAD_WINDOW_DAYS = 14;

/** A new lead with no activity yet, past the team's first-response target. */
export function isWaitingLead(contact: { createdAt: number; firstActivityAt: number | null }, now: number, firstResponseHours: number): boolean {
  return contact.firstActivityAt === null && contact.createdAt < now - firstResponseHours * HOUR && contact.createdAt > now - NEW_LEAD_WINDOW_DAYS * DAY;
}
