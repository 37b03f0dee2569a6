import { useLiveQuery } from 'dexie-react-hooks';
import { discardRejected, retryRejected } from '../../sync/rejected';
import { useApp } from '../appContext';

/**
 * Changes the server refused stay here with the reason until the user retries or discards them.
 * Discarding rebuilds the cache from the server so the record shows the server's version again.
 */
export function RejectedChanges() {
  const { db, t, nudgeSync } = useApp();
  const rejected = useLiveQuery(() => db.outbox.where('status').equals('rejected').sortBy('seq'), [db]) ?? [];
  if (rejected.length === 0) return null;

  async function discard(seq: number) {
    await discardRejected(db, seq);
    nudgeSync();
  }
  async function retry(seq: number) {
    await retryRejected(db, seq);
    nudgeSync();
  }

  return (
    <section className="card rejected" aria-labelledby="rejected-title" data-testid="rejected">
      <h2 id="rejected-title">{t('rejected.title')}</h2>
      <p className="muted">{t('rejected.help')}</p>
      <ul>
        {rejected.map((entry) => (
          <li key={entry.seq}>
            <div>
              <strong>
                {entry.entity} · {entry.mutation.op}
              </strong>
              <div className="error">
                {entry.error?.message}
                {entry.error?.field ? ` (${entry.error.field})` : ''}
              </div>
            </div>
            <div className="row">
              <button type="button" onClick={() => retry(entry.seq!)}>
                {t('rejected.retry')}
              </button>
              <button type="button" onClick={() => discard(entry.seq!)}>
                {t('rejected.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
