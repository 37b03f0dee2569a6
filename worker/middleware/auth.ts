import { and, eq, gt, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../auth/token';
import { createDb } from '../db/client';
import { apiTokens, teams, users } from '../db/schema';
import type { AppEnv, Db, Env, Viewer } from '../env';
import { ApiError } from './apiError';
import { enforceLimit } from './rateLimit';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Bearer token → SHA-256 → live token row → user and team. One query, joined. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', 'Missing bearer token');
  c.set('viewer', await authenticate(c.var.db, match[1]!, c.env, (work) => c.executionCtx.waitUntil(work)));
  await next();
});

/**
 * The viewer a token belongs to, or 401 when it is unknown, revoked or expired or its user is
 * disabled; 429 when the
 * token is over its rate limit (checked first, keyed by the hash: the token never leaves here).
 * A token in use stays alive: at most once an hour its last use is noted and its expiry moved
 * TOKEN_TTL_DAYS ahead, after the answer (`defer`), so requests pay no extra D1 write.
 */
export async function authenticate(db: Db, token: string, env: Pick<Env, 'DB' | 'RATE_LIMIT_TOKEN' | 'TOKEN_TTL_DAYS'>, defer: (work: Promise<unknown>) => void): Promise<Viewer> {
  const tokenHash = await hashToken(token);
  await enforceLimit(env.RATE_LIMIT_TOKEN, `token:${tokenHash}`, 'device');
  const now = Date.now();
  const [found] = await db
    .select({
      id: users.id,
      name: users.name,
      teamId: users.teamId,
      role: users.role,
      teamMinCursor: teams.minCursor,
      userMinCursor: users.minCursor,
      teamVersion: teams.version,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  if (!found) throw new ApiError(401, 'unauthorized', 'Token is unknown, revoked or expired');
  const { lastUsedAt, teamMinCursor, userMinCursor, ...rest } = found;
  const viewer: Viewer = { ...rest, minCursor: Math.max(teamMinCursor, userMinCursor) };
  if (lastUsedAt === null || lastUsedAt < now - HOUR) {
    // Outside the request's counted handle: bookkeeping, not the request's own work.
    defer(
      createDb(env.DB)
        .update(apiTokens)
        .set({ lastUsedAt: now, expiresAt: now + Number(env.TOKEN_TTL_DAYS || 90) * DAY })
        .where(and(eq(apiTokens.id, viewer.tokenId), isNull(apiTokens.revokedAt)))
        .run(),
    );
  }
  return viewer;
}
