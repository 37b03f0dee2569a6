import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { MIN_CLIENT_SCHEMA_VERSION, PullQuerySchema, PullResponseSchema, PushRequestSchema, PushResponseSchema, SCHEMA_VERSION } from '../../shared/api/sync';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { signedIn } from '../middleware/permit';
import { onValidationFailure } from '../middleware/errors';
import { pullChanges } from '../sync/pull';
import { pushThroughTeamWriter } from '../sync/teamWriter';
import { pokeTeam } from '../live/pokeTeam';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const pushRoute = createRoute({
  method: 'post',
  path: '/api/sync/push',
  operationId: 'pushMutations',
  summary: 'Apply outbox mutations, each exactly once; answers applied or rejected per mutation',
  security: bearerSecurity,
  middleware: signedIn('pushMutations'),
  request: { body: { required: true, content: { 'application/json': { schema: PushRequestSchema } } } },
  responses: {
    200: jsonContent(PushResponseSchema, 'One result per mutation, in request order'),
    ...errorResponses,
    426: jsonContent(PushResponseSchema, 'The client schema is too old; nothing was applied'),
  },
});

const pullRoute = createRoute({
  method: 'get',
  path: '/api/sync/pull',
  operationId: 'pullChanges',
  summary: 'Rows the caller may see that changed after the cursor, oldest first, tombstones included',
  security: bearerSecurity,
  middleware: signedIn('pullChanges'),
  request: { query: PullQuerySchema },
  responses: { 200: jsonContent(PullResponseSchema, 'One page of changes'), ...errorResponses },
});

export const syncRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(pushRoute, async (c) => {
    const request = c.req.valid('json');
    if (request.schemaVersion < MIN_CLIENT_SCHEMA_VERSION || request.schemaVersion > SCHEMA_VERSION) {
      throw new ApiError(426, 'upgrade_required', `Schema version ${request.schemaVersion} is not supported; this server speaks ${SCHEMA_VERSION}`, {
        serverSchemaVersion: SCHEMA_VERSION,
      });
    }
    const results = await pushThroughTeamWriter(c.env, c.var.viewer, request, c.var.queryCount);
    // Tell the team's open devices there is something to pull. After the write, never instead
    // of it: a lost poke only delays, the next pull still brings everything.
    const newest = Math.max(0, ...results.map((r) => (r.status === 'applied' ? r.version : 0)));
    if (newest > 0) c.executionCtx.waitUntil(pokeTeam(c.env, c.var.viewer.teamId, newest));
    return c.json({ results }, 200);
  })
  .openapi(pullRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(await pullChanges(c.var.db, c.var.viewer, cursor, limit), 200);
  });
