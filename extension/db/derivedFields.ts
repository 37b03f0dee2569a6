import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { EntityName } from '../../shared/api/entities';
import { companyKeys, emailKeys, phoneKeys, sortKeyOf, textKeys, type DerivedFields } from '../search/searchKeys';

type Row = Record<string, unknown> & { deletedAt?: number | null };

/** Derived, local-only fields per entity; see search/searchKeys.ts for what each means. */
const derivers: Partial<Record<EntityName, (row: Row) => DerivedFields>> = {
  contact: (row) => {
    const words = new Set<string>();
    textKeys(row.name as string, words);
    for (const email of (row.emails as string[]) ?? []) emailKeys(email, words);
    for (const phone of (row.phones as string[]) ?? []) phoneKeys(phone, words);
    textKeys(row.title as string | null, words);
    return { _words: [...words], _sort: sortKeyOf(String(row.name ?? '')), _live: row.deletedAt == null ? 1 : 0 };
  },
  company: (row) => {
    const words = new Set<string>();
    companyKeys(String(row.name ?? ''), (row.domain as string | null) ?? null, words);
    if (row.website) companyKeys('', row.website as string, words);
    if (row.phone) phoneKeys(row.phone as string, words);
    textKeys(row.industry as string | null, words);
    return { _words: [...words], _sort: sortKeyOf(String(row.name ?? '')), _live: row.deletedAt == null ? 1 : 0 };
  },
  deal: (row) => {
    const words = new Set<string>();
    textKeys(row.title as string, words);
    return { _words: [...words], _sort: sortKeyOf(String(row.title ?? '')), _live: row.deletedAt == null ? 1 : 0 };
  },
  followUp: (row) => {
    const words = new Set<string>();
    textKeys(row.title as string, words);
    return { _words: [...words], _sort: sortKeyOf(String(row.title ?? '')), _live: row.deletedAt != null ? 0 : row.doneAt == null ? 1 : 2 };
  },
};

export const DERIVED_FIELD_NAMES = ['_words', '_sort', '_live'] as const;

/**
 * The row with its derived fields recomputed (rows of other entities come back unchanged).
 * `withoutSearchKeys` leaves `_words` empty: a first sync writes tens of thousands of rows, and
 * their search keys (most of the index entries written) are added afterwards by reindexSearch.
 */
export function withDerivedFields<T extends object>(entity: string, row: T, withoutSearchKeys = false): T {
  const derive = derivers[entity as EntityName];
  if (!derive) return row;
  const derived = derive(row as unknown as Row);
  return { ...row, ...derived, ...(withoutSearchKeys ? { _words: [] } : {}) };
}

/** A row without its local-only fields, as the server knows it. */
export function withoutDerivedFields<T extends object>(row: T): T {
  const copy = { ...row } as Record<string, unknown>;
  for (const name of DERIVED_FIELD_NAMES) delete copy[name];
  return copy as T;
}

/**
 * Dexie middleware: every put or add into an entity table recomputes the derived fields, so no
 * write path (pull, local write, resync, modify) can leave a stale search key behind. While
 * `deferSearchKeys()` is true (a first sync), search keys are left for reindexSearch.
 */
export const derivedFieldsMiddleware = (deferSearchKeys: () => boolean): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'derivedFields',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (!derivers[name as EntityName]) return table;
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) => {
          if (req.type === 'add' || req.type === 'put') {
            const defer = deferSearchKeys();
            return table.mutate({ ...req, values: req.values.map((v) => withDerivedFields(name, v as object, defer)) });
          }
          return table.mutate(req);
        },
      };
    },
  }),
});
