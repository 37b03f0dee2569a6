/**
 * When the browser reminds of a follow-up: when it falls due, and (per the user's profile) one
 * hour and one day before. Pure, so it is tested without a browser.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ReminderKind = 'due' | 'hour' | 'day';
export interface Reminder {
  followUpId: string;
  kind: ReminderKind;
  at: number;
}

/** Follow-ups further out than this get their alarms on a later pass (Chrome keeps alarms cheap, not free). */
export const REMINDER_HORIZON_MS = 8 * DAY;

/** A reminder whose moment passed less than this ago still fires (the browser was closed, the alarm late). */
export const LATE_GRACE_MS = 10 * 60_000;

export function reminderName(r: Pick<Reminder, 'followUpId' | 'kind'>): string {
  return `reminder:${r.kind}:${r.followUpId}`;
}

export function parseReminderName(name: string): Pick<Reminder, 'followUpId' | 'kind'> | null {
  const match = /^reminder:(due|hour|day):(\w+)$/.exec(name);
  return match ? { kind: match[1] as ReminderKind, followUpId: match[2]! } : null;
}

export function remindersFor(
  followUps: { id: string; dueAt: number; doneAt: number | null; deletedAt: number | null }[],
  prefs: { remindDayBefore: boolean; remindHourBefore: boolean },
  now: number,
): Reminder[] {
  const out: Reminder[] = [];
  for (const f of followUps) {
    if (f.doneAt !== null || f.deletedAt !== null || f.dueAt > now + REMINDER_HORIZON_MS) continue;
    const moments: [ReminderKind, number][] = [['due', f.dueAt]];
    if (prefs.remindHourBefore) moments.push(['hour', f.dueAt - HOUR]);
    if (prefs.remindDayBefore) moments.push(['day', f.dueAt - DAY]);
    for (const [kind, at] of moments) if (at > now - LATE_GRACE_MS) out.push({ followUpId: f.id, kind, at });
  }
  return out;
}
