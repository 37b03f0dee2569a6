import { useLiveQuery } from 'dexie-react-hooks';
import { isBackfilled } from '../../../shared/rules/backfill';
import { useApp } from '../appContext';
import { formatDateTime } from '../format';

const SHOWN = 100;

/** A record's activities, newest first (at most 100). */
export function ActivityTimeline({ filter }: { filter: { dealId?: string; contactId?: string; companyId?: string } }) {
  const { db, me, t, locale } = useApp();
  const [field, id] = filter.dealId ? ['dealId', filter.dealId] : filter.contactId ? ['contactId', filter.contactId] : ['companyId', filter.companyId ?? ''];
  // A record's activities are few; sorting them here beats an extra index on every activity row.
  const items = useLiveQuery(
    async () =>
      (await db.activity.where(field).equals(id).toArray())
        .filter((a) => a.deletedAt === null)
        .sort((a, b) => b.occurredAt - a.occurredAt)
        .slice(0, SHOWN),
    [db, field, id],
  );
  return (
    <section>
      <h3>{t('activity.timeline')}</h3>
      {!items ? (
        <p className="muted">{t('list.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('activity.none')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {items.map((a) => (
            <li key={a.id}>
              <span className="badge">{t(`activity.kind.${a.kind}`)}</span> <strong>{a.subject}</strong>{' '}
              <span className="muted">{formatDateTime(a.occurredAt, locale, me.user.timeZone)}</span>
              {isBackfilled(a) && <span className="badge warn">{t('activity.backfilled')}</span>}
              {a.body && <p>{a.body}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
