import { ulid } from 'ulidx';
import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import { createApiClient } from './apiClient';
import { markSyncStatus } from './syncStatus';
import { syncOnce } from './syncOnce';

/**
 * Runs sync rounds one at a time. A request while a round runs queues exactly one more round,
 * so a change saved mid-sync is pushed without waiting for the alarm. The Web Lock keeps two
 * extension contexts (say, a restarted service worker and a stale one) from pushing at once.
 */
export function createSyncRunner(db: AppDb) {
  let running: Promise<void> | null = null;
  let again = false;

  async function round(): Promise<void> {
    const session = await getMeta(db, 'session');
    if (!session) return;
    let clientId = await getMeta(db, 'clientId');
    if (!clientId) {
      clientId = ulid();
      await setMeta(db, 'clientId', clientId);
    }
    const api = createApiClient(session.apiUrl, session.token);
    await markSyncStatus(db, { state: 'syncing' });
    try {
      await syncOnce(db, api, clientId);
      await markSyncStatus(db, { state: 'idle' });
    } catch (err) {
      await markSyncStatus(db, { error: err });
    }
  }

  function withLock(fn: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? locks.request('sidecar-sync', fn).then(() => undefined) : fn();
  }

  return function requestSync(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await withLock(round);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
