import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../env';
import { countingD1, type D1Counter } from './countingD1';
import * as schema from './schema';

/** The counted D1 binding behind each drizzle handle, for batches drizzle cannot build (see rawBatch). */
const bindings = new WeakMap<Db, D1Database>();

export function createDb(d1: D1Database, counter: D1Counter = { n: 0, statements: 0 }): Db {
  const counted = countingD1(d1, counter);
  const db = drizzle(counted, { schema });
  bindings.set(db, counted);
  return db;
}

export function bindingOf(db: Db): D1Database {
  const d1 = bindings.get(db);
  if (!d1) throw new Error('bindingOf: this handle was not made by createDb');
  return d1;
}
