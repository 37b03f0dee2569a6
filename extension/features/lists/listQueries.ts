import Dexie, { type Collection } from 'dexie';
import type { AppDb } from '../../db/appDb';
import { parseQuery, rankKeys } from '../../search/searchKeys';
import { isStale } from '../../../shared/rules/staleness';
import { lastActivityByDeal } from '../deal/dealProgress';

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

/** Open follow-ups due in [from, to): the overdue, today's and upcoming lists. */
export type DueWindow = { from: number; to: number };

function liveRows(db: AppDb, entity: ListEntity, ownerId: string | null, due: DueWindow | null = null): Collection<AnyRow, string> {
  const { order, byOwner, live, newestFirst } = indexes[entity];
  const table = db.records(entity) as unknown as Dexie.Table<AnyRow, string>;
  // A due window reads open follow-ups (_live 1) between two due dates, straight from the index.
  const [lo, hi]: [unknown[], unknown[]] = due && entity === 'followUp' ? [[1, due.from], [1, due.to]] : [[live[0], Dexie.minKey], [live[1], Dexie.maxKey]];
  const collection = ownerId ? table.where(byOwner).between([ownerId, ...lo], [ownerId, ...hi]) : table.where(order).between(lo, hi);
  return newestFirst ? collection.reverse() : collection;
}

/**
 * How many live rows the list has. Counting a range makes IndexedDB walk it (about 0.4 s for
 * 50,000 rows in Chromium, and other reads queue behind it), while counting a whole table is
 * several times cheaper: so the whole list is the table's count less its few deleted rows.
 */
export async function countLive(db: AppDb, entity: ListEntity, ownerId: string | null, due: DueWindow | null = null): Promise<number> {
  if (ownerId || due) return liveRows(db, entity, ownerId, due).count();
  const table = db.records(entity) as unknown as Dexie.Table<AnyRow, string>;
  const { order } = indexes[entity];
  const [all, deleted] = await Promise.all([table.count(), table.where(order).between([0, Dexie.minKey], [0, Dexie.maxKey]).count()]);
  return all - deleted;
}

/** Rows offset..offset+limit of the list, read straight from the index. */
export function pageLive<T>(db: AppDb, entity: ListEntity, ownerId: string | null, offset: number, limit: number, due: DueWindow | null = null): Promise<T[]> {
  return liveRows(db, entity, ownerId, due).offset(offset).limit(limit).toArray() as unknown as Promise<T[]>;
}

/** Names of the companies some rows point at, for their subtitles (one bulk read). */
export async function companyNames(db: AppDb, rows: { companyId?: string | null }[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.companyId).filter((id): id is string => !!id))];
  const companies = await db.company.bulkGet(ids);
  return new Map(companies.filter((c) => c !== undefined).map((c) => [c.id, c.name]));
}

/** At most this many index entries are looked at per search; enough for a page of good answers. */
const CANDIDATES = 400;

/**
 * Local search. Two key-only lookups in the `_words` index (IndexedDB's getAllKeys, no rows
 * read): records with a key equal to what was typed, then records with a key starting with it,
 * in index order. Only the first `limit`-odd of those rows are then read, to drop deleted ones
 * and other owners, check every typed word, and rank: exact, then prefixes of the record's own
 * words, then substrings and pinyin; ties in list order.
 */
export async function searchList<T>(db: AppDb, entity: ListEntity, text: string, ownerId: string | null, limit = 50): Promise<T[]> {
  const query = parseQuery(text);
  if (!query) return [];
  const table = db.records(entity) as unknown as Dexie.Table<AnyRow & { _live: number }, string>;
  // One single-range lookup per probe: Dexie answers those with getAllKeys in one call, where
  // startsWithAnyOf would walk a cursor step by step.
  const lookups = await Promise.all([
    table.where('_words').equals(query.words.join('')).limit(limit).primaryKeys(),
    ...query.probes.map((probe) => table.where('_words').startsWith(probe).limit(CANDIDATES).primaryKeys()),
  ]);
  const ids = [...new Set(lookups.flat())];
  const { live } = indexes[entity];
  const found: { row: AnyRow; rank: number }[] = [];
  // Rows are read in slices of the candidates until enough survive the filters.
  for (let i = 0; i < ids.length && found.length < limit; i += limit) {
    for (const row of await table.bulkGet(ids.slice(i, i + limit))) {
      if (!row || row._live < live[0] || row._live > live[1] || (ownerId && row.ownerId !== ownerId)) continue;
      const rank = rankKeys(row._words ?? [], query);
      if (rank >= 0) found.push({ row, rank });
    }
  }
  return found
    .sort((a, b) => a.rank - b.rank || (a.row._sort ?? '').localeCompare(b.row._sort ?? ''))
    .slice(0, limit)
    .map((hit) => hit.row as unknown as T);
}

/**
 * Open deals with no logged activity for `staleAfterDays` (edits do not count), most idle first:
 * the deals tab's "stale only" list. Not an index range (staleness depends on activities), so
 * read as the viewer's deals in open stages and the activities of those deals.
 */
export async function staleDeals<T>(db: AppDb, ownerId: string | null, openStageIds: Set<string>, now: number, staleAfterDays: number): Promise<T[]> {
  const deals = await (ownerId ? db.deal.where('ownerId').equals(ownerId) : db.deal.toCollection()).filter((d) => d.deletedAt === null && openStageIds.has(d.stageId)).toArray();
  const last = await lastActivityByDeal(db, deals.map((d) => d.id));
  const idleSince = (d: { id: string; createdAt: number }) => last.get(d.id) ?? d.createdAt;
  return deals.filter((d) => isStale({ createdAt: d.createdAt, lastActivityAt: last.get(d.id) ?? null }, now, staleAfterDays)).sort((a, b) => idleSince(a) - idleSince(b)) as unknown as T[];
}
