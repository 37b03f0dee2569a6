import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { EntityName } from '../../shared/api/entities';
import { companyKeys, emailKeys, phoneKeys, sortKeyOf, textKeys, type DerivedFields } from '../search/searchKeys';

type Row = Record<string, unknown> & { deletedAt?: number | null };

/**
 * Per entity: the search keys of a row, the text it sorts by, and whether it is live (follow-ups:
 * 1 open, 2 done). See search/searchKeys.ts for what each means.
 */
interface Deriver {
  words: (row: Row, into: Set<string>) => void;
  sortText: (row: Row) => string;
  live?: (row: Row) => number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

const derivers: Partial<Record<EntityName, Deriver>> = {
  contact: {
    words: (row, into) => {
      textKeys(text(row.name), into);
      for (const email of (row.emails as string[]) ?? []) emailKeys(email, into);
      for (const phone of (row.phones as string[]) ?? []) phoneKeys(phone, into);
      textKeys(text(row.title), into);
    },
    sortText: (row) => String(row.name ?? ''),
  },
  company: {
    words: (row, into) => {
      companyKeys(String(row.name ?? ''), [text(row.domain), text(row.website)], into);
      if (row.phone) phoneKeys(row.phone as string, into);
      textKeys(text(row.industry), into);
    },
    sortText: (row) => String(row.name ?? ''),
  },
  deal: { words: (row, into) => textKeys(text(row.title), into), sortText: (row) => String(row.title ?? '') },
  followUp: {
    words: (row, into) => textKeys(text(row.title), into),
    sortText: (row) => String(row.title ?? ''),
    live: (row) => (row.doneAt == null ? 1 : 2),
  },
};

export const DERIVED_FIELD_NAMES = ['_words', '_sort', '_live'] as const;

/**
 * The row with its derived fields recomputed (rows of other entities come back unchanged).
 * `withoutSearchKeys` leaves `_words` empty: a first sync writes tens of thousands of rows, and
 * their search keys (most of the index entries written) are added afterwards by reindexSearch.
 */
export function withDerivedFields<T extends object>(entity: string, row: T, withoutSearchKeys = false): T {
  const deriver = derivers[entity as EntityName];
  if (!deriver) return row;
  const source = row as unknown as Row;
  const words = new Set<string>();
  if (!withoutSearchKeys) deriver.words(source, words);
  const derived: DerivedFields = {
    _words: [...words],
    _sort: sortKeyOf(deriver.sortText(source)),
    _live: source.deletedAt != null ? 0 : (deriver.live?.(source) ?? 1),
  };
  return { ...row, ...derived };
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
