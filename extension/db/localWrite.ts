import { ulid } from 'ulidx';
import type { EntityFields, WritableEntity } from '../../shared/api/entities';
import { MutationSchema, SCHEMA_VERSION, type Mutation } from '../../shared/api/sync';
import { newRecord } from '../../shared/schema/newRecord';
import type { RecordMeta } from '../../shared/schema/primitives';
import { ensurePinyin } from '../search/searchKeys';
import type { AppDb } from './appDb';

export type LocalChange =
  | { [E in WritableEntity]: { entity: E; op: 'create'; recordId?: string; fields: EntityFields<E> } }[WritableEntity]
  | { [E in WritableEntity]: { entity: E; op: 'update'; recordId: string; fields: Partial<EntityFields<E>> } }[WritableEntity]
  | { entity: WritableEntity; op: 'delete' | 'restore'; recordId: string }
  | { entity: WritableEntity; op: 'reassign'; recordId: string; ownerId: string };

/**
 * Saves changes the user made: each record and its outbox mutation are written in one Dexie
 * transaction, so a crash leaves either both or neither. Mutations are validated with the
 * same zod schema the worker uses before anything is written.
 * Returns the record ids (new ones for creates).
 */
export async function writeLocal(db: AppDb, viewer: { id: string; teamId: string }, changes: LocalChange[], now = Date.now()): Promise<string[]> {
  const mutations: Mutation[] = changes.map((change) =>
    MutationSchema.parse({ ...change, id: ulid(now), recordId: change.recordId ?? ulid(now), at: now }),
  );
  // Search keys are derived inside the transaction, which cannot wait for a module to load.
  await ensurePinyin();
  const tables = [...new Set(mutations.map((m) => db.records(m.entity)))];
  await db.transaction('rw', [db.outbox, ...tables], async () => {
    for (const mutation of mutations) {
      await applyToCache(db, viewer, mutation, now);
      await db.outbox.add({
        mutationId: mutation.id,
        entity: mutation.entity,
        recordId: mutation.recordId,
        status: 'pending',
        mutation,
        schemaVersion: SCHEMA_VERSION,
        queuedAt: now,
      });
    }
  });
  return mutations.map((m) => m.recordId);
}

/** The optimistic effect of a mutation on the local row, as the server would apply it. */
async function applyToCache(db: AppDb, viewer: { id: string; teamId: string }, m: Mutation, now: number): Promise<void> {
  const table = db.records(m.entity) as unknown as import('dexie').Table<RecordMeta & Record<string, unknown>, string>;
  if (m.op === 'create') {
    await table.put(newRecord(m.entity, m.fields as Record<string, unknown>, { id: m.recordId, teamId: viewer.teamId, ownerId: viewer.id, now }));
    return;
  }
  const current = await table.get(m.recordId);
  if (!current) return;
  // updatedAt and version stay the server's: a change the server treats as a no-op (deleting a
  // deleted record) must leave the cache exactly as the server has it.
  await table.put(overlay(current, m));
}

/** A mutation's effect on an existing row, as the server will apply it. */
export function overlay<T extends Record<string, unknown>>(row: T, mutation: Mutation): T {
  switch (mutation.op) {
    case 'update':
      return { ...row, ...(mutation.fields as Record<string, unknown>) };
    case 'delete':
      return { ...row, deletedAt: row.deletedAt ?? mutation.at };
    case 'restore':
      return { ...row, deletedAt: null };
    case 'reassign':
      return { ...row, ownerId: mutation.ownerId };
    case 'create':
      return row;
  }
}
