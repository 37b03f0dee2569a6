import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { d1ErrorText } from '../db/d1Errors';
import { jsonEach } from '../db/jsonParam';
import { GUARD_FIRED } from '../sync/push/writeBatch';
import { insertJsonRows } from '../db/jsonRows';
import { runBatch, type Statement } from '../db/rawBatch';
import { companies, contacts, lookupKeys, pushGuards, teams } from '../db/schema';
import { LOOKUP_KEYS_VERSION, lookupKeysOf, type KeyedEntity } from '../dedup/lookupKeys';
import type { Db } from '../env';

/** Rows re-keyed per page, and pages per cron run: 2 queries a page keeps a run well under D1's 50. */
export const REKEY_PAGE_ROWS = 500;
export const REKEY_PAGES_PER_RUN = 8;

const ORDER: KeyedEntity[] = ['contact', 'company'];
const tableOf = { contact: contacts, company: companies } as const;

type Cursor = { entity: KeyedEntity; afterId: string };

/**
 * Rebuilds the lookup keys of teams whose keys were made by an older version of the key
 * functions (LOOKUP_KEYS_VERSION), a bounded number of pages per cron run, resuming where the
 * last run stopped (teams.lookup_keys_cursor). Each page is read together with the team's
 * version and written behind the push guard, so a push that changed the page's rows in
 * between makes the page abort and be read again next time; keys are never built from stale rows.
 */
export async function rebuildLookupKeys(db: Db, pages = REKEY_PAGES_PER_RUN): Promise<{ pages: number; rows: number; teamsDone: number }> {
  const done = { pages: 0, rows: 0, teamsDone: 0 };
  while (done.pages < pages) {
    const [team] = await db
      .select({ id: teams.id, cursor: teams.lookupKeysCursor })
      .from(teams)
      .where(lt(teams.lookupKeysVersion, LOOKUP_KEYS_VERSION))
      .limit(1);
    if (!team) break;
    let cursor: Cursor | null = parseCursor(team.cursor);
    while (done.pages < pages && cursor) {
      done.pages++;
      try {
        const next = await rekeyPage(db, team.id, cursor);
        done.rows += next.rows;
        cursor = next.cursor;
      } catch (err) {
        // The guard fired: a push wrote to this team meanwhile. Try the page again next run.
        if (!GUARD_FIRED.test(d1ErrorText(err))) throw err;
        return done;
      }
    }
    if (!cursor) done.teamsDone++;
    else break;
  }
  return done;
}

async function rekeyPage(db: Db, teamId: string, cursor: Cursor): Promise<{ rows: number; cursor: Cursor | null }> {
  const table = tableOf[cursor.entity];
  const [[state], rows] = await db.batch([
    db.select({ version: teams.version }).from(teams).where(eq(teams.id, teamId)),
    db.select().from(table).where(and(eq(table.teamId, teamId), gt(table.id, cursor.afterId))).orderBy(asc(table.id)).limit(REKEY_PAGE_ROWS),
  ]);
  const last = rows.at(-1);
  const next: Cursor | null = rows.length === REKEY_PAGE_ROWS && last ? { entity: cursor.entity, afterId: last.id } : nextEntity(cursor.entity);
  const keys = rows.flatMap((row) => lookupKeysOf(cursor.entity, row as never).map((k) => ({ teamId, ...k, recordId: row.id })));

  const statements: Statement[] = [db.insert(pushGuards).values({ teamId, expectedVersion: state?.version ?? 0 })];
  if (rows.length > 0) {
    statements.push(db.delete(lookupKeys).where(and(eq(lookupKeys.teamId, teamId), inArray(lookupKeys.recordId, jsonEach(rows.map((r) => r.id))))));
    // Or ignore: two rows that the new key function makes equal must not stop the rebuild;
    // the push path refuses such a pair from now on.
    if (keys.length > 0) statements.push(insertJsonRows(lookupKeys, keys, { orIgnore: true }));
  }
  statements.push(
    next
      ? db.update(teams).set({ lookupKeysCursor: `${next.entity}:${next.afterId}` }).where(eq(teams.id, teamId))
      : db.update(teams).set({ lookupKeysVersion: LOOKUP_KEYS_VERSION, lookupKeysCursor: sql`NULL` }).where(eq(teams.id, teamId)),
  );
  await runBatch(db, statements);
  return { rows: rows.length, cursor: next };
}

function nextEntity(entity: KeyedEntity): Cursor | null {
  const following = ORDER[ORDER.indexOf(entity) + 1];
  return following ? { entity: following, afterId: '' } : null;
}

function parseCursor(text: string | null): Cursor {
  const [entity, afterId] = (text ?? '').split(':') as [KeyedEntity, string?];
  return ORDER.includes(entity) ? { entity, afterId: afterId ?? '' } : { entity: 'contact', afterId: '' };
}
