import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from './rawBatch';

// Many rows written by one statement with one bound parameter (their JSON), so a batch's
// statement and parameter counts stay fixed however many rows it writes (D1: 100 parameters).

/**
 * INSERT … SELECT from json_each: a plain insert, so an id another writer just took fails the
 * batch; `orIgnore` skips such rows instead (for rebuilds, where a stale duplicate must not stop the rest).
 */
export function insertJsonRows(table: SQLiteTable, rows: object[], { orIgnore = false } = {}): Statement {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  return sql`INSERT ${orIgnore ? sql.raw('OR IGNORE ') : sql``}INTO ${table} (${columnList(columns)}) SELECT ${valueList(columns)} FROM json_each(${JSON.stringify(rows)}) AS j`;
}

/** Replaces whole rows of the team (never another team's, should an id collide). */
export function replaceJsonRows(table: SQLiteTable, rows: object[], teamId: string): Statement {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const assignments = sql.join(
    columns.filter(([key]) => key !== 'id').map(([, c]) => sql`${sql.identifier(c.name)} = excluded.${sql.identifier(c.name)}`),
    sql`, `,
  );
  return sql`INSERT INTO ${table} (${columnList(columns)}) SELECT ${valueList(columns)} FROM json_each(${JSON.stringify(rows)}) AS j WHERE true
      ON CONFLICT (id) DO UPDATE SET ${assignments} WHERE ${table}.team_id = ${teamId}`;
}

const columnList = (columns: [string, SQLiteColumn][]): SQL => sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);

/** Each column read back from the row's JSON: JSON-mode columns keep their JSON text, the rest their SQL value. */
function valueList(columns: [string, SQLiteColumn][]): SQL {
  return sql.join(
    columns.map(([key, column]) => {
      if (!/^[A-Za-z]+$/.test(key)) throw new Error(`unexpected column key ${key}`);
      return column.columnType === 'SQLiteTextJson' ? sql.raw(`nullif(j.value -> '$.${key}', 'null')`) : sql.raw(`j.value ->> '$.${key}'`);
    }),
    sql`, `,
  );
}
