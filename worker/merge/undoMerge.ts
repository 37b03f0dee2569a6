import { and, eq, inArray, isNull } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { MERGE_UNDO_DAYS, type MergeResult } from '../../shared/api/merge';
import type { Mutation } from '../../shared/api/sync';
import type { WritableEntity } from '../../shared/api/entities';
import { jsonEach } from '../db/jsonParam';
import { merges } from '../db/schema';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { Planner, type Audit } from '../sync/push/planner';
import { loadPushState, rowKey, type Row } from '../sync/push/pushState';
import { entityTables } from '../sync/tables';
import type { Versioned } from '../sync/push/writeBatch';
import { mergeView } from './mergeView';
import { retryOnGuard } from '../sync/push/guardRetry';
import { planOrRefuse, writeVersioned } from './mergeWrites';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Undoes a merge within MERGE_UNDO_DAYS, in the team's writer: the merged record comes back as
 * it was, the survivor's fields the merge changed go back to their earlier values, and the
 * records that moved point at the merged record again.
 *
 * Work done since the merge is kept: a survivor field edited after the merge keeps the edit, a
 * moved record that was pointed elsewhere since stays there, and records added to the survivor
 * since stay with it. If the survivor has itself been merged into a third record since, that
 * merge must be undone first.
 */
export function undoMerge(db: Db, viewer: Viewer, mergeId: string, now = Date.now()): Promise<MergeResult> {
  return retryOnGuard(viewer.teamId, () => attemptUndo(db, viewer, mergeId, now), 'The team is busy; the merge was not undone, try again');
}

async function attemptUndo(db: Db, viewer: Viewer, mergeId: string, now: number): Promise<MergeResult> {
  const [merge] = await db.select().from(merges).where(and(eq(merges.id, mergeId), eq(merges.teamId, viewer.teamId)));
  if (!merge) throw new ApiError(404, 'not_found', 'No merge with this id', { field: 'mergeId' });
  if (merge.undoneAt !== null) throw new ApiError(409, 'conflict', 'This merge was already undone', { field: 'mergeId' });
  if (now > mergeView(merge).undoableUntil) throw new ApiError(409, 'conflict', `A merge can be undone for ${MERGE_UNDO_DAYS} days; this one is older`, { field: 'mergeId' });

  const { entity, survivorId, mergedId } = merge;
  const probe = [{ id: ulid(now), entity, op: 'restore', recordId: mergedId, at: now }] as Mutation[];
  const state = await loadPushState(db, viewer, [...probe, { id: ulid(now), entity, op: 'update', recordId: survivorId, at: now, fields: merge.survivorBefore } as Mutation]);
  const survivor = state.rows.get(rowKey(entity, survivorId));
  const merged = state.rows.get(rowKey(entity, mergedId));
  if (!survivor || !merged) throw new ApiError(404, 'not_found', 'The merged records no longer exist', { field: 'mergeId' });
  if (survivor.mergedIntoId) throw new ApiError(409, 'conflict', `This ${entity} was merged into another since; undo that merge first`, { field: 'mergeId' });

  // Fields the merge changed and nobody changed since go back.
  const revert = Object.fromEntries(
    Object.keys(merge.survivorBefore)
      .filter((f) => !same(merge.survivorBefore[f], merge.survivorAfter[f]) && same(survivor[f], merge.survivorAfter[f]))
      .map((f) => [f, merge.survivorBefore[f]]),
  );
  const mutations = [
    ...(Object.keys(revert).length > 0 && survivor.deletedAt === null ? [{ id: ulid(now), entity, op: 'update', recordId: survivorId, at: now, fields: revert }] : []),
    ...probe,
  ] as Mutation[];
  // The merged record is marked; the push rules refuse to restore a merged record, which is
  // right for a device's restore but this is the undo itself.
  state.rows.set(rowKey(entity, mergedId), { ...merged, mergedIntoId: null });
  const planner = new Planner(viewer, state, now);
  planOrRefuse(planner, mutations);

  const back = await movedBack(db, viewer, merge.moved, survivorId);
  const rows: Versioned[] = [
    ...planner.touched.values(),
    ...back.map(({ entity: e, field, row }) => ({ entity: e, isNew: false, row: { ...row, [field]: mergedId, updatedAt: now } })),
  ];
  const audits: Audit[] = [
    { action: 'unmerge', entity, recordId: survivorId, detail: { changes: Object.fromEntries(Object.entries(revert).map(([f, to]) => [f, { from: survivor[f] ?? null, to }])), note: { mergeId, mergedId } } },
    { action: 'unmerge', entity, recordId: mergedId, detail: { note: { mergeId, from: survivorId } } },
    ...back.map(({ entity: e, field, row }) => ({ action: 'update' as const, entity: e, recordId: row.id, detail: { changes: { [field]: { from: survivorId, to: mergedId } }, note: { mergeId } } })),
  ];
  const done = db.update(merges).set({ undoneAt: now, undoneBy: viewer.id }).where(and(eq(merges.id, mergeId), isNull(merges.undoneAt)));
  const version = await writeVersioned(db, viewer, state.teamVersion, rows, audits, [done], now);
  return { merge: mergeView({ ...merge, undoneAt: now, undoneBy: viewer.id }), version };
}

/** The moved records that still point at the survivor: those go back. */
async function movedBack(db: Db, viewer: Viewer, moved: { entity: WritableEntity; id: string; field: string }[], survivorId: string): Promise<{ entity: WritableEntity; field: string; row: Row }[]> {
  const back: { entity: WritableEntity; field: string; row: Row }[] = [];
  for (const entity of new Set(moved.map((m) => m.entity))) {
    const mine = moved.filter((m) => m.entity === entity);
    const table = entityTables[entity];
    const rows = (await db.select().from(table).where(and(eq(table.teamId, viewer.teamId), inArray(table.id, jsonEach(mine.map((m) => m.id)))))) as Row[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { id, field } of mine) {
      const row = byId.get(id);
      if (row && row[field] === survivorId) back.push({ entity, field, row });
    }
  }
  return back;
}
