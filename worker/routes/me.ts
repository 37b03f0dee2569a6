import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_STAGE_COLOR } from '../../shared/schema/pipeline';
import { and, eq, getTableColumns } from 'drizzle-orm';
import { MeResponseSchema, MeUpdateSchema } from '../../shared/api/me';
import { pipelines, teams, users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { signedIn } from '../middleware/permit';
import { onValidationFailure } from '../middleware/errors';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const route = createRoute({
  method: 'get',
  path: '/api/me',
  operationId: 'getMe',
  summary: 'The caller, their team, its members and its pipeline',
  security: bearerSecurity,
  middleware: signedIn('getMe'),
  responses: { 200: jsonContent(MeResponseSchema, 'Who the token belongs to'), 401: errorResponses[401] },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/api/me',
  operationId: 'updateMe',
  summary: "Change the caller's own language or time zone",
  security: bearerSecurity,
  middleware: signedIn('updateMe'),
  request: { body: { required: true, content: { 'application/json': { schema: MeUpdateSchema } } } },
  responses: { 200: jsonContent(MeResponseSchema, 'The caller after the change'), ...errorResponses },
});

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(updateRoute, async (c) => {
    const { db, viewer } = c.var;
    await db.update(users).set(c.req.valid('json')).where(and(eq(users.id, viewer.id), eq(users.teamId, viewer.teamId)));
    return c.json(await loadMe(db, viewer), 200);
  })
  .openapi(route, async (c) => c.json(await loadMe(c.var.db, c.var.viewer), 200));

/** Every column of a user that the user may see (users.minCursor is sync bookkeeping). */
const { minCursor: _minCursor, ...userColumns } = getTableColumns(users);

export async function loadMe(db: Db, viewer: Pick<Viewer, 'id' | 'teamId'>) {
  const [members, [team], [pipeline]] = await Promise.all([
    db.select(userColumns).from(users).where(eq(users.teamId, viewer.teamId)),
    db.select({ id: teams.id, name: teams.name, defaultCurrency: teams.defaultCurrency, staleAfterDays: teams.staleAfterDays, firstResponseHours: teams.firstResponseHours, createdAt: teams.createdAt }).from(teams).where(eq(teams.id, viewer.teamId)),
    db.select().from(pipelines).where(eq(pipelines.teamId, viewer.teamId)),
  ]);
  const user = members.find((m) => m.id === viewer.id);
  if (!user || !team || !pipeline) throw new ApiError(401, 'unauthorized', 'The token no longer belongs to a team member');
  return { user, team, members: members.map(({ id, name, email, role, disabledAt }) => ({ id, name, email, role, disabledAt })), pipeline: { ...pipeline, stages: pipeline.stages.map((s) => ({ ...s, color: s.color ?? DEFAULT_STAGE_COLOR })) } };
}
