import { writableFields, type WritableEntity } from '../../../shared/api/entities';
import type { Mutation } from '../../../shared/api/sync';
import { mergeDependents, type Mergeable } from '../../../shared/rules/mergeDependents';

export interface AppliedRow {
  id: string;
  user_id: string;
  status: 'applied' | 'rejected';
  version: number | null;
  /** The refusal, as JSON, when rejected. */
  error?: string | null;
}

export interface ModelRecord {
  entity: WritableEntity;
  fields: Record<string, unknown>;
  ownerId: string;
  deleted: boolean;
  stageEntries: number;
  /** The record this one was merged into, while the merge stands. */
  mergedInto?: string | null;
}

/** A merge or its undo that the server answered 200, at the newest version it wrote. */
export type MergeEvent =
  | { kind: 'merge'; version: number; mergeId: string; entity: Mergeable; survivorId: string; mergedId: string; fields: Record<string, unknown> }
  | { kind: 'undo'; version: number; mergeId: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

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
  mergeEvents: MergeEvent[] = [],
): { records: Map<string, ModelRecord>; writes: number; rowStamps: number } {
  const records = new Map([...initial].map(([key, r]) => [key, { ...r, fields: { ...r.fields } }]));
  let writes = 0;
  const stamps = new Set<string>();
  const writtenOrder = new Map([...mutations.keys()].map((id, i) => [id, i]));
  const ordered = applied
    .filter((a) => a.status === 'applied')
    .sort((a, b) => (a.version ?? 0) - (b.version ?? 0) || (writtenOrder.get(a.id) ?? 0) - (writtenOrder.get(b.id) ?? 0));

  // Merges: an edit of a merged record, or a link to it, goes to the record it was merged into.
  const merges = new Map<string, { entity: Mergeable; survivorId: string; mergedId: string; before: Record<string, unknown>; after: Record<string, unknown>; moved: { key: string; field: string }[] }>();
  const survivorKey = (key: string): string => {
    let k = key;
    for (let hops = 0; records.get(k)?.mergedInto && hops < 10; hops++) k = `${k.slice(0, k.indexOf(':'))}:${records.get(k)!.mergedInto}`;
    return k;
  };
  const resolveLinks = (fields: Record<string, unknown>) => {
    const out = { ...fields };
    for (const [field, entity] of [['contactId', 'contact'], ['companyId', 'company']] as const) {
      if (typeof out[field] === 'string') out[field] = survivorKey(`${entity}:${out[field]}`).split(':')[1];
    }
    return out;
  };
  const writable = (entity: WritableEntity, fields: Record<string, unknown>) => Object.fromEntries(Object.keys(writableFields[entity].shape).map((f) => [f, fields[f] ?? null]));
  const applyMerge = (e: MergeEvent) => {
    if (e.kind === 'merge') {
      const survivor = records.get(`${e.entity}:${e.survivorId}`)!;
      const merged = records.get(`${e.entity}:${e.mergedId}`)!;
      const before = writable(e.entity, survivor.fields);
      Object.assign(survivor.fields, e.fields);
      merged.deleted = true;
      merged.mergedInto = e.survivorId;
      const moved: { key: string; field: string }[] = [];
      for (const { entity, field } of mergeDependents(e.entity)) {
        for (const [key, r] of records) if (r.entity === entity && r.fields[field] === e.mergedId) (r.fields[field] = e.survivorId), moved.push({ key, field });
      }
      merges.set(e.mergeId, { entity: e.entity, survivorId: e.survivorId, mergedId: e.mergedId, before, after: writable(e.entity, survivor.fields), moved });
    } else {
      const m = merges.get(e.mergeId)!;
      const survivor = records.get(`${m.entity}:${m.survivorId}`)!;
      const merged = records.get(`${m.entity}:${m.mergedId}`)!;
      if (!survivor.deleted) {
        const revert = Object.fromEntries(Object.keys(m.before).filter((f) => !same(m.before[f], m.after[f]) && same(survivor.fields[f], m.after[f])).map((f) => [f, m.before[f]]));
        Object.assign(survivor.fields, resolveLinks(revert));
      }
      merged.deleted = false;
      merged.mergedInto = null;
      for (const { key, field } of m.moved) {
        const r = records.get(key)!;
        if (r.fields[field] === m.survivorId) r.fields[field] = m.mergedId;
      }
    }
  };
  const events = [...mergeEvents].sort((a, b) => a.version - b.version);

  for (const a of ordered) {
    while (events.length > 0 && events[0]!.version < (a.version ?? 0)) applyMerge(events.shift()!);
    const m = mutations.get(a.id);
    if (!m) throw new Error(`server applied a mutation no client sent: ${a.id}`);
    const named = `${m.entity}:${m.recordId}`;
    const key = m.op === 'update' || m.op === 'reassign' ? survivorKey(named) : named;
    const current = records.get(key);
    const stamp = () => stamps.add(`${key}@${a.version}`);
    if (m.op === 'create') {
      if (current) throw new Error(`create applied on an existing record ${key}`);
      records.set(key, { entity: m.entity, fields: resolveLinks(m.fields as Record<string, unknown>), ownerId: a.user_id, deleted: false, stageEntries: m.entity === 'deal' ? 1 : 0 });
      writes += m.entity === 'deal' ? 2 : 1;
      stamp();
      continue;
    }
    if (!current) throw new Error(`${m.op} applied to a record never created: ${key}`);
    if (m.op === 'update') {
      const fields = resolveLinks(m.fields as Record<string, unknown>);
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
  for (const e of events) applyMerge(e);
  return { records, writes, rowStamps: stamps.size };
}

/** The seeded rows as model records, so mutations on them replay from the same start. */
export function initialRecords(seeded: { entity: WritableEntity; rows: Record<string, unknown>[] }[]): Map<string, ModelRecord> {
  const records = new Map<string, ModelRecord>();
  for (const { entity, rows } of seeded) {
    for (const row of rows) {
      const { id, teamId, ownerId, createdAt, updatedAt, deletedAt, version, recordedAt, ...fields } = row;
      void teamId, createdAt, updatedAt, version, recordedAt;
      records.set(`${entity}:${id as string}`, { entity, fields, ownerId: ownerId as string, deleted: deletedAt !== null, stageEntries: entity === 'deal' ? 1 : 0, mergedInto: null });
    }
  }
  return records;
}
