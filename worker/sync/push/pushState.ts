import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { EntityName } from '../../../shared/api/entities';
import type { Mutation } from '../../../shared/api/sync';
import type { PipelineSettings, RecordMeta, Role } from '../../../shared/schema';
import { appliedMutations, contacts, lookupKeys, pipelines, stageChanges, teams, users } from '../../db/schema';
import type { Db, Viewer } from '../../env';
import { entityTables, referenceFields } from '../tables';
import { jsonEach } from '../../db/jsonParam';

export type Row = RecordMeta & Record<string, unknown>;
export type Member = { id: string; role: Role; name: string; disabledAt: number | null };
export type StoredAnswer = typeof appliedMutations.$inferSelect;
/** Who holds an email among the team's live contacts. */
export type EmailHolder = { contactId: string; contactName: string; ownerId: string; ownerName: string };

/** Everything a push decides on, read in one D1 batch (one transaction, so one consistent view). */
export interface PushState {
  /** The team's version when the view was read; the write batch is guarded on it. */
  teamVersion: number;
  mutationHorizon: number;
  /** `entity:id` → row, whichever team it belongs to (an id taken elsewhere still blocks a create). */
  rows: Map<string, Row>;
  /** Answers already given for these mutation ids, by anyone. */
  known: Map<string, StoredAnswer>;
  /** The team's pipeline: the gates every deal change is checked against. */
  pipeline: PipelineSettings;
  members: Member[];
  /** Stage changes of the deals this push reassigns: they follow their deal. */
  stageChangesOf: Map<string, Row[]>;
  emailHolders: Map<string, EmailHolder>;
}

/** How many merges of merges an edit or a reference is followed through. */
export const MAX_MERGE_HOPS = 5;

export const rowKey = (entity: EntityName, id: string) => `${entity}:${id}`;

/**
 * Reads what the mutations touch. The first round trip is one batch: the team's version, the
 * remembered answers, every touched and referenced row, the pipeline, the members and the stage
 * changes of reassigned deals. The second reads who holds the emails the push would claim, which
 * depends on the rows. A write between the two moves the team version and the guard catches it.
 * Two round trips whatever the push holds.
 */
export async function loadPushState(db: Db, viewer: Viewer, mutations: Mutation[]): Promise<PushState> {
  const wanted = idsByEntity(mutations);
  const entityReads = [...wanted].map(([entity, ids]) => {
    const table = entityTables[entity];
    return { entity, query: db.select().from(table).where(inArray(table.id, jsonEach([...ids]))) };
  });
  const reassignedDeals = mutations.filter((m) => m.entity === 'deal' && m.op === 'reassign').map((m) => m.recordId);

  const [teamRows, knownRows, stageRows, memberRows, changeRows, ...entityRows] = (await db.batch([
    db.select({ version: teams.version, mutationHorizon: teams.mutationHorizon }).from(teams).where(eq(teams.id, viewer.teamId)),
    db.select().from(appliedMutations).where(inArray(appliedMutations.id, jsonEach(mutations.map((m) => m.id)))),
    db.select({ stages: pipelines.stages, customFields: pipelines.customFields, allowSkip: pipelines.allowSkip }).from(pipelines).where(eq(pipelines.teamId, viewer.teamId)),
    db.select({ id: users.id, role: users.role, name: users.name, disabledAt: users.disabledAt }).from(users).where(eq(users.teamId, viewer.teamId)),
    db.select().from(stageChanges).where(and(eq(stageChanges.teamId, viewer.teamId), inArray(stageChanges.dealId, jsonEach(reassignedDeals)))),
    ...entityReads.map((r) => r.query),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])) as unknown as [
    { version: number; mutationHorizon: number }[],
    StoredAnswer[],
    PipelineSettings[],
    Member[],
    Row[],
    ...Row[][],
  ];

  const rows = new Map<string, Row>();
  entityReads.forEach(({ entity }, i) => {
    for (const row of entityRows[i]!) rows.set(rowKey(entity, row.id), row);
  });
  await loadSurvivors(db, viewer, rows);
  const stageChangesOf = new Map<string, Row[]>();
  for (const change of changeRows) {
    stageChangesOf.set(change.dealId as string, [...(stageChangesOf.get(change.dealId as string) ?? []), change]);
    // Also a row this push may rewrite (a new owner), so the planner knows it exists.
    rows.set(rowKey('stageChange', change.id), change);
  }

  return {
    teamVersion: teamRows[0]?.version ?? 0,
    mutationHorizon: teamRows[0]?.mutationHorizon ?? 0,
    rows,
    known: new Map(knownRows.map((r) => [r.id, r])),
    pipeline: stageRows[0] ?? { stages: [], customFields: [], allowSkip: false },
    members: memberRows,
    stageChangesOf,
    emailHolders: await loadEmailHolders(db, viewer, emailsTouched(mutations, rows)),
  };
}

/** Every record a mutation names, and every record its fields point at. */
function idsByEntity(mutations: Mutation[]): Map<EntityName, Set<string>> {
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
  return wanted;
}

/** Every email a contact create, edit or restore in this push could claim. */
function emailsTouched(mutations: Mutation[], rows: Map<string, Row>): string[] {
  const emails = new Set<string>();
  for (const m of mutations) {
    if (m.entity !== 'contact') continue;
    if ((m.op === 'create' || m.op === 'update') && m.fields.emails) m.fields.emails.forEach((e) => emails.add(e));
    if (m.op === 'restore' || m.op === 'update') ((rows.get(rowKey('contact', m.recordId))?.emails as string[] | undefined) ?? []).forEach((e) => emails.add(e));
  }
  return [...emails];
}

/** The team's live contacts holding these emails: an index probe on lookup_keys, one query. */
async function loadEmailHolders(db: Db, viewer: Viewer, emails: string[]): Promise<Map<string, EmailHolder>> {
  const holders = new Map<string, EmailHolder>();
  if (emails.length === 0) return holders;
  const found = await db
    .select({ email: lookupKeys.key, contactId: contacts.id, contactName: contacts.name, ownerId: contacts.ownerId, ownerName: users.name })
    .from(lookupKeys)
    .innerJoin(contacts, eq(contacts.id, lookupKeys.recordId))
    .innerJoin(users, eq(users.id, contacts.ownerId))
    .where(and(eq(lookupKeys.teamId, viewer.teamId), eq(lookupKeys.kind, 'email'), inArray(lookupKeys.key, jsonEach(emails)), isNull(contacts.deletedAt)));
  for (const { email, ...holder } of found) holders.set(email, holder);
  return holders;
}


/**
 * Adds the records that loaded rows were merged into (and what those were merged into), so an
 * edit of or a reference to a merged record can go to its survivor. Costs a round trip only when
 * a push touches a merged record, which is rare.
 */
async function loadSurvivors(db: Db, viewer: Viewer, rows: Map<string, Row>): Promise<void> {
  const asked = new Set<string>();
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const missing = new Map<EntityName, Set<string>>();
    for (const [key, row] of rows) {
      const target = row.mergedIntoId as string | null | undefined;
      const entity = key.slice(0, key.indexOf(':')) as EntityName;
      const targetKey = target ? rowKey(entity, target) : '';
      if (!target || rows.has(targetKey) || asked.has(targetKey)) continue;
      asked.add(targetKey);
      (missing.get(entity) ?? missing.set(entity, new Set()).get(entity)!).add(target);
    }
    if (missing.size === 0) return;
    for (const [entity, ids] of missing) {
      const table = entityTables[entity];
      const found = (await db.select().from(table).where(and(eq(table.teamId, viewer.teamId), inArray(table.id, jsonEach([...ids]))))) as Row[];
      for (const row of found) rows.set(rowKey(entity, row.id), row);
    }
  }
}
