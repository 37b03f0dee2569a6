import { and, eq, gt, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../auth/token';
import { apiTokens, teams, users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { ApiError } from './apiError';
import { enforceLimit } from './rateLimit';

/** Bearer token → SHA-256 → live token row → user and team. One query, joined. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
  c.set('viewer', await authenticate(c.var.db, match[1]!, c.env.RATE_LIMIT_TOKEN));
  await next();
});

/**
 * The viewer a token belongs to, or 401 when it is unknown, revoked or expired; 429 when the
 * token is over its rate limit (checked first, keyed by the hash: the token never leaves here).
 */
export async function authenticate(db: Db, token: string, limiter?: RateLimit): Promise<Viewer> {
  const tokenHash = await hashToken(token);
  await enforceLimit(limiter, `token:${tokenHash}`, 'device');
  const [viewer] = await db
    .select({ id: users.id, name: users.name, teamId: users.teamId, role: users.role, minCursor: teams.minCursor })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, Date.now())))
    .limit(1);
  if (!viewer) throw new ApiError(401, 'unauthorized', 'Token is unknown, revoked or expired');
  return viewer;
}
