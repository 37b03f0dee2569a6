import type { FieldChange } from '../../shared/api/audit';

/** Bookkeeping every row carries; never a change a person made. */
const NOT_AUDITED = new Set(['id', 'teamId', 'version', 'createdAt', 'updatedAt', 'searchKeys']);

/**
 * Each field whose value differs between two states of a row, as { from, to }. A new row
 * (before = null) lists every field it was created with; JSON values (lists of emails) compare
 * by content, so rewriting the same list is not a change.
 */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown>): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    if (NOT_AUDITED.has(key)) continue;
    const from = before ? (before[key] ?? null) : null;
    const to = after[key] ?? null;
    if (before === null && to === null) continue;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
