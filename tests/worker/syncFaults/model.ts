import type { WritableEntity } from '../../../shared/api/entities';
import type { Mutation } from '../../../shared/api/sync';

export interface AppliedRow {
  id: string;
  user_id: string;
  status: 'applied' | 'rejected';
  version: number | null;
}

export interface ModelRecord {
  entity: WritableEntity;
  fields: Record<string, unknown>;
  ownerId: string;
  deleted: boolean;
  stageEntries: number;
}

/**
 * What the server's rows must be if every applied mutation took effect exactly once, in the
 * order of the versions the server stamped (mutations of one push on one row share the version
 * of its final state, so ties keep the order the client wrote them in). A mutation applied
 * twice, or lost, shows up as a difference between this model and the database.
 *
 * `writes` bounds the team version from above: one per effective change, the stage-history row
 * of a stage move, the revocation a rep gets when a record leaves them, and a reassigned deal's
 * history rows with their revocations. The server writes a row touched several times in one
 * push once, so it may stamp fewer; never more, unless something was applied twice.
 * `rowStamps` bounds it from below: the distinct (row, version) pairs applied answers name.
 */
export function replay(
  initial: Map<string, ModelRecord>,
  mutations: Map<string, Mutation>,
  applied: AppliedRow[],
  isRep: (userId: string) => boolean,
): { records: Map<string, ModelRecord>; writes: number; rowStamps: number } {
  const records = new Map([...initial].map(([key, r]) => [key, { ...r, fields: { ...r.fields } }]));
  let writes = 0;
  const stamps = new Set<string>();
  const writtenOrder = new Map([...mutations.keys()].map((id, i) => [id, i]));
  const ordered = applied
    .filter((a) => a.status === 'applied')
    .sort((a, b) => (a.version ?? 0) - (b.version ?? 0) || (writtenOrder.get(a.id) ?? 0) - (writtenOrder.get(b.id) ?? 0));
  for (const a of ordered) {
    const m = mutations.get(a.id);
    if (!m) throw new Error(`server applied a mutation no client sent: ${a.id}`);
    const key = `${m.entity}:${m.recordId}`;
    const current = records.get(key);
    const stamp = () => stamps.add(`${key}@${a.version}`);
    if (m.op === 'create') {
      if (current) throw new Error(`create applied on an existing record ${key}`);
      records.set(key, { entity: m.entity, fields: { ...m.fields }, ownerId: a.user_id, deleted: false, stageEntries: m.entity === 'deal' ? 1 : 0 });
      writes += m.entity === 'deal' ? 2 : 1;
      stamp();
      continue;
    }
    if (!current) throw new Error(`${m.op} applied to a record never created: ${key}`);
    if (m.op === 'update') {
      const fields = m.fields as Record<string, unknown>;
      writes++;
      stamp();
      if (m.entity === 'deal' && 'stageId' in fields && fields.stageId !== current.fields.stageId) {
        current.stageEntries++;
        writes++;
      }
      Object.assign(current.fields, fields);
    } else if (m.op === 'delete' || m.op === 'restore') {
      const deleted = m.op === 'delete';
      if (current.deleted !== deleted) {
        writes++;
        stamp();
      }
      current.deleted = deleted;
    } else if (m.op === 'reassign') {
      if (current.ownerId !== m.ownerId) {
        const revoked = m.entity !== 'company' && isRep(current.ownerId);
        writes += revoked ? 2 : 1;
        stamp();
        if (m.entity === 'deal') writes += current.stageEntries * (revoked ? 2 : 1);
      }
      current.ownerId = m.ownerId;
    }
  }
  return { records, writes, rowStamps: stamps.size };
}

/** The seeded rows as model records, so mutations on them replay from the same start. */
export function initialRecords(seeded: { entity: WritableEntity; rows: Record<string, unknown>[] }[]): Map<string, ModelRecord> {
  const records = new Map<string, ModelRecord>();
  for (const { entity, rows } of seeded) {
    for (const row of rows) {
      const { id, teamId, ownerId, createdAt, updatedAt, deletedAt, version, recordedAt, ...fields } = row;
      void teamId, createdAt, updatedAt, version, recordedAt;
      records.set(`${entity}:${id as string}`, { entity, fields, ownerId: ownerId as string, deleted: deletedAt !== null, stageEntries: entity === 'deal' ? 1 : 0 });
    }
  }
  return records;
}
