import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import { ensurePinyin } from './searchKeys';

/** Bump when search keys or sort keys are derived differently; cached rows are then re-keyed. */
export const SEARCH_KEYS_VERSION = 2;
/** Small transactions, so a user's write or a sync round waits at most one chunk behind re-keying. */
const CHUNK = 250;

/**
 * Re-writes every indexed row so the middleware derives its keys again: after the v3 upgrade
 * (which ran before pinyin could load), after a first sync (which leaves search keys out, see
 * syncOnce) and whenever SEARCH_KEYS_VERSION changes. Runs in chunks so the cache stays usable;
 * rows written meanwhile are keyed by their own write.
 */
export function reindexSearch(db: AppDb): Promise<boolean> {
  // One re-keying at a time per database; callers asking meanwhile share it.
  let running = inFlight.get(db);
  if (!running) {
    running = rekey(db).finally(() => inFlight.delete(db));
    inFlight.set(db, running);
  }
  return running;
}

const inFlight = new WeakMap<AppDb, Promise<boolean>>();

async function rekey(db: AppDb): Promise<boolean> {
  if (db.deferSearchKeys || (await getMeta(db, 'searchKeysVersion')) === SEARCH_KEYS_VERSION) return false;
  const generation = db.searchKeysGeneration;
  await ensurePinyin();
  for (const entity of ['contact', 'company', 'deal', 'followUp'] as const) {
    const table = db.records(entity) as unknown as import('dexie').Table<{ id: string }, string>;
    let last: string | undefined;
    for (;;) {
      // Keys only here; the rows are read inside the write transaction, so none is stale.
      const ids = await (last === undefined ? table.orderBy('id') : table.where('id').above(last)).limit(CHUNK).primaryKeys();
      if (ids.length === 0) break;
      await db.transaction('rw', table, async () => {
        const rows = await table.bulkGet(ids);
        await table.bulkPut(rows.filter((r) => r !== undefined));
      });
      last = ids.at(-1)!;
    }
  }
  // A first sync that started meanwhile wrote rows without keys: leave the version unset so the
  // next call keys them.
  if (db.deferSearchKeys || db.searchKeysGeneration !== generation) return false;
  await setMeta(db, 'searchKeysVersion', SEARCH_KEYS_VERSION);
  return true;
}
