import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { formatDateTime } from '../format';

export function ActivityTimeline({ filter }: { filter: { dealId?: string; contactId?: string; companyId?: string } }) {
  const { db, t, locale } = useApp();
  const items = useLiveQuery(
    () =>
      db.activity
        .orderBy('occurredAt')
        .reverse()
        .filter((a) => a.deletedAt === null && (!filter.dealId || a.dealId === filter.dealId) && (!filter.contactId || a.contactId === filter.contactId) && (!filter.companyId || a.companyId === filter.companyId))
        .toArray(),
    [db, filter.dealId, filter.contactId, filter.companyId],
  );
  return (
    <section>
      <h3>{t('activity.timeline')}</h3>
      {!items || items.length === 0 ? (
        <p className="empty">{t('activity.none')}</p>
      ) : (
        <ol className="timeline">
          {items.map((a) => (
            <li key={a.id}>
              <span className="badge">{a.kind}</span> <strong>{a.subject}</strong> <span className="muted">{formatDateTime(a.occurredAt, locale)}</span>
              <p>{a.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
