import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { FollowUpDone, followUpBadges } from './followUpRow';

/** A record's follow-ups: open ones first by due date, overdue marked; click one to edit it. */
export function FollowUpList({ filter }: { filter: { dealId?: string; contactId?: string } }) {
  const { db, me, t, locale, navigate } = useApp();
  const items = useLiveQuery(() => {
    const rows = filter.dealId ? db.followUp.where('dealId').equals(filter.dealId) : db.followUp.where('contactId').equals(filter.contactId ?? '');
    return rows.filter((f) => f.deletedAt === null).toArray();
  }, [db, filter.dealId, filter.contactId]);
  if (!items) return <p className="muted">{t('list.loading')}</p>;
  const shown = items.sort((a, b) => Number(a.doneAt !== null) - Number(b.doneAt !== null) || a.dueAt - b.dueAt);
  if (shown.length === 0) return <p className="empty">{t('list.empty.followUps')}</p>;
  return (
    <ul className="records follow-ups" data-testid="follow-up-list">
      {shown.map((f) => (
        <li key={f.id} className={f.doneAt ? 'done' : f.dueAt < Date.now() ? 'overdue' : ''}>
          <FollowUpDone followUp={f} />
          <button type="button" className="record-row" onClick={() => navigate({ name: 'followUp', id: f.id })}>
            <span className="title">{f.title}</span>
            <span className="sub">{followUpBadges(f, t, locale, me.user.timeZone)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
