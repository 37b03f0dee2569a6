import { useLiveQuery } from 'dexie-react-hooks';
import type { MessageKey } from '../../i18n/messages';
import type { OutboxEntry } from '../../db/appDb';
import { discardRejected, retryRejected } from '../../sync/rejected';
import { useApp } from '../appContext';
import { useOwnerName } from '../owner/useOwnerName';
import { AskForCustomer } from '../claims/AskForCustomer';

/**
 * Changes the server refused stay here with the reason until the user retries or discards them.
 * Discarding rebuilds the cache from the server so the record shows the server's version again.
 */
export function RejectedChanges() {
  const { db, t, nudgeSync, navigate } = useApp();
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
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  if (entry.entity === 'deal' || entry.entity === 'contact' || entry.entity === 'company' || entry.entity === 'followUp') navigate({ name: entry.entity, id: entry.recordId });
                }}
              >
                <RecordTitle entry={entry} />
              </a>
              <div className="error">
                <RefusalReason entry={entry} />
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

/** "Deal “云启 CRM” · edit": the record by its name, never by its id. */
function RecordTitle({ entry }: { entry: OutboxEntry }) {
  const { db, t } = useApp();
  const record = useLiveQuery(async () => (await db.records(entry.entity).get(entry.recordId)) as Record<string, unknown> | undefined, [db, entry.entity, entry.recordId]);
  const fields = 'fields' in entry.mutation ? (entry.mutation.fields as Record<string, unknown>) : {};
  const name = String(record?.name ?? record?.title ?? record?.subject ?? fields.name ?? fields.title ?? fields.subject ?? '…');
  return <strong>{t('rejected.change', { entity: t(`entity.${entry.entity}`), record: name, op: t(`op.${entry.mutation.op}`) })}</strong>;
}

/** The refusal by its code, in the user's language, naming the field and any existing owner. */
function RefusalReason({ entry }: { entry: OutboxEntry }) {
  const { t } = useApp();
  const ownerName = useOwnerName();
  const { me } = useApp();
  const error = entry.error as (OutboxEntry['error'] & { existing?: { entity: string; id: string; ownerId: string; ownerName: string } }) | undefined;
  const owner = error?.existing ? error.existing.ownerName || ownerName(error.existing.ownerId) : '';
  const text = error?.existing ? t('error.conflictOwned', { name: owner }) : t.error(error);
  const fieldKey = `field.${entry.entity}.${error?.field ?? ''}` as MessageKey;
  const field = error?.field ? (t(fieldKey) === fieldKey ? error.field : t(fieldKey)) : null;
  // A teammate already has this customer (撞单): ask them for it rather than keep a twin.
  const ask = error?.existing?.entity === 'contact' && error.existing.ownerId !== me.user.id;
  return (
    <>
      {field ? t('error.field', { message: text, field }) : text} {ask && <AskForCustomer contactId={error.existing!.id} ownerName={owner} />}
    </>
  );
}
