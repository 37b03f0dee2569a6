import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { ENTITY_NAMES, type EntityName } from '../../shared/api/entities';
import type { Change, PullResponse } from '../../shared/api/sync';
import { seesWholeTeam, teamWideEntities } from '../../shared/rules/visibility';
import type { Db, Viewer } from '../env';
import { entityTables } from './tables';

/**
 * Everything the viewer may see that changed after `cursor`, oldest first, at most `limit`
 * rows. One query per entity whatever the page size; every row write has its own team-wide
 * version, so cutting the merged list anywhere leaves a cursor that loses nothing.
 */
export async function pullChanges(db: Db, viewer: Viewer, cursor: number, limit: number): Promise<PullResponse> {
  const perEntity = await Promise.all(
    ENTITY_NAMES.map(async (entity) => {
      const table = entityTables[entity];
      const conditions: SQL[] = [eq(table.teamId, viewer.teamId), gt(table.version, cursor)];
      if (!seesWholeTeam(viewer.role) && !teamWideEntities.has(entity)) conditions.push(eq(table.ownerId, viewer.id));
      const rows = await db.select().from(table).where(and(...conditions)).orderBy(asc(table.version)).limit(limit);
      return { entity, rows, full: rows.length === limit };
    }),
  );
  const merged: Change[] = perEntity
    .flatMap(({ entity, rows }) => rows.map((row) => ({ entity, row }) as Change))
    .sort((a, b) => a.row.version - b.row.version);
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  return {
    changes: page,
    cursor: last ? last.row.version : cursor,
    hasMore: merged.length > limit || perEntity.some((e) => e.full),
  };
}

export type { EntityName };
