import { decodeTime } from 'ulidx';
import type { EntityName } from '../../../shared/api/entities';
import type { Mutation } from '../../../shared/api/sync';
import { canSee, canWrite, seesWholeTeam, teamWideEntities } from '../../../shared/rules/visibility';
import { newRecord } from '../../../shared/schema/newRecord';
import type { Viewer } from '../../env';
import type { AuditAction, AuditDetail, AuditEntity } from '../../../shared/api/audit';
import { fieldChanges } from '../../audit/fieldChanges';
import { referenceFields } from '../tables';
import { MAX_MERGE_HOPS, type PushState, type Row, rowKey } from './pushState';
import { Rejection, type RejectionBody } from './rejection';
import type { Change, RuleContext } from './rules/entityRules';
import { entityRules } from './rules/index';

export type Outcome =
  | { status: 'applied'; rowKey: string | null; version: number }
  | { status: 'rejected'; error: RejectionBody };

export type Revocation = { entity: EntityName; recordId: string; userId: string };
export type Audit = { action: AuditAction; entity: AuditEntity; recordId: string; detail: AuditDetail };

/**
 * Decides each mutation in order against the rows as they stand (later ones see earlier ones)
 * and collects the resulting row states. A row touched several times is written once, in its
 * final state; rows that did not exist are inserted, the others replaced whole, which is safe
 * only because the write batch is guarded on the team version these rows were read at.
 */
export class Planner {
  /** Final state of every row this push writes, in order of last touch. */
  readonly touched = new Map<string, { entity: EntityName; row: Row; isNew: boolean }>();
  readonly revocations: Revocation[] = [];
  readonly audits: Audit[] = [];

  constructor(
    private readonly viewer: Viewer,
    private readonly state: PushState,
    private readonly now: number,
    /** 'skip' only for moves the pipeline settings ordered (deals out of a removed stage). */
    private readonly stageGates: 'check' | 'skip' = 'check',
  ) {}

  decide(m: Mutation): Outcome {
    try {
      return this.plan(m);
    } catch (err) {
      if (err instanceof Rejection) return { status: 'rejected', error: err.body };
      throw err;
    }
  }

  private plan(m: Mutation): Outcome {
    // Answers older than the horizon were forgotten: this may be a resend of something applied.
    if (decodeTime(m.id) < this.state.mutationHorizon) {
      throw new Rejection('resync_required', 'This change is older than the server remembers; resync and make it again', 'id');
    }
    const key = rowKey(m.entity, m.recordId);
    const stored = this.state.rows.get(key) ?? null;
    if (m.op === 'create') {
      const current = stored;
      if (current) throw new Rejection('conflict', `A ${m.entity} with id ${m.recordId} already exists`, 'recordId');
      const fields = this.checkReferences(m.fields as Record<string, unknown>);
      const after = newRecord(m.entity, fields, { id: m.recordId, teamId: this.viewer.teamId, ownerId: this.viewer.id, now: this.now }) as Row;
      return this.accept(m.entity, { op: 'create', before: null, after, fields });
    }

    // An edit of a record merged into another (made on a device that had not heard of the merge)
    // is an edit of the person or company it became: it goes to the survivor and is not lost.
    const current = stored && stored.mergedIntoId && (m.op === 'update' || m.op === 'reassign') ? this.survivorOf(m.entity, stored) : stored;
    if (!current || current.teamId !== this.viewer.teamId || !canSee(this.viewer, m.entity, current)) {
      // Not "forbidden": another team's or another rep's record must not be confirmed to exist.
      throw new Rejection('not_found', `No ${m.entity} with id ${m.recordId}`, 'recordId');
    }
    if (!canWrite(this.viewer, current)) throw new Rejection('forbidden', `Only the owner or a manager may change this ${m.entity}`, 'recordId');

    switch (m.op) {
      case 'reassign': {
        if (!seesWholeTeam(this.viewer.role)) throw new Rejection('forbidden', 'Only managers and admins may reassign records', 'ownerId');
        const newOwner = this.state.members.find((u) => u.id === m.ownerId);
        if (!newOwner) throw new Rejection('not_found', `No team member with id ${m.ownerId}`, 'ownerId');
        if (newOwner.disabledAt !== null) throw new Rejection('forbidden', `${newOwner.name} is disabled and cannot own records`, 'ownerId');
        if (current.ownerId === m.ownerId) return { status: 'applied', rowKey: null, version: current.version };
        const outcome = this.accept(m.entity, { op: 'reassign', before: current, after: { ...current, ownerId: m.ownerId, updatedAt: this.now }, fields: null });
        this.revokeFor(m.entity, current.id, current.ownerId);
        return outcome;
      }
      case 'delete':
      case 'restore': {
        if (m.op === 'restore' && current.mergedIntoId) {
          throw new Rejection('conflict', `This ${m.entity} was merged into another; undo the merge to get it back`, 'recordId');
        }
        const deletedAt = m.op === 'delete' ? this.now : null;
        if ((current.deletedAt === null) === (deletedAt === null)) return { status: 'applied', rowKey: null, version: current.version };
        return this.accept(m.entity, { op: m.op, before: current, after: { ...current, deletedAt, updatedAt: this.now }, fields: null });
      }
      case 'update': {
        // A delete wins over a later edit unless the record is explicitly restored first.
        if (current.deletedAt !== null) throw new Rejection('record_deleted', `This ${m.entity} was deleted; restore it before editing`, 'recordId');
        const fields = this.checkReferences(m.fields as Record<string, unknown>);
        return this.accept(m.entity, { op: 'update', before: current, after: { ...current, ...fields, updatedAt: this.now }, fields });
      }
    }
  }

  /** Runs the entity's rules, then records the change and its audit entry; a refusal leaves nothing behind. */
  private accept(entity: EntityName, change: Change): Outcome {
    const rules = entityRules[entity];
    const context = this.context();
    rules?.check?.(context, change);
    this.write(entity, change.after);
    rules?.apply?.(context, change);
    const changes = fieldChanges(change.before, change.after);
    if (Object.keys(changes).length > 0) this.audits.push({ action: change.op, entity, recordId: change.after.id, detail: { changes } });
    return { status: 'applied', rowKey: rowKey(entity, change.after.id), version: 0 };
  }

  private write(entity: EntityName, row: Row): void {
    const key = rowKey(entity, row.id);
    const isNew = this.touched.get(key)?.isNew ?? !this.state.rows.has(key);
    this.touched.delete(key);
    this.touched.set(key, { entity, row, isNew });
    this.state.rows.set(key, row);
  }

  /** A user who no longer sees a record is told to drop it; managers and team-wide rows need nothing. */
  private revokeFor(entity: EntityName, recordId: string, userId: string): void {
    const user = this.state.members.find((u) => u.id === userId);
    if (!user || seesWholeTeam(user.role) || teamWideEntities.has(entity)) return;
    this.revocations.push({ entity, recordId, userId });
  }

  private context(): RuleContext {
    return {
      viewer: this.viewer,
      now: this.now,
      pipeline: this.state.pipeline,
      stageGates: this.stageGates,
      members: this.state.members,
      emailHolders: this.state.emailHolders,
      stageChangesOf: (dealId) => {
        // Loaded history, as this push has left it, plus moves this push recorded itself.
        const rows = new Map((this.state.stageChangesOf.get(dealId) ?? []).map((r) => [r.id, r]));
        for (const { entity, row } of this.touched.values()) if (entity === 'stageChange' && row.dealId === dealId) rows.set(row.id, row);
        return [...rows.values()];
      },
      write: (entity, row) => this.write(entity, row),
      revoke: (entity, recordId, userId) => this.revokeFor(entity, recordId, userId),
    };
  }

  /**
   * Refuses a reference to a record the viewer cannot see or that is deleted. A reference to a
   * record merged away is pointed at its survivor instead (a follow-up made offline for a contact
   * merged meanwhile lands on the merged contact). Returns the fields as they will be written.
   */
  private checkReferences(sent: Record<string, unknown>): Record<string, unknown> {
    const fields = { ...sent };
    for (const [field, entity] of Object.entries(referenceFields)) {
      const id = fields[field];
      if (typeof id !== 'string') continue;
      const stored = this.state.rows.get(rowKey(entity, id));
      if (!stored || stored.teamId !== this.viewer.teamId || !canSee(this.viewer, entity, stored)) throw new Rejection('not_found', `No ${entity} with id ${id}`, `fields.${field}`);
      // The link was to a record the user could see; where a merge took it (perhaps to a
      // teammate's record) the link follows, as it does for links made before the merge.
      const target = stored.mergedIntoId ? this.survivorOf(entity, stored) : stored;
      if (!target || target.deletedAt !== null) throw new Rejection('not_found', `No ${entity} with id ${id}`, `fields.${field}`);
      fields[field] = target.id;
    }
    return fields;
  }

  /** The record a merged-away one became, following merges of merges (loadPushState read them). */
  private survivorOf(entity: EntityName, row: Row): Row | null {
    let current: Row | undefined = row;
    for (let hops = 0; current?.mergedIntoId && hops < MAX_MERGE_HOPS; hops++) current = this.state.rows.get(rowKey(entity, current.mergedIntoId as string));
    return current && !current.mergedIntoId ? current : null;
  }
}
