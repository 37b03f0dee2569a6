import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { ApiErrorSchema } from '../../shared/api/errors';
import { HandoverCountsSchema, HandoverRequestSchema, HandoverResultSchema, type HandoverCounts, type HandoverRequest } from '../../shared/api/handover';
import { users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { applyHandover } from '../handover/applyHandover';
import { countsOf, handoverScope } from '../handover/handoverScope';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const body = { required: true, content: { 'application/json': { schema: HandoverRequestSchema } } };
const refusals = {
  ...errorResponses,
  403: jsonContent(ApiErrorSchema, 'Reps cannot hand records over'),
  404: jsonContent(ApiErrorSchema, 'No such member of this team'),
  409: jsonContent(ApiErrorSchema, 'The receiving member is disabled'),
};

const previewRoute = createRoute({
  method: 'post',
  path: '/api/team/handover/preview',
  operationId: 'previewHandover',
  summary: 'How many records of each kind a handover would move (managers and admins)',
  security: bearerSecurity,
  middleware: signedIn('previewHandover'),
  request: { body },
  responses: { 200: jsonContent(HandoverCountsSchema, 'What would move'), ...refusals },
});

const handoverRoute = createRoute({
  method: 'post',
  path: '/api/team/handover',
  operationId: 'handOver',
  summary: "Give one member's customers (all, or chosen contacts) with their deals, open follow-ups and activities to another",
  security: bearerSecurity,
  middleware: signedIn('handOver'),
  request: { body },
  responses: { 200: jsonContent(HandoverResultSchema, 'What moved'), ...refusals },
});

/** Both members must be in the caller's team; the receiver must be enabled. */
async function checkMembers(db: Db, viewer: Viewer, request: HandoverRequest): Promise<void> {
  const rows = await db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.teamId, viewer.teamId));
  const from = rows.find((u) => u.id === request.fromUserId);
  const to = rows.find((u) => u.id === request.toUserId);
  if (!from) throw new ApiError(404, 'not_found', `No team member with id ${request.fromUserId}`, { field: 'fromUserId' });
  if (!to) throw new ApiError(404, 'not_found', `No team member with id ${request.toUserId}`, { field: 'toUserId' });
  if (to.disabledAt !== null) throw new ApiError(409, 'conflict', 'The receiving member is disabled', { field: 'toUserId' });
}

export const handoverRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(previewRoute, async (c) => {
    const { db, viewer } = c.var;
    const request = c.req.valid('json');
    await checkMembers(db, viewer, request);
    return c.json(countsOf(await handoverScope(db, viewer.teamId, request.fromUserId, request.contactIds)), 200);
  })
  .openapi(handoverRoute, async (c) => {
    const { db, viewer } = c.var;
    const request = c.req.valid('json');
    await checkMembers(db, viewer, request);
    const summary = (counts: HandoverCounts) => ({ action: 'handover' as const, entity: 'user' as const, recordId: request.fromUserId, detail: { note: { to: request.toUserId, contactIds: request.contactIds ?? 'all', counts } } });
    const result = await applyHandover(c.env, db, viewer, request, c.var.queryCount, summary, (work) => c.executionCtx.waitUntil(work));
    return c.json(result, 200);
  });
