import { ulid } from 'ulidx';
import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import { ApiCallError, createApiClient, type ApiClient } from './apiClient';
import { backoffDelay } from './backoff';
import { markSyncStatus } from './syncStatus';
import { syncOnce } from './syncOnce';
import { reindexSearch } from '../search/reindex';

/**
 * Runs sync rounds one at a time. A request while a round runs queues exactly one more round,
 * so a change saved mid-sync is pushed without waiting for the alarm. A failed round retries
 * with jittered exponential backoff; the one-minute alarm and reconnects also start rounds.
 * The Web Lock keeps two extension contexts (say, a restarted service worker and a stale one)
 * from pushing at once.
 */
export function createSyncRunner(db: AppDb) {
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function round(): Promise<boolean> {
    const session = await getMeta(db, 'session');
    if (!session || (await getMeta(db, 'signedOut'))) return true;
    let clientId = await getMeta(db, 'clientId');
    if (!clientId) {
      clientId = ulid();
      await setMeta(db, 'clientId', clientId);
    }
    const api = createApiClient(session.apiUrl, session.token);
    await markSyncStatus(db, { state: 'syncing' });
    try {
      await syncOnce(db, api, clientId);
      await refreshMe(db, api);
      await markSyncStatus(db, { state: 'idle' });
      // After a first sync, which leaves search keys out, add them (a no-op when current).
      void reindexSearch(db).catch((err) => console.warn('search reindex failed', err instanceof Error ? err.message : err));
      return true;
    } catch (err) {
      if (err instanceof ApiCallError && err.status === 401) {
        // Signed out from elsewhere: no retrying a token that will never work again.
        await setMeta(db, 'signedOut', { at: Date.now() });
        await markSyncStatus(db, { error: err });
        return true;
      }
      await markSyncStatus(db, { error: err });
      return false;
    }
  }

  function withLock(fn: () => Promise<boolean>): Promise<boolean> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request('sidecar-sync', fn) as unknown as Promise<boolean>) : fn();
  }

  function requestSync(): Promise<void> {
    clearTimeout(retryTimer);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let ok = true;
      do {
        again = false;
        ok = await withLock(round);
      } while (again);
      failures = ok ? 0 : failures + 1;
      if (!ok) retryTimer = setTimeout(() => void requestSync(), backoffDelay(failures));
    })().finally(() => {
      running = null;
    });
    return running;
  }
  return requestSync;
}

/**
 * Members, roles and the profile change on other devices too, and 撞单 requests arrive from
 * teammates: both are read each round and written only when they changed.
 */
async function refreshMe(db: AppDb, api: ApiClient): Promise<void> {
  const [me, claims] = await Promise.all([api.me(), api.listClaims()]);
  if (JSON.stringify(me) !== JSON.stringify(await getMeta(db, 'me'))) await setMeta(db, 'me', me);
  if (JSON.stringify(claims) !== JSON.stringify(await getMeta(db, 'claims'))) await setMeta(db, 'claims', claims);
}
