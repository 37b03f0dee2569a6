import { useLiveQuery } from 'dexie-react-hooks';
import { getMeta } from '../../db/meta';
import { useApp } from '../appContext';

/** synced / N pending / offline / error, always in words; click to sync now. */
export function SyncIndicator() {
  const { db, t, nudgeSync } = useApp();
  const status = useLiveQuery(() => getMeta(db, 'syncStatus'), [db]);
  const pending = useLiveQuery(() => db.outbox.where('status').equals('pending').count(), [db]) ?? 0;
  const refused = useLiveQuery(() => db.outbox.where('status').equals('rejected').count(), [db]) ?? 0;
  let label: string;
  let tone: 'ok' | 'busy' | 'warn' | 'bad';
  // "Synced" only when nothing waits: no pending change and no refusal the user has to settle.
  if (status?.state === 'offline') [label, tone] = [pending > 0 ? `${t('sync.offline')} · ${t.plural('sync.pending', pending)}` : t('sync.offline'), 'warn'];
  else if (status?.state === 'error') [label, tone] = [t('sync.error', { message: t.error(status) }), 'bad'];
  else if (pending > 0) [label, tone] = [t.plural('sync.pending', pending), 'busy'];
  else if (refused > 0) [label, tone] = [t('sync.attention'), 'warn'];
  else if (status?.state === 'syncing') [label, tone] = [t('sync.syncing'), 'busy'];
  else if (status?.lastSyncedAt) [label, tone] = [t('sync.synced'), 'ok'];
  else [label, tone] = [t('sync.never'), 'busy'];
  return (
    <button type="button" className={`sync sync-${tone}`} data-testid="sync-status" data-state={status?.state ?? 'none'} data-pending={pending} onClick={nudgeSync} title={t('sync.now')}>
      <span className="dot" aria-hidden="true" />
      <span role="status">{label}</span>
    </button>
  );
}
