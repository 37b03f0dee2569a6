import { writableFields } from '../../shared/api/entities';
import { MERGE_UNDO_MS, type Merge } from '../../shared/api/merge';
import type { merges } from '../db/schema';

type MergeRow = typeof merges.$inferSelect;

/** A stored merge as the API shows it: what moved is counted per entity, not listed. */
export function mergeView(row: MergeRow): Merge {
  const moved: Record<string, number> = {};
  for (const { entity } of row.moved) moved[entity] = (moved[entity] ?? 0) + 1;
  return {
    id: row.id,
    entity: row.entity,
    survivorId: row.survivorId,
    mergedId: row.mergedId,
    mergedName: row.mergedName,
    mergedBy: row.mergedBy,
    mergedAt: row.mergedAt,
    undoneAt: row.undoneAt,
    undoableUntil: row.mergedAt + MERGE_UNDO_MS,
    moved,
  };
}

/** The fields a user may write, which are what a merge changes and an undo puts back. */
export function writableSnapshot(entity: MergeRow['entity'], row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(writableFields[entity].shape).map((f) => [f, row[f] ?? null]));
}
