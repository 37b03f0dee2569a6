import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { ApiErrorSchema } from '../../shared/api/errors';
import { HandoverCountsSchema, HandoverRequestSchema, HandoverResultSchema, type HandoverCounts, type HandoverRequest } from '../../shared/api/handover';
import { SCHEMA_VERSION, type Mutation } from '../../shared/api/sync';
import { users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { countsOf, handoverScope } from '../handover/handoverScope';
import { pokeTeam } from '../live/pokeTeam';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { pushThroughTeamWriter } from '../sync/teamWriter';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

/** Reassignments applied per write batch: each chunk is atomic, and a repeat moves what is left. */
const HANDOVER_CHUNK = 500;

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
    const scope = await handoverScope(db, viewer.teamId, request.fromUserId, request.contactIds);
    const now = Date.now();
    // Reassignments through the team's writer, like any device's: the same rules, versions,
    // revocations for the old owner's devices and one audit entry per record.
    const mutations: Mutation[] = (Object.keys(scope) as (keyof HandoverCounts)[]).flatMap((entity) =>
      scope[entity].map((recordId) => ({ id: ulid(now), entity, op: 'reassign' as const, recordId, at: now, ownerId: request.toUserId }) as Mutation),
    );
    const moved: HandoverCounts = { company: 0, contact: 0, deal: 0, followUp: 0, activity: 0 };
    let rejected = 0;
    let newest = 0;
    const summary = { action: 'handover' as const, entity: 'user' as const, recordId: request.fromUserId, detail: { note: { to: request.toUserId, contactIds: request.contactIds ?? 'all', counts: countsOf(scope) } } };
    for (let start = 0; start < mutations.length; start += HANDOVER_CHUNK) {
      const chunk = mutations.slice(start, start + HANDOVER_CHUNK);
      const push = { clientId: ulid(now), schemaVersion: SCHEMA_VERSION, mutations: chunk };
      const results = await pushThroughTeamWriter(c.env, viewer, push, c.var.queryCount, start === 0 ? [summary] : []);
      results.forEach((r, i) => {
        if (r.status === 'applied') {
          moved[chunk[i]!.entity as keyof HandoverCounts]++;
          newest = Math.max(newest, r.version);
        } else rejected++;
      });
    }
    if (newest > 0) c.executionCtx.waitUntil(pokeTeam(c.env, viewer.teamId, newest));
    return c.json({ moved, rejected }, 200);
  });
