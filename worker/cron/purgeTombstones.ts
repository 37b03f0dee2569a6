import { lt, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { encodeTime } from 'ulidx';
import { ENTITY_NAMES } from '../../shared/api/entities';
import { accessRevocations, appliedMutations, teams } from '../db/schema';
import type { Db } from '../env';
import { entityTables } from '../sync/tables';

/** How long deletions, revocations and push answers are kept; HubSpot keeps deleted contacts 90 days. */
export const TOMBSTONE_RETENTION_MS = 90 * 86_400_000;

/**
 * Deletes tombstones, revocations and remembered push answers older than the retention window,
 * in one batch (one transaction) that first, for each team it purges from:
 *   - bumps the team version, so a push that read rows before the purge fails its guard and is
 *     decided again on what is left (it cannot write back a row the purge just removed);
 *   - raises minCursor past the newest version purged, so a device whose cursor is older gets
 *     "resync required" instead of silently missing a deletion;
 *   - raises mutation_horizon to the cutoff: answers are purged by the time in their mutation
 *     id, so a mutation older than the horizon may have been applied and is refused, not redone.
 * Safe to run twice (cron is at-least-once): the second run finds nothing and bumps nothing.
 */
export async function purgeTombstones(db: Db, now: number): Promise<void> {
  const cutoff = now - TOMBSTONE_RETENTION_MS;
  // ULIDs sort by their time prefix: every id below this one was made before the cutoff.
  const oldestKeptId = `${encodeTime(cutoff, 10)}${'0'.repeat(16)}`;

  const purgeable: SQL[] = [
    ...ENTITY_NAMES.map((entity) => {
      const table = entityTables[entity];
      return sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.teamId} = ${teams.id} AND ${table.deletedAt} < ${cutoff})`;
    }),
    sql`EXISTS (SELECT 1 FROM ${accessRevocations} WHERE ${accessRevocations.teamId} = ${teams.id} AND ${accessRevocations.createdAt} < ${cutoff})`,
    sql`EXISTS (SELECT 1 FROM ${appliedMutations} WHERE ${appliedMutations.id} < ${oldestKeptId} AND ${appliedMutations.teamId} = ${teams.id})`,
  ];
  const statements: BatchItem<'sqlite'>[] = [
    db
      .update(teams)
      .set({ version: sql`${teams.version} + 1`, mutationHorizon: sql`MAX(${teams.mutationHorizon}, ${cutoff})` })
      .where(or(...purgeable)),
  ];
  for (const entity of ENTITY_NAMES) {
    const table = entityTables[entity];
    statements.push(
      db.update(teams).set({
        minCursor: sql`MAX(${teams.minCursor}, COALESCE((SELECT MAX(${table.version}) FROM ${table} WHERE ${table.teamId} = ${teams.id} AND ${table.deletedAt} < ${cutoff}), 0))`,
      }),
      db.delete(table).where(lt(table.deletedAt, cutoff)),
    );
  }
  statements.push(
    db.update(teams).set({
      minCursor: sql`MAX(${teams.minCursor}, COALESCE((SELECT MAX(${accessRevocations.version}) FROM ${accessRevocations} WHERE ${accessRevocations.teamId} = ${teams.id} AND ${accessRevocations.createdAt} < ${cutoff}), 0))`,
    }),
    db.delete(accessRevocations).where(lt(accessRevocations.createdAt, cutoff)),
    db.delete(appliedMutations).where(lt(appliedMutations.id, oldestKeptId)),
  );
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
