import { useLiveQuery } from 'dexie-react-hooks';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';
import { formatDate } from '../format';

/** Open follow-ups first by due date, overdue marked; done ones can be undone. */
export function FollowUpList({ filter, query = '' }: { filter: { dealId?: string; contactId?: string }; query?: string }) {
  const { db, me, t, locale, nudgeSync } = useApp();
  const items = useLiveQuery(
    () =>
      db.followUp
        .orderBy('dueAt')
        .filter((f) => f.deletedAt === null && (!filter.dealId || f.dealId === filter.dealId) && (!filter.contactId || f.contactId === filter.contactId))
        .toArray(),
    [db, filter.dealId, filter.contactId],
  );
  if (!items) return <p className="muted">{t('list.loading')}</p>;
  const q = query.trim().toLowerCase();
  const shown = items
    .filter((f) => q === '' || f.title.toLowerCase().includes(q))
    .sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || a.dueAt - b.dueAt);
  if (shown.length === 0) return <p className="empty">{q ? t('list.noMatch', { query }) : t('list.empty.followUps')}</p>;
  const now = Date.now();
  const endOfToday = new Date().setHours(23, 59, 59, 999);

  async function toggle(id: string, done: boolean) {
    await writeLocal(db, me.user, [{ entity: 'followUp', op: 'update', recordId: id, fields: { doneAt: done ? Date.now() : null } }]);
    nudgeSync();
  }

  return (
    <ul className="records follow-ups" data-testid="follow-up-list">
      {shown.map((f) => {
        const overdue = f.doneAt === null && f.dueAt < now;
        const today = f.doneAt === null && !overdue && f.dueAt <= endOfToday;
        return (
          <li key={f.id} className={f.doneAt ? 'done' : overdue ? 'overdue' : ''}>
            <label className="check">
              <input type="checkbox" checked={f.doneAt !== null} onChange={(e) => toggle(f.id, e.target.checked)} aria-label={t('followUp.done')} />
              <span>
                <span className="title">{f.title}</span>
                <span className="sub">
                  {t(`followUp.kind.${f.kind}`)} · {formatDate(f.dueAt, locale)}
                  {overdue && <span className="badge bad"> {t('followUp.overdue')}</span>}
                  {today && <span className="badge"> {t('followUp.today')}</span>}
                </span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
