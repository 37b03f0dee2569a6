import type { FollowUp } from '../../../shared/schema/followUp';
import { writeLocal } from '../../db/localWrite';
import type { Translate } from '../../i18n/translate';
import type { Locale } from '../../../shared/schema/primitives';
import { useApp } from '../appContext';
import { formatDate, isDueToday } from '../format';

/** The done box of a follow-up; unticking re-opens it. */
export function FollowUpDone({ followUp }: { followUp: FollowUp }) {
  const { db, me, t, nudgeSync } = useApp();
  async function toggle(done: boolean) {
    await writeLocal(db, me.user, [{ entity: 'followUp', op: 'update', recordId: followUp.id, fields: { doneAt: done ? Date.now() : null } }]);
    nudgeSync();
  }
  return <input type="checkbox" className="done-box" checked={followUp.doneAt !== null} onChange={(e) => void toggle(e.target.checked)} aria-label={t('followUp.done')} />;
}

/** Kind, due date, and overdue / today in the user's own time zone. */
export function followUpBadges(f: FollowUp, t: Translate, locale: Locale, timeZone?: string, now = Date.now()) {
  const overdue = f.doneAt === null && f.dueAt < now;
  const today = f.doneAt === null && !overdue && isDueToday(f.dueAt, now, timeZone);
  return (
    <>
      {t(`followUp.kind.${f.kind}`)} · {formatDate(f.dueAt, locale, timeZone)}
      {overdue && <span className="badge bad"> {t('followUp.overdue')}</span>}
      {today && <span className="badge"> {t('followUp.today')}</span>}
    </>
  );
}
