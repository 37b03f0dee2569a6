import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ulid } from 'ulidx';
import type { MergeRequest, MergeResult } from '../../shared/api/merge';
import type { WritableEntity } from '../../shared/api/entities';
import type { Mutation } from '../../shared/api/sync';
import { mergeDependents } from '../../shared/rules/mergeDependents';
import { canSee, canWrite } from '../../shared/rules/visibility';
import { fieldChanges } from '../audit/fieldChanges';
import { merges, type MovedRecord } from '../db/schema';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { Planner, type Audit } from '../sync/push/planner';
import { loadPushState, rowKey, type Row } from '../sync/push/pushState';
import { entityTables } from '../sync/tables';
import type { Versioned } from '../sync/push/writeBatch';
import { mergeView, writableSnapshot } from './mergeView';
import { retryOnGuard } from '../sync/push/guardRetry';
import { planOrRefuse, writeVersioned } from './mergeWrites';

/**
 * Merges one contact (or company) into another, in the team's writer: the survivor takes the
 * picked fields, the other is deleted and marked merged into it, and every record pointing at
 * it (deals, follow-ups, activities; a company's contacts) points at the survivor. One guarded
 * batch, so it happens whole or not at all.
 *
 * The user chose from what they saw: if either record changed since (expectedVersions), nothing
 * happens and they are asked to look again, so a concurrent edit is never silently overwritten.
 * An edit that arrives after the merge, for the merged record, goes to the survivor (see the
 * planner), so it is not lost either. A repeated request with the same id merges once.
 */
export function mergeRecords(db: Db, viewer: Viewer, request: MergeRequest, now = Date.now()): Promise<MergeResult> {
  return retryOnGuard(viewer.teamId, () => attemptMerge(db, viewer, request, now), 'The team is busy; nothing was merged, try again');
}

async function attemptMerge(db: Db, viewer: Viewer, request: MergeRequest, now: number): Promise<MergeResult> {
  const { entity, survivorId, mergedId } = request;
  const [earlier] = await db.select().from(merges).where(eq(merges.id, request.id));
  if (earlier) {
    if (earlier.teamId !== viewer.teamId || earlier.survivorId !== survivorId || earlier.mergedId !== mergedId) {
      throw new ApiError(409, 'conflict', 'This merge id was already used for another merge', { field: 'id' });
    }
    return { merge: mergeView(earlier), version: 0 };
  }

  const fields = request.fields as Record<string, unknown>;
  const mutations = [
    { id: ulid(now), entity, op: 'delete', recordId: mergedId, at: now },
    ...(Object.keys(fields).length > 0 ? [{ id: ulid(now), entity, op: 'update', recordId: survivorId, at: now, fields }] : []),
  ] as Mutation[];
  // The survivor is read even when no field of it changes.
  const state = await loadPushState(db, viewer, [...mutations, { id: ulid(now), entity, op: 'delete', recordId: survivorId, at: now } as Mutation]);
  const survivor = usable(viewer, entity, state.rows.get(rowKey(entity, survivorId)), 'survivorId', request.expectedVersions.survivor);
  const merged = usable(viewer, entity, state.rows.get(rowKey(entity, mergedId)), 'mergedId', request.expectedVersions.merged);

  const planner = new Planner(viewer, state, now);
  planOrRefuse(planner, mutations);
  const survivorAfter = (planner.touched.get(rowKey(entity, survivorId))?.row ?? survivor) as Row;
  const mergedAfter = { ...planner.touched.get(rowKey(entity, mergedId))!.row, mergedIntoId: survivorId };

  const dependents = await loadDependents(db, viewer, entity, mergedId);
  const moved: MovedRecord[] = dependents.map(({ entity: e, field, row }) => ({ entity: e, id: row.id, field }));
  const rows: Versioned[] = [
    ...[...planner.touched.values()].map((t) => (t.row.id === mergedId ? { ...t, row: mergedAfter } : t)),
    ...dependents.map(({ entity: e, field, row }) => ({ entity: e, isNew: false, row: { ...row, [field]: survivorId, updatedAt: now } })),
  ];

  const record = {
    id: request.id,
    teamId: viewer.teamId,
    entity,
    survivorId,
    mergedId,
    mergedName: String(merged.name),
    mergedBy: viewer.id,
    mergedAt: now,
    undoneAt: null,
    undoneBy: null,
    survivorBefore: writableSnapshot(entity, survivor),
    survivorAfter: writableSnapshot(entity, survivorAfter),
    moved,
  };
  const counts = mergeView(record).moved;
  const audits: Audit[] = [
    { action: 'merge', entity, recordId: survivorId, detail: { changes: fieldChanges(survivor, survivorAfter), note: { mergeId: request.id, mergedId, mergedName: record.mergedName, moved: counts } } },
    { action: 'merge', entity, recordId: mergedId, detail: { note: { mergeId: request.id, into: survivorId } } },
    ...dependents.map(({ entity: e, field, row }) => ({ action: 'update' as const, entity: e, recordId: row.id, detail: { changes: { [field]: { from: mergedId, to: survivorId } }, note: { mergeId: request.id } } })),
  ];
  const version = await writeVersioned(db, viewer, state.teamVersion, rows, audits, [db.insert(merges).values(record)], now);
  return { merge: mergeView(record), version };
}

/** A record the viewer may merge: visible, writable, live, and as the user last saw it. */
function usable(viewer: Viewer, entity: MergeRequest['entity'], row: Row | undefined, field: 'survivorId' | 'mergedId', expectedVersion: number): Row {
  if (!row || row.teamId !== viewer.teamId || !canSee(viewer, entity, row)) throw new ApiError(404, 'not_found', `No ${entity} with this id`, { field });
  if (!canWrite(viewer, row)) throw new ApiError(403, 'forbidden', `Only the owner or a manager may merge this ${entity}`, { field });
  if (row.deletedAt !== null) throw new ApiError(409, 'record_deleted', `This ${entity} was deleted${row.mergedIntoId ? ' (merged into another)' : ''}`, { field });
  if (row.version !== expectedVersion) {
    const which = field === 'survivorId' ? 'survivor' : 'merged';
    throw new ApiError(409, 'conflict', `This ${entity} changed since you chose the values; look again and merge`, { field: `expectedVersions.${which}` });
  }
  return row;
}

/** Every record, deleted ones included, that points at the merged record: one batch. */
async function loadDependents(db: Db, viewer: Viewer, entity: MergeRequest['entity'], mergedId: string): Promise<{ entity: WritableEntity; field: string; row: Row }[]> {
  const kinds = mergeDependents(entity);
  const reads = kinds.map(({ entity: e, field }) => {
    const table = entityTables[e] as unknown as (typeof entityTables)['deal'];
    const column = (table as unknown as Record<string, Parameters<typeof eq>[0]>)[field]!;
    return db.select().from(table).where(and(eq(table.teamId, viewer.teamId), eq(column, mergedId)));
  });
  if (reads.length === 0) return [];
  const results = (await db.batch(reads as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown as Row[][];
  return kinds.flatMap(({ entity: e, field }, i) => results[i]!.map((row) => ({ entity: e, field, row })));
}

