import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq, or } from 'drizzle-orm';
import { ApiErrorSchema } from '../../shared/api/errors';
import { MergeIdParamSchema, MergeListQuerySchema, MergeListSchema, MergeRequestSchema, MergeResultSchema } from '../../shared/api/merge';
import { MERGEABLE_ENTITIES } from '../../shared/rules/mergeDependents';
import { canSee } from '../../shared/rules/visibility';
import { merges } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { pokeTeam } from '../live/pokeTeam';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { mergeView } from '../merge/mergeView';
import { entityTables } from '../sync/tables';
import { mergeThroughTeamWriter } from '../sync/teamWriter';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const mergeRoute = createRoute({
  method: 'post',
  path: '/api/merges',
  operationId: 'mergeRecords',
  summary: 'Merge two contacts or two companies: the survivor takes the picked values, everything linked to the other moves to it (undoable for 30 days)',
  security: bearerSecurity,
  middleware: signedIn('mergeRecords'),
  request: { body: { required: true, content: { 'application/json': { schema: MergeRequestSchema } } } },
  responses: {
    200: jsonContent(MergeResultSchema, 'The merge (also for a repeated request with the same id)'),
    ...errorResponses,
    404: jsonContent(ApiErrorSchema, 'No such record the caller may see'),
    409: jsonContent(ApiErrorSchema, 'A record changed since the values were picked, was deleted, or a picked email belongs to another contact'),
  },
});

const undoRoute = createRoute({
  method: 'post',
  path: '/api/merges/{mergeId}/undo',
  operationId: 'undoMerge',
  summary: 'Undo a merge within 30 days: both records as they were, moved records back; changes made since are kept',
  security: bearerSecurity,
  middleware: signedIn('undoMerge'),
  request: { params: MergeIdParamSchema },
  responses: {
    200: jsonContent(MergeResultSchema, 'The merge, now undone'),
    ...errorResponses,
    404: jsonContent(ApiErrorSchema, 'No such merge of records the caller may change'),
    409: jsonContent(ApiErrorSchema, 'Already undone, older than 30 days, or the survivor was merged again since'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/merges',
  operationId: 'listMerges',
  summary: 'The merges a contact or company took part in, newest first',
  security: bearerSecurity,
  middleware: signedIn('listMerges'),
  request: { query: MergeListQuerySchema },
  responses: { 200: jsonContent(MergeListSchema, 'The merges'), ...errorResponses, 404: jsonContent(ApiErrorSchema, 'No such record the caller may see') },
});

/** The mergeable record with this id, if the viewer may see it. */
async function visibleRecord(db: Db, viewer: Viewer, recordId: string): Promise<boolean> {
  for (const entity of MERGEABLE_ENTITIES) {
    const table = entityTables[entity];
    const [row] = await db.select({ teamId: table.teamId, ownerId: table.ownerId }).from(table).where(eq(table.id, recordId));
    if (row) return row.teamId === viewer.teamId && canSee(viewer, entity, row);
  }
  return false;
}

export const mergeRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(mergeRoute, async (c) => {
    const result = await mergeThroughTeamWriter(c.env, c.var.viewer, { request: c.req.valid('json') }, c.var.queryCount);
    if (result.version > 0) c.executionCtx.waitUntil(pokeTeam(c.env, c.var.viewer.teamId, result.version));
    return c.json(result, 200);
  })
  .openapi(undoRoute, async (c) => {
    const result = await mergeThroughTeamWriter(c.env, c.var.viewer, { undo: c.req.valid('param').mergeId }, c.var.queryCount);
    c.executionCtx.waitUntil(pokeTeam(c.env, c.var.viewer.teamId, result.version));
    return c.json(result, 200);
  })
  .openapi(listRoute, async (c) => {
    const { db, viewer } = c.var;
    const { recordId } = c.req.valid('query');
    if (!(await visibleRecord(db, viewer, recordId))) throw new ApiError(404, 'not_found', 'No such contact or company', { field: 'recordId' });
    const rows = await db
      .select()
      .from(merges)
      .where(and(eq(merges.teamId, viewer.teamId), or(eq(merges.survivorId, recordId), eq(merges.mergedId, recordId))))
      .orderBy(desc(merges.mergedAt))
      .limit(100);
    return c.json({ merges: rows.map(mergeView) }, 200);
  });
