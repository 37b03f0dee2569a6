import type { RecordMeta } from './primitives';

/** Fields the server stamps on a new row of an entity beside the common metadata. */
const serverStamps: Partial<Record<string, (now: number) => Record<string, unknown>>> = {
  // What the rep says happened is occurredAt; when it was written down is the server's clock.
  activity: (now) => ({ recordedAt: now }),
  // Records that can be merged start as no one's duplicate.
  contact: () => ({ mergedIntoId: null }),
  company: () => ({ mergedIntoId: null }),
};

/**
 * The row a create makes: the fields the client sent plus the metadata the server owns. The one
 * builder for the worker (what is stored) and the extension (the optimistic copy in the cache).
 */
export function newRecord<F extends object>(
  entity: string,
  fields: F,
  meta: { id: string; teamId: string; ownerId: string; now: number },
): F & RecordMeta {
  return {
    ...fields,
    id: meta.id,
    teamId: meta.teamId,
    ownerId: meta.ownerId,
    createdAt: meta.now,
    updatedAt: meta.now,
    deletedAt: null,
    version: 0,
    ...serverStamps[entity]?.(meta.now),
  };
}
