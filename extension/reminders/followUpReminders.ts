import { browser } from 'wxt/browser';
import { openInPanel } from '../navigation/openInPanel';
import type { AppDb } from '../db/appDb';
import { writeLocal } from '../db/localWrite';
import { getMeta } from '../db/meta';
import { translator, defaultLocale } from '../i18n/translate';
import { parseReminderName, reminderName, remindersFor } from './reminderSchedule';

const HOUR = 3_600_000;
const NOTIFICATION_PREFIX = 'followUp:';

/**
 * Browser reminders for the user's own follow-ups, from the local cache alone (so they work
 * offline): one chrome.alarms alarm per reminder, rescheduled after every sync and local
 * change; when one fires, a notification with "Snooze 1 h" and "Done", which write through the
 * outbox like any other change. Clicking the notification opens the follow-up in the side panel.
 */
export function createFollowUpReminders(db: AppDb, afterWrite: () => void) {
  /** Makes the alarms match the cache: new ones created, moved ones moved, stale ones cleared. */
  async function reschedule(now = Date.now()): Promise<void> {
    const me = await getMeta(db, 'me');
    const wanted = new Map<string, number>();
    if (me && !(await getMeta(db, 'signedOut'))) {
      const mine = await db.records('followUp').where('ownerId').equals(me.user.id).toArray();
      for (const r of remindersFor(mine as never, me.user, now)) wanted.set(reminderName(r), Math.max(r.at, now + 1000));
    }
    const existing = await browser.alarms.getAll();
    for (const alarm of existing) {
      if (!parseReminderName(alarm.name)) continue;
      const at = wanted.get(alarm.name);
      if (at === undefined) await browser.alarms.clear(alarm.name);
      else if (Math.abs(alarm.scheduledTime - at) < 1000) wanted.delete(alarm.name);
    }
    for (const [name, when] of wanted) await browser.alarms.create(name, { when });
  }

  /** An alarm fired: show the notification if the follow-up is still open. */
  async function onAlarm(name: string): Promise<boolean> {
    const reminder = parseReminderName(name);
    if (!reminder) return false;
    const followUp = (await db.records('followUp').get(reminder.followUpId)) as { id: string; title: string; dueAt: number; doneAt: number | null; deletedAt: number | null } | undefined;
    if (!followUp || followUp.doneAt !== null || followUp.deletedAt !== null) return true;
    const me = await getMeta(db, 'me');
    const t = translator((await getMeta(db, 'locale')) ?? me?.user.locale ?? defaultLocale());
    const when = new Intl.DateTimeFormat(me?.user.locale ?? 'en', { timeZone: me?.user.timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(followUp.dueAt);
    await browser.notifications.create(`${NOTIFICATION_PREFIX}${followUp.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon-128.png'),
      title: t(`reminder.${reminder.kind}`),
      message: `${followUp.title} · ${when}`,
      buttons: [{ title: t('reminder.snooze') }, { title: t('reminder.done') }],
      requireInteraction: true,
    });
    return true;
  }

  /** "Snooze 1 h" moves the follow-up an hour from now; "Done" completes it. Both sync. */
  async function onButton(notificationId: string, buttonIndex: number, now = Date.now()): Promise<void> {
    if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
    const id = notificationId.slice(NOTIFICATION_PREFIX.length);
    const me = await getMeta(db, 'me');
    if (!me) return;
    const fields = buttonIndex === 0 ? { dueAt: now + HOUR } : { doneAt: now };
    await writeLocal(db, me.user, [{ entity: 'followUp', op: 'update', recordId: id, fields }], now);
    await browser.notifications.clear(notificationId);
    afterWrite();
    await reschedule(now);
  }

  /** Clicking the notification: the side panel opens on the follow-up. */
  async function onClick(notificationId: string): Promise<void> {
    if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
    const [win] = await browser.windows.getAll({ windowTypes: ['normal'] }).catch(() => []);
    await openInPanel(db, { name: 'followUp', id: notificationId.slice(NOTIFICATION_PREFIX.length) }, win?.id !== undefined ? { windowId: win.id } : undefined);
    await browser.notifications.clear(notificationId);
  }

  return { reschedule, onAlarm, onButton, onClick };
}
