import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { ENTITY_NAMES } from '../../shared/api/entities';
import { itemVersion, type PullItem, type PullResponse } from '../../shared/api/sync';
import { seesWholeTeam, teamWideEntities } from '../../shared/rules/visibility';
import { accessRevocations } from '../db/schema';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { entityTables } from './tables';

/**
 * Everything the viewer may see that changed after `cursor`, oldest first, at most `limit`
 * rows. One query per entity whatever the page size; every row write has its own team-wide
 * version, so cutting the merged list anywhere leaves a cursor that loses nothing.
 */
export async function pullChanges(db: Db, viewer: Viewer, cursor: number, limit: number): Promise<PullResponse> {
  if (cursor > 0 && cursor < viewer.minCursor) {
    throw new ApiError(410, 'resync_required', 'This cursor predates purged deletions; pull again from cursor 0', { minCursor: viewer.minCursor });
  }
  const removals = seesWholeTeam(viewer.role) ? Promise.resolve([]) : pullRemovals(db, viewer, cursor, limit);
  const perEntity = await Promise.all(
    ENTITY_NAMES.map(async (entity) => {
      const table = entityTables[entity];
      const conditions: SQL[] = [eq(table.teamId, viewer.teamId), gt(table.version, cursor)];
      if (!seesWholeTeam(viewer.role) && !teamWideEntities.has(entity)) conditions.push(eq(table.ownerId, viewer.id));
      const rows = await db.select().from(table).where(and(...conditions)).orderBy(asc(table.version)).limit(limit);
      return { entity, rows, full: rows.length === limit };
    }),
  );
  const removed = await removals;
  const merged: PullItem[] = [
    ...perEntity.flatMap(({ entity, rows }) => rows.map((row) => ({ entity, row }) as PullItem)),
    ...removed,
  ].sort((a, b) => itemVersion(a) - itemVersion(b));
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  const hasMore = merged.length > limit || perEntity.some((e) => e.full) || removed.length === limit;
  const lastVersion = last ? itemVersion(last) : cursor;
  // Caught up: nothing the viewer may see lies between the last row and the team's version read
  // before these queries, so the cursor moves up to it. That keeps a device that resynced after
  // a role change (users.minCursor) from looking stale forever when its last row is older.
  return { changes: page, cursor: hasMore ? lastVersion : Math.max(lastVersion, viewer.teamVersion), hasMore };
}

async function pullRemovals(db: Db, viewer: Viewer, cursor: number, limit: number): Promise<PullItem[]> {
  const rows = await db
    .select({ entity: accessRevocations.entity, removedId: accessRevocations.recordId, version: accessRevocations.version })
    .from(accessRevocations)
    .where(and(eq(accessRevocations.teamId, viewer.teamId), eq(accessRevocations.userId, viewer.id), gt(accessRevocations.version, cursor)))
    .orderBy(asc(accessRevocations.version))
    .limit(limit);
  return rows as PullItem[];
}

