import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../env';
import { bindingOf } from './client';

/** A drizzle query builder or a raw `sql` template: anything that compiles to one statement. */
export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

const dialect = new SQLiteAsyncDialect();

/**
 * Runs statements as one D1 batch (one round trip, one transaction). drizzle's own `batch`
 * cannot take raw `sql` templates, which the JSON-parameter writes need, so they are compiled
 * here and sent to the D1 binding (the request's counting wrapper) directly.
 */
export async function runBatch(db: Db, statements: Statement[]): Promise<D1Result[]> {
  const d1 = bindingOf(db);
  const prepared = statements.map((s) => {
    const query = 'toSQL' in s ? s.toSQL() : dialect.sqlToQuery(s);
    return d1.prepare(query.sql).bind(...query.params);
  });
  return d1.batch(prepared);
}
