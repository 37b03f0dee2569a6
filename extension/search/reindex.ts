import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import { ensurePinyin } from './searchKeys';

/** Bump when search keys or sort keys are derived differently; cached rows are then re-keyed. */
export const SEARCH_KEYS_VERSION = 1;
const CHUNK = 2000;

/**
 * Re-writes every indexed row so the middleware derives its keys again: after the v3 upgrade
 * (which ran before pinyin could load) and whenever SEARCH_KEYS_VERSION changes. Runs in chunks
 * so the cache stays usable; rows written meanwhile are keyed by their own write.
 */
export async function reindexSearch(db: AppDb): Promise<boolean> {
  if ((await getMeta(db, 'searchKeysVersion')) === SEARCH_KEYS_VERSION) return false;
  await ensurePinyin();
  for (const entity of ['contact', 'company', 'deal', 'followUp'] as const) {
    const table = db.records(entity) as unknown as import('dexie').Table<{ id: string }, string>;
    let last: string | undefined;
    for (;;) {
      const rows = await (last === undefined ? table.orderBy('id') : table.where('id').above(last)).limit(CHUNK).toArray();
      if (rows.length === 0) break;
      await db.transaction('rw', table, async () => {
        const fresh = await table.bulkGet(rows.map((r) => r.id));
        await table.bulkPut(fresh.filter((r) => r !== undefined) as typeof rows);
      });
      last = rows.at(-1)!.id;
    }
  }
  await setMeta(db, 'searchKeysVersion', SEARCH_KEYS_VERSION);
  return true;
}
