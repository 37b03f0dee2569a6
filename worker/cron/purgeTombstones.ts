import { lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { ENTITY_NAMES } from '../../shared/api/entities';
import { accessRevocations, teams } from '../db/schema';
import type { Db } from '../env';
import { entityTables } from '../sync/tables';

/** How long deletions (and revocations) stay pullable; HubSpot keeps deleted contacts 90 days. */
export const TOMBSTONE_RETENTION_MS = 90 * 86_400_000;

/**
 * Deletes tombstones and revocations older than the retention window. Before deleting, each
 * team's minCursor is raised past the newest version being purged, in the same batch, so a
 * device whose cursor is older gets "resync required" instead of silently missing a deletion.
 * Safe to run twice (cron is at-least-once): the second run finds nothing.
 */
export async function purgeTombstones(db: Db, now: number): Promise<void> {
  const cutoff = now - TOMBSTONE_RETENTION_MS;
  const statements: BatchItem<'sqlite'>[] = [];
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
  );
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}
