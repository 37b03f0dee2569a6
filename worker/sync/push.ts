import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ulid } from 'ulidx';
import type { EntityName } from '../../shared/api/entities';
import type { ErrorCode } from '../../shared/api/errors';
import type { Mutation, MutationResult, PushRequest } from '../../shared/api/sync';
import { checkStageGate } from '../../shared/rules/stageGate';
import { canSee, canWrite, seesWholeTeam, teamWideEntities } from '../../shared/rules/visibility';
import type { DealGateField, RecordMeta, Role, Stage } from '../../shared/schema';
import { chunk, MAX_PARAMS_PER_STATEMENT } from '../db/chunk';
import { accessRevocations, appliedMutations, auditLog, contacts, pipelines, teams, users } from '../db/schema';
import type { Db, Viewer } from '../env';
import { entityTables, referenceFields } from './tables';

type Row = RecordMeta & Record<string, unknown>;
type Write =
  | { kind: 'insert'; entity: EntityName; row: Row }
  | { kind: 'update'; entity: EntityName; id: string; set: Record<string, unknown>; whileLive: boolean }
  | { kind: 'revoke'; entity: EntityName; recordId: string; userId: string };
type Member = { id: string; role: Role };
type Outcome =
  | { status: 'applied'; writeIndex: number | null; version: number }
  | { status: 'rejected'; error: RejectionBody };

type Existing = { entity: EntityName; id: string; ownerId: string; ownerName: string };
type RejectionBody = { code: ErrorCode; message: string; field?: string; existing?: Existing };

class Rejection extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly field?: string, readonly existing?: Existing) {
    super(message);
  }
}

/** Who holds each email among the team's live contacts, kept current as the push is planned. */
type EmailHolder = { contactId: string; contactName: string; ownerId: string; ownerName: string };

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
  const members = fresh.some((m) => m.op === 'reassign') ? await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.teamId, viewer.teamId)) : [];
  const emailHolders = await loadEmailHolders(db, viewer, emailsTouched(fresh, state));
  const planner = new Planner(viewer, state, stages, members, emailHolders, now);
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
  statements.push(...writeStatements(db, viewer, planner.writes, versionAt));
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
  for (const part of chunk(answers, 10)) statements.push(db.insert(appliedMutations).values(part));
  const audits = planner.audits.map((a) => ({ id: ulid(), teamId: viewer.teamId, userId: viewer.id, at: now, ...a }));
  for (const part of chunk(audits, 12)) statements.push(db.insert(auditLog).values(part));

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
    private readonly members: Member[],
    private readonly emailHolders: Map<string, EmailHolder>,
    private readonly now: number,
  ) {}

  decide(m: Mutation): Outcome {
    try {
      return this.plan(m);
    } catch (err) {
      if (err instanceof Rejection) {
        return { status: 'rejected', error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.existing ? { existing: err.existing } : {}) } };
      }
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
      if (m.entity === 'contact') this.claimEmails(m.recordId, m.fields.name, m.fields.emails);
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
    if (m.op === 'reassign') return this.reassign(m.entity, current, m.ownerId);

    if (m.op === 'delete' || m.op === 'restore') {
      const deletedAt = m.op === 'delete' ? this.now : null;
      if ((current.deletedAt === null) === (deletedAt === null)) return { status: 'applied', writeIndex: null, version: current.version };
      if (m.entity === 'contact') {
        if (m.op === 'restore') this.claimEmails(current.id, current.name as string, current.emails as string[]);
        else this.releaseEmails(current.id, current.emails as string[]);
      }
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
    if (m.entity === 'contact' && ('emails' in fields || 'name' in fields)) {
      this.claimEmails(current.id, merged.name as string, merged.emails as string[], current.emails as string[]);
    }
    this.state.set(key, merged);
    const index = this.write({ kind: 'update', entity: m.entity, id: m.recordId, set: { ...fields, updatedAt: this.now }, whileLive: true });
    if (stageChanged) this.recordStageChange(m.recordId, current.stageId as string, fields.stageId as string);
    return { status: 'applied', writeIndex: index, version: 0 };
  }

  /** Hands a record to another member; a rep who loses it is told to drop it on their next pull. */
  private reassign(entity: EntityName, current: Row, ownerId: string): Outcome {
    if (!seesWholeTeam(this.viewer.role)) throw new Rejection('forbidden', 'Only managers and admins may reassign records', 'ownerId');
    if (!this.members.some((u) => u.id === ownerId)) throw new Rejection('not_found', `No team member with id ${ownerId}`, 'ownerId');
    if (current.ownerId === ownerId) return { status: 'applied', writeIndex: null, version: current.version };
    const previous = this.members.find((u) => u.id === current.ownerId);
    if (previous && !seesWholeTeam(previous.role) && !teamWideEntities.has(entity)) {
      this.write({ kind: 'revoke', entity, recordId: current.id, userId: previous.id });
    }
    this.state.set(`${entity}:${current.id}`, { ...current, ownerId });
    this.audits.push({ action: 'reassign', entity, recordId: current.id, detail: { from: current.ownerId, to: ownerId } });
    const index = this.write({ kind: 'update', entity, id: current.id, set: { ownerId, updatedAt: this.now }, whileLive: false });
    return { status: 'applied', writeIndex: index, version: 0 };
  }

  /**
   * A contact email is unique within a team; the refusal names who already has it. Nothing
   * changes unless every email is free, so a refused edit leaves the contact's old emails held.
   */
  private claimEmails(contactId: string, contactName: string, emails: string[], previousEmails: string[] = []): void {
    for (const email of emails) {
      const holder = this.emailHolders.get(email);
      if (holder && holder.contactId !== contactId) {
        const visible = canSee(this.viewer, 'contact', { ownerId: holder.ownerId });
        const who = visible ? `${holder.contactName} (owner: ${holder.ownerName})` : `a contact owned by ${holder.ownerName}`;
        throw new Rejection('conflict', `${email} already belongs to ${who}`, 'fields.emails', {
          entity: 'contact',
          id: holder.contactId,
          ownerId: holder.ownerId,
          ownerName: holder.ownerName,
        });
      }
    }
    const previous = previousEmails.map((e) => this.emailHolders.get(e)).find((h) => h?.contactId === contactId);
    const ownerId = (this.state.get(`contact:${contactId}`)?.ownerId as string | undefined) ?? this.viewer.id;
    const ownerName = ownerId === this.viewer.id ? this.viewer.name : (previous?.ownerName ?? '');
    this.releaseEmails(contactId, previousEmails);
    for (const email of emails) this.emailHolders.set(email, { contactId, contactName, ownerId, ownerName });
  }

  private releaseEmails(contactId: string, emails: string[]): void {
    for (const email of emails) if (this.emailHolders.get(email)?.contactId === contactId) this.emailHolders.delete(email);
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

/**
 * One statement per update; consecutive inserts into the same table share a multi-row INSERT
 * sized to D1's 100 bound parameters, which keeps a 100-create push to a few dozen statements.
 */
function writeStatements(db: Db, viewer: Viewer, writes: Write[], versionAt: (i: number) => SQL): BatchItem<'sqlite'>[] {
  const statements: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < writes.length; ) {
    const write = writes[i]!;
    if (write.kind === 'insert') {
      const table = entityTables[write.entity];
      // Each row binds its values plus two for the version expression.
      const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / (Object.keys(write.row).length + 2)));
      const rows: Record<string, unknown>[] = [];
      while (i < writes.length && rows.length < rowsPerStatement) {
        const next = writes[i]!;
        if (next.kind !== 'insert' || next.entity !== write.entity) break;
        rows.push({ ...next.row, version: versionAt(i) });
        i++;
      }
      statements.push(db.insert(table).values(rows as never));
      continue;
    }
    if (write.kind === 'revoke') {
      statements.push(
        db.insert(accessRevocations).values({ id: ulid(), teamId: viewer.teamId, userId: write.userId, entity: write.entity, recordId: write.recordId, version: versionAt(i), createdAt: Date.now() }),
      );
    } else {
      const table = entityTables[write.entity];
      const where = [eq(table.id, write.id), eq(table.teamId, viewer.teamId)];
      // Guards the decision against a delete that landed between our read and this batch.
      if (write.whileLive) where.push(sql`${table.deletedAt} IS NULL`);
      statements.push(db.update(table).set({ ...write.set, version: versionAt(i) } as never).where(and(...where)));
    }
    i++;
  }
  return statements;
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
          : { mutationId: r.id, status: 'rejected', error: r.error as RejectionBody },
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

/** Every email a contact create, edit or restore in this push would claim. */
function emailsTouched(mutations: Mutation[], state: Map<string, Row>): string[] {
  const emails = new Set<string>();
  for (const m of mutations) {
    if (m.entity !== 'contact') continue;
    if ((m.op === 'create' || m.op === 'update') && m.fields.emails) m.fields.emails.forEach((e) => emails.add(e));
    if (m.op === 'restore' || m.op === 'update') ((state.get(`contact:${m.recordId}`)?.emails as string[] | undefined) ?? []).forEach((e) => emails.add(e));
  }
  return [...emails];
}

/**
 * The team's live contacts holding any of these emails, with their owners' names. The contacts'
 * JSON email lists are searched with json_each; 90 emails per statement.
 */
async function loadEmailHolders(db: Db, viewer: Viewer, emails: string[]): Promise<Map<string, EmailHolder>> {
  const holders = new Map<string, EmailHolder>();
  if (emails.length === 0) return holders;
  for (const part of chunk(emails)) {
    const rows = await db
      .select({ id: contacts.id, name: contacts.name, emails: contacts.emails, ownerId: contacts.ownerId, ownerName: users.name })
      .from(contacts)
      .innerJoin(users, eq(users.id, contacts.ownerId))
      .where(
        and(
          eq(contacts.teamId, viewer.teamId),
          isNull(contacts.deletedAt),
          sql`EXISTS (SELECT 1 FROM json_each(${contacts.emails}) WHERE json_each.value IN (${sql.join(part.map((e) => sql`${e}`), sql`, `)}))`,
        ),
      );
    for (const row of rows) for (const email of row.emails) holders.set(email, { contactId: row.id, contactName: row.name, ownerId: row.ownerId, ownerName: row.ownerName });
  }
  return holders;
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
