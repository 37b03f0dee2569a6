import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../env';
import { countingD1, type D1Counter } from './countingD1';
import * as schema from './schema';

export function createDb(d1: D1Database, counter: D1Counter = { n: 0, statements: 0 }): Db {
  return drizzle(countingD1(d1, counter), { schema });
}
