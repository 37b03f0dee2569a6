import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ulid } from 'ulidx';
import type { EntityName } from '../../shared/api/entities';
import type { ErrorCode } from '../../shared/api/errors';
import type { Mutation, MutationResult, PushRequest } from '../../shared/api/sync';
import { checkStageGate } from '../../shared/rules/stageGate';
import { canSee, canWrite } from '../../shared/rules/visibility';
import type { DealGateField, RecordMeta, Stage } from '../../shared/schema';
import { chunk } from '../db/chunk';
import { appliedMutations, auditLog, pipelines, teams } from '../db/schema';
import type { Db, Viewer } from '../env';
import { entityTables, referenceFields } from './tables';

type Row = RecordMeta & Record<string, unknown>;
type Write =
  | { kind: 'insert'; entity: EntityName; row: Row }
  | { kind: 'update'; entity: EntityName; id: string; set: Record<string, unknown>; whileLive: boolean };
type Outcome =
  | { status: 'applied'; writeIndex: number | null; version: number }
  | { status: 'rejected'; error: { code: ErrorCode; message: string; field?: string } };

class Rejection extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field?: string) {
    super(message);
  }
}

const MAX_ATTEMPTS = 3;

/**
 * Applies a push exactly once per mutation id. Reads what the mutations touch, decides each
 * one in order (later ones see earlier ones), then writes every effect, the team version bump
 * and the remembered answers in one D1 batch, which is one transaction. A concurrent push
 * that touched the same ids makes the batch fail on a unique key; we then decide again.
 */
export async function applyPush(db: Db, viewer: Viewer, request: PushRequest, now = Date.now()): Promise<MutationResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptPush(db, viewer, request, now);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isConstraintError(err)) throw err;
    }
  }
}

async function attemptPush(db: Db, viewer: Viewer, request: PushRequest, now: number): Promise<MutationResult[]> {
  const known = await loadKnownResults(db, viewer, request.mutations.map((m) => m.id));
  const fresh = uniqueById(request.mutations.filter((m) => !known.has(m.id)));
  if (fresh.length === 0) return request.mutations.map((m) => known.get(m.id)!);

  const state = await loadTouchedRows(db, fresh);
  const stages = fresh.some((m) => m.entity === 'deal') ? await loadStages(db, viewer.teamId) : [];
  const planner = new Planner(viewer, state, stages, now);
  const outcomes = new Map<string, Outcome>();
  for (const mutation of fresh) outcomes.set(mutation.id, planner.decide(mutation));

  const total = planner.writes.length;
  const versionAt = (writeIndex: number): SQL =>
    sql`(SELECT ${teams.version} FROM ${teams} WHERE ${teams.id} = ${viewer.teamId}) - ${total - 1 - writeIndex}`;
  const statements: BatchItem<'sqlite'>[] = [];
  if (total > 0) {
    statements.push(
      db.update(teams).set({ version: sql`${teams.version} + ${total}` }).where(eq(teams.id, viewer.teamId)).returning({ version: teams.version }),
    );
  }
  planner.writes.forEach((write, i) => statements.push(writeStatement(db, viewer, write, versionAt(i))));
  const answers = fresh.map((m) => {
    const outcome = outcomes.get(m.id)!;
    return {
      id: m.id,
      teamId: viewer.teamId,
      userId: viewer.id,
      clientId: request.clientId,
      status: outcome.status,
      version: outcome.status === 'applied' ? (outcome.writeIndex === null ? outcome.version : versionAt(outcome.writeIndex)) : null,
      error: outcome.status === 'rejected' ? outcome.error : null,
      appliedAt: now,
    };
  });
  for (const part of chunk(answers, 8)) statements.push(db.insert(appliedMutations).values(part));
  const audits = planner.audits.map((a) => ({ id: ulid(), teamId: viewer.teamId, userId: viewer.id, at: now, ...a }));
  for (const part of chunk(audits, 10)) statements.push(db.insert(auditLog).values(part));

  const results = await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const newVersion = total > 0 ? (results[0] as { version: number }[])[0]!.version : 0;

  for (const m of fresh) {
    const outcome = outcomes.get(m.id)!;
    known.set(
      m.id,
      outcome.status === 'rejected'
        ? { mutationId: m.id, status: 'rejected', error: outcome.error }
        : {
            mutationId: m.id,
            status: 'applied',
            version: outcome.writeIndex === null ? outcome.version : newVersion - (total - 1 - outcome.writeIndex),
          },
    );
  }
  return request.mutations.map((m) => known.get(m.id)!);
}

/** Decides each mutation against the rows as they stand, recording the writes it needs. */
class Planner {
  readonly writes: Write[] = [];
  readonly audits: { action: string; entity: string; recordId: string; detail: unknown }[] = [];

  constructor(
    private readonly viewer: Viewer,
    private readonly state: Map<string, Row>,
    private readonly stages: Stage[],
    private readonly now: number,
  ) {}

  decide(m: Mutation): Outcome {
    try {
      return this.plan(m);
    } catch (err) {
      if (err instanceof Rejection) return { status: 'rejected', error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
      throw err;
    }
  }

  private plan(m: Mutation): Outcome {
    const key = `${m.entity}:${m.recordId}`;
    const current = this.state.get(key);
    if (m.op === 'create') {
      if (current) throw new Rejection('conflict', `A ${m.entity} with id ${m.recordId} already exists`, 'recordId');
      const fields = m.fields as Record<string, unknown>;
      this.checkReferences(fields);
      if (m.entity === 'deal') this.checkGate(m.fields.stageId, m.fields);
      const row: Row = {
        ...fields,
        id: m.recordId,
        teamId: this.viewer.teamId,
        ownerId: this.viewer.id,
        createdAt: this.now,
        updatedAt: this.now,
        deletedAt: null,
        version: 0,
        ...(m.entity === 'activity' ? { recordedAt: this.now } : {}),
      };
      this.state.set(key, row);
      const index = this.write({ kind: 'insert', entity: m.entity, row });
      if (m.entity === 'deal') this.recordStageChange(m.recordId, null, m.fields.stageId);
      return { status: 'applied', writeIndex: index, version: 0 };
    }

    if (!current || current.teamId !== this.viewer.teamId || !canSee(this.viewer, m.entity, current)) {
      // 404, not 403: another team's or another rep's record must not be confirmed to exist.
      throw new Rejection('not_found', `No ${m.entity} with id ${m.recordId}`, 'recordId');
    }
    if (!canWrite(this.viewer, current)) throw new Rejection('forbidden', `Only the owner or a manager may change this ${m.entity}`, 'recordId');

    if (m.op === 'delete' || m.op === 'restore') {
      const deletedAt = m.op === 'delete' ? this.now : null;
      if ((current.deletedAt === null) === (deletedAt === null)) return { status: 'applied', writeIndex: null, version: current.version };
      this.state.set(key, { ...current, deletedAt });
      this.audits.push({ action: m.op, entity: m.entity, recordId: m.recordId, detail: null });
      const index = this.write({ kind: 'update', entity: m.entity, id: m.recordId, set: { deletedAt, updatedAt: this.now }, whileLive: false });
      return { status: 'applied', writeIndex: index, version: 0 };
    }

    // A delete wins over a later edit unless the record is explicitly restored first.
    if (current.deletedAt !== null) throw new Rejection('record_deleted', `This ${m.entity} was deleted; restore it before editing`, 'recordId');
    const fields = m.fields as Record<string, unknown>;
    this.checkReferences(fields);
    const merged = { ...current, ...fields };
    const stageChanged = m.entity === 'deal' && 'stageId' in fields && fields.stageId !== current.stageId;
    if (m.entity === 'deal' && (stageChanged || gateFieldTouched(fields))) this.checkGate(merged.stageId as string, merged);
    this.state.set(key, merged);
    const index = this.write({ kind: 'update', entity: m.entity, id: m.recordId, set: { ...fields, updatedAt: this.now }, whileLive: true });
    if (stageChanged) this.recordStageChange(m.recordId, current.stageId as string, fields.stageId as string);
    return { status: 'applied', writeIndex: index, version: 0 };
  }

  private write(write: Write): number {
    this.writes.push(write);
    return this.writes.length - 1;
  }

  private recordStageChange(dealId: string, fromStageId: string | null, toStageId: string): void {
    const row: Row = {
      id: ulid(this.now),
      teamId: this.viewer.teamId,
      ownerId: this.viewer.id,
      createdAt: this.now,
      updatedAt: this.now,
      deletedAt: null,
      version: 0,
      dealId,
      fromStageId,
      toStageId,
      changedAt: this.now,
      changedBy: this.viewer.id,
    };
    this.write({ kind: 'insert', entity: 'stageChange', row });
  }

  private checkGate(stageId: string, deal: Record<string, unknown>): void {
    const gate = checkStageGate(this.stages, stageId, deal as Record<DealGateField, unknown>);
    if (gate.ok) return;
    if (gate.reason === 'unknown_stage') throw new Rejection('bad_request', `Stage "${stageId}" is not in the team's pipeline`, 'fields.stageId');
    throw new Rejection('stage_gate', `Stage "${stageId}" requires ${gate.missing.join(', ')}`, `fields.${gate.missing[0]}`);
  }

  private checkReferences(fields: Record<string, unknown>): void {
    for (const [field, entity] of Object.entries(referenceFields)) {
      const id = fields[field];
      if (typeof id !== 'string') continue;
      const target = this.state.get(`${entity}:${id}`);
      if (!target || target.teamId !== this.viewer.teamId || !canSee(this.viewer, entity, target) || target.deletedAt !== null) {
        throw new Rejection('not_found', `No ${entity} with id ${id}`, `fields.${field}`);
      }
    }
  }
}

const GATE_FIELDS = new Set(['amountMinor', 'expectedCloseAt', 'contactId', 'companyId', 'lostReason']);
function gateFieldTouched(fields: Record<string, unknown>): boolean {
  return Object.keys(fields).some((f) => GATE_FIELDS.has(f));
}

function writeStatement(db: Db, viewer: Viewer, write: Write, version: SQL): BatchItem<'sqlite'> {
  const table = entityTables[write.entity];
  if (write.kind === 'insert') return db.insert(table).values({ ...write.row, version } as never);
  const where = [eq(table.id, write.id), eq(table.teamId, viewer.teamId)];
  // Guards the decision against a delete that landed between our read and this batch.
  if (write.whileLive) where.push(sql`${table.deletedAt} IS NULL`);
  return db.update(table).set({ ...write.set, version } as never).where(and(...where));
}

async function loadKnownResults(db: Db, viewer: Viewer, ids: string[]): Promise<Map<string, MutationResult>> {
  const known = new Map<string, MutationResult>();
  for (const part of chunk([...new Set(ids)])) {
    const rows = await db
      .select()
      .from(appliedMutations)
      .where(and(eq(appliedMutations.teamId, viewer.teamId), inArray(appliedMutations.id, part)));
    for (const r of rows) {
      known.set(
        r.id,
        r.status === 'applied'
          ? { mutationId: r.id, status: 'applied', version: r.version ?? 0 }
          : { mutationId: r.id, status: 'rejected', error: r.error as { code: ErrorCode; message: string; field?: string } },
      );
    }
  }
  return known;
}

/** One query per entity (per 90 ids) for the records and every record they reference. */
async function loadTouchedRows(db: Db, mutations: Mutation[]): Promise<Map<string, Row>> {
  const wanted = new Map<EntityName, Set<string>>();
  const want = (entity: EntityName, id: string) => (wanted.get(entity) ?? wanted.set(entity, new Set()).get(entity)!).add(id);
  for (const m of mutations) {
    want(m.entity, m.recordId);
    if ('fields' in m) {
      for (const [field, entity] of Object.entries(referenceFields)) {
        const id = (m.fields as Record<string, unknown>)[field];
        if (typeof id === 'string') want(entity, id);
      }
    }
  }
  const state = new Map<string, Row>();
  for (const [entity, ids] of wanted) {
    const table = entityTables[entity];
    for (const part of chunk([...ids])) {
      // No team filter here on purpose: an id taken by another team must still block a create.
      const rows = (await db.select().from(table).where(inArray(table.id, part))) as Row[];
      for (const row of rows) state.set(`${entity}:${row.id}`, row);
    }
  }
  return state;
}

async function loadStages(db: Db, teamId: string): Promise<Stage[]> {
  const [pipeline] = await db.select().from(pipelines).where(eq(pipelines.teamId, teamId)).limit(1);
  return pipeline?.stages ?? [];
}

function uniqueById(mutations: Mutation[]): Mutation[] {
  const seen = new Set<string>();
  return mutations.filter((m) => !seen.has(m.id) && seen.add(m.id));
}

function isConstraintError(err: unknown): boolean {
  const text = String((err as { message?: unknown })?.message ?? err) + String((err as { cause?: unknown })?.cause ?? '');
  return /UNIQUE constraint|PRIMARY KEY|constraint failed/i.test(text);
}
