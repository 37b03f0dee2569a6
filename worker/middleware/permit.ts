import { createMiddleware } from 'hono/factory';
import { mayCall, type OperationId } from '../../shared/rules/permissions';
import type { AppEnv } from '../env';
import { ApiError } from './apiError';
import { requireAuth } from './auth';

/**
 * The middleware of a signed-in route: a live token of an enabled user, whose role the
 * permission table (shared/rules/permissions.ts) allows for this operation. Whose things the
 * caller may address is checked by the route, which knows the owner (`mayTarget`).
 */
export function signedIn(operationId: OperationId) {
  const roleAllowed = createMiddleware<AppEnv>(async (c, next) => {
    if (!mayCall(operationId, c.var.viewer.role)) throw new ApiError(403, 'forbidden', `Your role (${c.var.viewer.role}) may not ${operationId}`);
    await next();
  });
  return [requireAuth, roleAllowed];
}
