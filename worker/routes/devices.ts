import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { DeviceIdParamSchema, DevicesResponseSchema } from '../../shared/api/devices';
import { ApiErrorSchema } from '../../shared/api/errors';
import { apiTokens } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { signedIn } from '../middleware/permit';
import { onValidationFailure } from '../middleware/errors';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const listRoute = createRoute({
  method: 'get',
  path: '/api/devices',
  operationId: 'listDevices',
  summary: "The caller's signed-in devices (label, last use), never their tokens",
  security: bearerSecurity,
  middleware: signedIn('listDevices'),
  responses: { 200: jsonContent(DevicesResponseSchema, 'Live devices, oldest first'), 401: errorResponses[401] },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/devices/{id}',
  operationId: 'revokeDevice',
  summary: 'Sign one of your own devices out; its token stops working at once',
  security: bearerSecurity,
  middleware: signedIn('revokeDevice'),
  request: { params: DeviceIdParamSchema },
  responses: { 204: { description: 'Signed out' }, ...errorResponses, 404: jsonContent(ApiErrorSchema, 'No such device of yours') },
});

const signOutRoute = createRoute({
  method: 'post',
  path: '/api/auth/sign-out',
  operationId: 'signOut',
  summary: 'Sign this device out: its token stops working at once',
  security: bearerSecurity,
  middleware: signedIn('signOut'),
  responses: { 204: { description: 'Signed out' }, 401: errorResponses[401] },
});

export const deviceRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(listRoute, async (c) => {
    const { db, viewer } = c.var;
    const rows = await db
      .select({ id: apiTokens.id, label: apiTokens.label, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, viewer.id), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, Date.now())))
      .orderBy(asc(apiTokens.createdAt));
    return c.json({ devices: rows.map((r) => ({ ...r, current: r.id === viewer.tokenId })) }, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const { db, viewer } = c.var;
    // Only the caller's own: someone else's device is "not found", not "forbidden".
    const revoked = await db
      .update(apiTokens)
      .set({ revokedAt: Date.now() })
      .where(and(eq(apiTokens.id, c.req.valid('param').id), eq(apiTokens.userId, viewer.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw new ApiError(404, 'not_found', 'No such device of yours');
    return c.body(null, 204);
  })
  .openapi(signOutRoute, async (c) => {
    await c.var.db.update(apiTokens).set({ revokedAt: Date.now() }).where(eq(apiTokens.id, c.var.viewer.tokenId));
    return c.body(null, 204);
  });
