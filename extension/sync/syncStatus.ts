import type { AppDb } from '../db/appDb';
import { getMeta, setMeta, type SyncStatus } from '../db/meta';
import { ApiCallError } from './apiClient';

export async function markSyncStatus(db: AppDb, next: { state: 'syncing' | 'idle' } | { error: unknown }): Promise<void> {
  const previous = await getMeta(db, 'syncStatus');
  const lastSyncedAt = previous?.lastSyncedAt ?? null;
  let status: SyncStatus;
  if ('state' in next && next.state === 'syncing' && (previous?.state === 'offline' || previous?.state === 'error')) {
    return; // a retry in progress is not news: keep saying offline (or the error) until it resolves
  }
  if ('state' in next) status = next.state === 'idle' ? { state: 'idle', lastSyncedAt: Date.now() } : { state: 'syncing', lastSyncedAt };
  else if (next.error instanceof ApiCallError && next.error.kind === 'offline') status = { state: 'offline', lastSyncedAt };
  else {
    const err = next.error;
    const message = err instanceof Error ? err.message : String(err);
    status = err instanceof ApiCallError ? { state: 'error', lastSyncedAt, message, code: err.code ?? 'http', params: err.details } : { state: 'error', lastSyncedAt, message, code: 'internal' };
  }
  await setMeta(db, 'syncStatus', status);
}
