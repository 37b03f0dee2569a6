import type { Table } from 'dexie';
import { ENTITY_NAMES, type EntityName } from '../../shared/api/entities';
import { isRemoval, MAX_MUTATIONS_PER_PUSH, MAX_PULL_PAGE_SIZE, SCHEMA_VERSION, type PullItem } from '../../shared/api/sync';
import type { RecordMeta } from '../../shared/schema/primitives';
import type { AppDb, OutboxEntry } from '../db/appDb';
import { overlay } from '../db/localWrite';
import { getMeta, setMeta } from '../db/meta';
import { ensurePinyin } from '../search/searchKeys';
import { ApiCallError, type ApiClient } from './apiClient';

type AnyRow = RecordMeta & Record<string, unknown>;
type AnyTable = Table<AnyRow, string>;

/** The largest page the server serves: fewer round trips for a first sync. */
const PULL_PAGE_LIMIT = MAX_PULL_PAGE_SIZE;

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
  resynced: boolean;
}

/**
 * One round: push the outbox oldest first in batches the server accepts, then pull every page
 * after our cursor. Outbox entries leave only when the server answered applied; rejections stay
 * for the user. Pulled rows are rebased under local changes the server has not applied yet.
 * A cache written by another sync schema, or a cursor the server no longer serves, triggers a
 * full resync that keeps the outbox.
 */
export async function syncOnce(db: AppDb, api: ApiClient, clientId: string): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0, resynced: false };
  await ensurePinyin(); // pulled rows get their search keys inside the write transaction

  for (;;) {
    const batch = await db.pendingOutbox(MAX_MUTATIONS_PER_PUSH);
    if (batch.length === 0) break;
    const answered = await pushBatch(db, api, clientId, batch);
    report.pushed += answered.applied;
    report.rejected += answered.rejected;
  }
  const cacheSchema = await getMeta(db, 'cacheSchemaVersion');
  const cursor = (await getMeta(db, 'cursor')) ?? 0;
  if ((cursor > 0 && cacheSchema !== SCHEMA_VERSION) || (await getMeta(db, 'resyncRequested'))) {
    report.pulled = await fullResync(db, api);
    report.resynced = true;
    return report;
  }
  try {
    report.pulled = cursor === 0 ? await withoutSearchKeys(db, () => pullFrom(db, api, 0)) : await pullFrom(db, api, cursor);
  } catch (err) {
    if (!(err instanceof ApiCallError && err.code === 'resync_required')) throw err;
    report.pulled = await fullResync(db, api);
    report.resynced = true;
  }
  return report;
}

/**
 * A first sync (or a resync) writes every row the user may see. Most of the index entries those
 * writes make are search keys, so they are left out and added by reindexSearch right after
 * (the background runs it after every round; it does nothing once keys are current). Lists work
 * at once; search finds these rows a moment later.
 */
async function withoutSearchKeys<T>(db: AppDb, pull: () => Promise<T>): Promise<T> {
  db.deferSearchKeys = true;
  db.searchKeysGeneration++;
  try {
    await db.meta.delete('searchKeysVersion');
    return await pull();
  } finally {
    db.deferSearchKeys = false;
  }
}

/**
 * Pulls pages until the server has no more. The next page is requested while the current one
 * is written to IndexedDB, so network and disk overlap; the cursor still advances only with a
 * page that was written.
 */
async function pullFrom(db: AppDb, api: ApiClient, start: number, seen?: Set<string>): Promise<number> {
  let pulled = 0;
  let next = api.pull(start, PULL_PAGE_LIMIT);
  for (;;) {
    const page = await next;
    if (page.hasMore) {
      next = api.pull(page.cursor, PULL_PAGE_LIMIT);
      next.catch(() => undefined); // observed on the next turn; avoids an unhandled rejection if writing fails first
    }
    await applyPulled(db, page.changes, page.cursor);
    for (const item of page.changes) if (!isRemoval(item)) seen?.add(`${item.entity}:${item.row.id}`);
    pulled += page.changes.length;
    if (!page.hasMore) return pulled;
  }
}

/**
 * Pulls everything from cursor 0, then drops local rows the server no longer sends, except those
 * an unsent outbox entry still needs. The cache stays readable throughout; nothing queued is lost.
 */
export async function fullResync(db: AppDb, api: ApiClient): Promise<number> {
  const seen = new Set<string>();
  const pulled = await withoutSearchKeys(db, () => pullFrom(db, api, 0, seen));
  const queued = new Set((await db.outbox.toArray()).map((e) => `${e.entity}:${e.recordId}`));
  await db.transaction('rw', [db.meta, ...ENTITY_NAMES.map((e) => db.records(e))], async () => {
    for (const entity of ENTITY_NAMES) {
      const ids = (await db.records(entity).toCollection().primaryKeys()) as string[];
      const stale = ids.filter((id) => !seen.has(`${entity}:${id}`) && !queued.has(`${entity}:${id}`));
      await db.records(entity).bulkDelete(stale);
    }
    await setMeta(db, 'cacheSchemaVersion', SCHEMA_VERSION);
    await db.meta.delete('resyncRequested');
  });
  return pulled;
}

async function pushBatch(db: AppDb, api: ApiClient, clientId: string, entries: OutboxEntry[]): Promise<{ applied: number; rejected: number }> {
  try {
    const { results } = await api.push(clientId, entries.map((e) => e.mutation));
    let applied = 0;
    let rejected = 0;
    await db.transaction('rw', db.outbox, async () => {
      for (const result of results) {
        if (result.status === 'applied') {
          applied++;
          await db.outbox.where('mutationId').equals(result.mutationId).delete();
        } else {
          rejected++;
          await db.outbox.where('mutationId').equals(result.mutationId).modify({ status: 'rejected', error: result.error });
        }
      }
    });
    return { applied, rejected };
  } catch (err) {
    // A 400 that names one mutation means that entry can never be accepted as it is: set it
    // aside for the user and let the rest go through.
    const mutationId = err instanceof ApiCallError && err.status === 400 ? err.details?.mutationId : undefined;
    if (typeof mutationId !== 'string') throw err;
    const fields = (err as ApiCallError).details?.fields as { field: string }[] | undefined;
    await db.outbox
      .where('mutationId')
      .equals(mutationId)
      .modify({ status: 'rejected', error: { code: 'bad_request', message: (err as ApiCallError).message, field: fields?.[0]?.field } });
    return { applied: 0, rejected: 1 };
  }
}

/**
 * Writes one pulled page and the new cursor in one transaction. Items are in version order, so
 * for each record the last item wins (a removal followed by a re-grant leaves the row). Local
 * changes still in the outbox are laid over the server's rows.
 */
export async function applyPulled(db: AppDb, items: PullItem[], cursor: number): Promise<void> {
  const finalState = new Map<string, { entity: EntityName; id: string; row: AnyRow | null }>();
  for (const item of items) {
    if (isRemoval(item)) finalState.set(`${item.entity}:${item.removedId}`, { entity: item.entity, id: item.removedId, row: null });
    else finalState.set(`${item.entity}:${item.row.id}`, { entity: item.entity, id: item.row.id, row: item.row as AnyRow });
  }
  const entities = [...new Set([...finalState.values()].map((s) => s.entity))];
  await db.transaction('rw', [db.outbox, db.meta, ...entities.map((e) => db.records(e))], async () => {
    const ids = [...new Set([...finalState.values()].map((s) => s.id))];
    const local = ids.length > 0 ? await db.outbox.where('recordId').anyOf(ids).sortBy('seq') : [];
    const unsent = new Map<string, OutboxEntry[]>();
    for (const entry of local) (unsent.get(entry.recordId) ?? unsent.set(entry.recordId, []).get(entry.recordId)!).push(entry);
    for (const entity of entities) {
      const states = [...finalState.values()].filter((s) => s.entity === entity);
      const rows = states.filter((s) => s.row).map((s) => (unsent.get(s.id) ?? []).reduce((row, e) => overlay(row, e.mutation), s.row!));
      const removed = states.filter((s) => !s.row).map((s) => s.id);
      const table = db.records(entity) as unknown as AnyTable;
      if (rows.length > 0) await table.bulkPut(rows);
      if (removed.length > 0) await table.bulkDelete(removed);
    }
    await setMeta(db, 'cursor', cursor);
    if (!(await getMeta(db, 'cacheSchemaVersion'))) await setMeta(db, 'cacheSchemaVersion', SCHEMA_VERSION);
  });
}
