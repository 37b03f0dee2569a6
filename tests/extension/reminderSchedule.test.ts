import { describe, expect, it } from 'vitest';
import { LATE_GRACE_MS, parseReminderName, REMINDER_HORIZON_MS, reminderName, remindersFor } from '../../extension/reminders/reminderSchedule';

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 3, 2, 0);
const open = (id: string, dueAt: number) => ({ id, dueAt, doneAt: null, deletedAt: null });

describe('follow-up reminder schedule', () => {
  it('reminds when due, and an hour and a day before as the profile asks', () => {
    const due = now + 30 * HOUR;
    expect(remindersFor([open('A', due)], { remindDayBefore: true, remindHourBefore: true }, now)).toEqual([
      { followUpId: 'A', kind: 'due', at: due },
      { followUpId: 'A', kind: 'hour', at: due - HOUR },
      { followUpId: 'A', kind: 'day', at: due - 24 * HOUR },
    ]);
    expect(remindersFor([open('A', due)], { remindDayBefore: false, remindHourBefore: false }, now).map((r) => r.kind)).toEqual(['due']);
  });

  it('skips done, deleted, far-off follow-ups and moments long past; keeps one just missed', () => {
    const prefs = { remindDayBefore: true, remindHourBefore: true };
    expect(remindersFor([{ ...open('A', now + HOUR), doneAt: now }], prefs, now)).toEqual([]);
    expect(remindersFor([{ ...open('A', now + HOUR), deletedAt: now }], prefs, now)).toEqual([]);
    expect(remindersFor([open('A', now + REMINDER_HORIZON_MS + 1)], prefs, now)).toEqual([]);
    // Due in 30 minutes: the "hour before" moment passed 30 minutes ago, beyond the grace; the day one long ago.
    expect(remindersFor([open('A', now + 30 * 60_000)], prefs, now).map((r) => r.kind)).toEqual(['due']);
    // Due 5 minutes ago (the browser was closed): still shown.
    expect(remindersFor([open('A', now - LATE_GRACE_MS / 2)], prefs, now).map((r) => r.kind)).toEqual(['due']);
  });

  it('names alarms so they can be told apart and parsed back', () => {
    const name = reminderName({ followUpId: '01JD0000000000000000000000', kind: 'hour' });
    expect(parseReminderName(name)).toEqual({ followUpId: '01JD0000000000000000000000', kind: 'hour' });
    expect(parseReminderName('sidecar-sync')).toBeNull();
  });
});
