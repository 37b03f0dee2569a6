import type { SQL } from 'drizzle-orm';
import { runBatch } from '../db/rawBatch';
import type { Db } from '../env';

/** A report query with the type of its rows (columns as aliased in the SQL). */
export type Typed<T> = SQL & { readonly __rows?: T };
export const q = <T>(query: SQL): Typed<T> => query as Typed<T>;
type RowsOf<Q> = Q extends Typed<infer T> ? T[] : never;

/** Several report queries in one D1 round trip (one batch), each answering its rows. */
export async function readBatch<Q extends Typed<unknown>[]>(db: Db, queries: [...Q]): Promise<{ [K in keyof Q]: RowsOf<Q[K]> }> {
  const results = await runBatch(db, queries);
  return results.map((r) => r.results) as { [K in keyof Q]: RowsOf<Q[K]> };
}

/** One report query's rows. */
export async function readAll<T>(db: Db, query: SQL): Promise<T[]> {
  const [rows] = await readBatch(db, [q<T>(query)]);
  return rows as T[];
}
