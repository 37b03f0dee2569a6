import Dexie, { type Collection } from 'dexie';
import type { AppDb } from '../../db/appDb';
import { parseQuery, rankKeys } from '../../search/searchKeys';

/** The entities with a list tab; each is read through its own indexes (db/appDb.ts STORES_V3). */
export type ListEntity = 'deal' | 'contact' | 'company' | 'followUp';

interface ListIndex {
  /** Compound index of live rows in list order, and the same per owner. */
  order: string;
  byOwner: string;
  /** `_live` values listed: follow-ups list open (1) then done (2). */
  live: [number, number];
  newestFirst: boolean;
}

const indexes: Record<ListEntity, ListIndex> = {
  contact: { order: '[_live+_sort]', byOwner: '[ownerId+_live+_sort]', live: [1, 1], newestFirst: false },
  company: { order: '[_live+_sort]', byOwner: '[ownerId+_live+_sort]', live: [1, 1], newestFirst: false },
  deal: { order: '[_live+updatedAt]', byOwner: '[ownerId+_live+updatedAt]', live: [1, 1], newestFirst: true },
  followUp: { order: '[_live+dueAt]', byOwner: '[ownerId+_live+dueAt]', live: [1, 2], newestFirst: false },
};

type AnyRow = { id: string; ownerId: string; _words?: string[]; _sort?: string };

function liveRows(db: AppDb, entity: ListEntity, ownerId: string | null): Collection<AnyRow, string> {
  const { order, byOwner, live, newestFirst } = indexes[entity];
  const table = db.records(entity) as unknown as Dexie.Table<AnyRow, string>;
  const collection = ownerId
    ? table.where(byOwner).between([ownerId, live[0], Dexie.minKey], [ownerId, live[1], Dexie.maxKey])
    : table.where(order).between([live[0], Dexie.minKey], [live[1], Dexie.maxKey]);
  return newestFirst ? collection.reverse() : collection;
}

/** How many live rows the list has (a native index count, no rows read). */
export function countLive(db: AppDb, entity: ListEntity, ownerId: string | null): Promise<number> {
  return liveRows(db, entity, ownerId).count();
}

/** Rows offset..offset+limit of the list, read straight from the index. */
export function pageLive<T>(db: AppDb, entity: ListEntity, ownerId: string | null, offset: number, limit: number): Promise<T[]> {
  return liveRows(db, entity, ownerId).offset(offset).limit(limit).toArray() as unknown as Promise<T[]>;
}

/** At most this many index hits are ranked per keystroke; enough for a page of good answers. */
const CANDIDATES = 400;

/**
 * Local search: a prefix lookup in the `_words` index (one range per probe, limited), then
 * ranking of those few candidates: exact match, then prefix of the record's own words, then
 * substrings and pinyin; ties in list order. Deleted rows and other owners are dropped here.
 */
export async function searchList<T>(db: AppDb, entity: ListEntity, text: string, ownerId: string | null, limit = 200): Promise<T[]> {
  const query = parseQuery(text);
  if (!query) return [];
  const table = db.records(entity) as unknown as Dexie.Table<AnyRow & { _live: number }, string>;
  const hits = await table.where('_words').startsWithAnyOf(query.probes).limit(CANDIDATES).distinct().toArray();
  const { live } = indexes[entity];
  return hits
    .filter((row) => row._live >= live[0] && row._live <= live[1] && (!ownerId || row.ownerId === ownerId))
    .map((row) => ({ row, rank: rankKeys(row._words ?? [], query) }))
    .filter((hit) => hit.rank >= 0)
    .sort((a, b) => a.rank - b.rank || (a.row._sort ?? '').localeCompare(b.row._sort ?? ''))
    .slice(0, limit)
    .map((hit) => hit.row as unknown as T);
}
