import { sql, type SQL } from 'drizzle-orm';

/**
 * A list travels to D1 as one bound JSON parameter read back with json_each, so a statement's
 * parameter count (D1 allows 100) stays fixed however many ids or rows it carries.
 */
export function jsonEach(values: unknown[]): SQL {
  return sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** Splits rows into groups whose JSON stays well under D1's 2 MB limit for one value. */
export function chunkByJsonSize<T>(rows: T[], maxBytes = 900_000): T[][] {
  const encoder = new TextEncoder();
  const out: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const row of rows) {
    const bytes = encoder.encode(JSON.stringify(row)).length + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      out.push(current);
      current = [];
      size = 2;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
