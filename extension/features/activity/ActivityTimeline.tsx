import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { formatDateTime } from '../format';

const SHOWN = 100;

/** A record's activities, newest first, read from a per-record index (at most 100). */
export function ActivityTimeline({ filter }: { filter: { dealId?: string; contactId?: string; companyId?: string } }) {
  const { db, me, t, locale } = useApp();
  const [field, id] = filter.dealId ? ['dealId', filter.dealId] : filter.contactId ? ['contactId', filter.contactId] : ['companyId', filter.companyId ?? ''];
  const items = useLiveQuery(
    () =>
      db.activity
        .where(`[${field}+occurredAt]`)
        .between([id, Dexie.minKey], [id, Dexie.maxKey])
        .reverse()
        .filter((a) => a.deletedAt === null)
        .limit(SHOWN)
        .toArray(),
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
              {a.recordedAt - a.occurredAt > 48 * 3_600_000 && <span className="badge warn">{t('activity.backfilled')}</span>}
              {a.body && <p>{a.body}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
