import { drizzle } from 'drizzle-orm/d1';
import type { Db } from '../env';
import { countingD1 } from './countingD1';
import * as schema from './schema';

export function createDb(d1: D1Database, counter: { n: number } = { n: 0 }): Db {
  return drizzle(countingD1(d1, counter), { schema });
}
