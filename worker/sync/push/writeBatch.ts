import { and, eq, inArray } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { ulid } from 'ulidx';
import type { EntityName } from '../../../shared/api/entities';
import { keyedEntities, lookupKeysOf, type KeyedEntity } from '../../dedup/lookupKeys';
import { accessRevocations, appliedMutations, auditLog, lookupKeys, pushGuards, teams } from '../../db/schema';
import type { Statement } from '../../db/rawBatch';
import type { Db, Viewer } from '../../env';
import { entityTables } from '../tables';
import { chunkByJsonSize, jsonEach } from '../../db/jsonParam';
import { insertJsonRows, replaceJsonRows } from '../../db/jsonRows';
import type { Audit, Revocation } from './planner';
import { auditEntry } from '../../audit/auditEntry';
import type { Row } from './pushState';

/** The message of the push_guards trigger (migration 0002) when the team's version moved. */
export const GUARD_FIRED = /team version moved/;

export type Versioned = { entity: EntityName; row: Row; isNew: boolean };

/**
 * The statements that write a planned push, in one D1 batch (one transaction):
 *   1. the guard: aborts everything if the team's version moved since the push read it;
 *   2. the team's new version;
 *   3. per entity, new rows inserted and changed rows replaced, each as one JSON parameter;
 *   4. lookup keys of touched contacts and companies, dropped and re-added;
 *   5. revocations, remembered answers and audit entries.
 * About a dozen statements and a handful of bound parameters each, whatever the push holds.
 */
export function writeBatch(
  db: Db,
  viewer: Viewer,
  plan: { expectedVersion: number; rows: Versioned[]; revocations: (Revocation & { version: number })[]; answers: (typeof appliedMutations.$inferInsert)[]; audits: Audit[] },
  now: number,
): Statement[] {
  const statements: Statement[] = [db.insert(pushGuards).values({ teamId: viewer.teamId, expectedVersion: plan.expectedVersion })];
  const written = plan.rows.length + plan.revocations.length;
  if (written > 0) statements.push(db.update(teams).set({ version: plan.expectedVersion + written }).where(eq(teams.id, viewer.teamId)));

  for (const entity of Object.keys(entityTables) as EntityName[]) {
    const table = entityTables[entity] as unknown as SQLiteTable;
    const mine = plan.rows.filter((r) => r.entity === entity);
    for (const part of chunkByJsonSize(mine.filter((r) => r.isNew).map((r) => r.row))) statements.push(insertJsonRows(table, part));
    for (const part of chunkByJsonSize(mine.filter((r) => !r.isNew).map((r) => r.row))) statements.push(replaceJsonRows(table, part, viewer.teamId));
  }

  const keyed = plan.rows.filter((r): r is Versioned & { entity: KeyedEntity } => keyedEntities.has(r.entity as KeyedEntity));
  if (keyed.length > 0) {
    statements.push(db.delete(lookupKeys).where(and(eq(lookupKeys.teamId, viewer.teamId), inArray(lookupKeys.recordId, jsonEach(keyed.map((r) => r.row.id))))));
    const keys = keyed.flatMap(({ entity, row }) => lookupKeysOf(entity, row as never).map((k) => ({ teamId: viewer.teamId, ...k, recordId: row.id })));
    for (const part of chunkByJsonSize(keys)) statements.push(insertJsonRows(lookupKeys, part));
  }

  const revocations = plan.revocations.map((r) => ({ id: ulid(now), teamId: viewer.teamId, ...r, createdAt: now }));
  for (const part of chunkByJsonSize(revocations)) statements.push(insertJsonRows(accessRevocations, part));
  for (const part of chunkByJsonSize(plan.answers)) statements.push(insertJsonRows(appliedMutations, part));
  const audits = plan.audits.map((a) => auditEntry(viewer, now, a));
  for (const part of chunkByJsonSize(audits)) statements.push(insertJsonRows(auditLog, part));
  return statements;
}
