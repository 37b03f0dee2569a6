import type { Table } from 'dexie';
import { MAX_MUTATIONS_PER_PUSH, type Change } from '../../shared/api/sync';
import type { RecordMeta } from '../../shared/schema/primitives';
import type { AppDb, OutboxEntry } from '../db/appDb';
import { overlay } from '../db/localWrite';
import { getMeta, setMeta } from '../db/meta';
import { ApiCallError, type ApiClient } from './apiClient';

type AnyTable = Table<RecordMeta & Record<string, unknown>, string>;

export interface SyncReport {
  pushed: number;
  rejected: number;
  pulled: number;
}

/**
 * One round: push the outbox oldest first in batches the server accepts, then pull every page
 * after our cursor. Outbox entries leave only when the server answered applied; rejections stay
 * for the user. Pulled rows are rebased under local changes not yet applied by the server.
 */
export async function syncOnce(db: AppDb, api: ApiClient, clientId: string): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, rejected: 0, pulled: 0 };
  for (;;) {
    const batch = await db.outbox.where('status').equals('pending').sortBy('seq');
    if (batch.length === 0) break;
    const sending = batch.slice(0, MAX_MUTATIONS_PER_PUSH);
    const answered = await pushBatch(db, api, clientId, sending);
    report.pushed += answered.applied;
    report.rejected += answered.rejected;
  }
  let cursor = (await getMeta(db, 'cursor')) ?? 0;
  for (;;) {
    const page = await api.pull(cursor);
    await applyPulled(db, page.changes, page.cursor);
    report.pulled += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return report;
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

/** Writes one pulled page and the new cursor in one transaction, keeping unsent local edits on top. */
export async function applyPulled(db: AppDb, changes: Change[], cursor: number): Promise<void> {
  const entities = [...new Set(changes.map((c) => c.entity))];
  await db.transaction('rw', [db.outbox, db.meta, ...entities.map((e) => db.table_(e))], async () => {
    const ids = changes.map((c) => c.row.id);
    const local = ids.length > 0 ? await db.outbox.where('recordId').anyOf(ids).sortBy('seq') : [];
    const unsent = new Map<string, OutboxEntry[]>();
    for (const entry of local) (unsent.get(entry.recordId) ?? unsent.set(entry.recordId, []).get(entry.recordId)!).push(entry);
    for (const entity of entities) {
      const rows = changes
        .filter((c) => c.entity === entity)
        .map((c) => (unsent.get(c.row.id) ?? []).reduce((row, e) => overlay(row, e.mutation), c.row as RecordMeta & Record<string, unknown>));
      await (db.table_(entity) as unknown as AnyTable).bulkPut(rows);
    }
    await setMeta(db, 'cursor', cursor);
  });
}
