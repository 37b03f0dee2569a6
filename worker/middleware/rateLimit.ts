import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from './apiError';

/** The period of both limiters in wrangler.toml ([[ratelimits]] simple.period), for Retry-After. */
const PERIOD_SECONDS = 10;

/**
 * Refuses a caller over its limit with 429 `rate_limited` before any D1 work is done. Keys are
 * the client address (every request) and the token's hash (authenticated requests), so one
 * noisy device or script slows only itself. Cloudflare's limiter is per location and eventually
 * consistent: a guard against floods, not an exact quota. Absent binding (a test without it): no limit.
 */
export async function enforceLimit(limiter: RateLimit | undefined, key: string, what: string): Promise<void> {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, 'rate_limited', `Too many requests from this ${what}; wait ${PERIOD_SECONDS} seconds and try again`, { retryAfterSeconds: PERIOD_SECONDS });
  }
}

/** Per client address, ahead of authentication, so a token-guessing flood costs no D1 query. */
export const limitByAddress = createMiddleware<AppEnv>(async (c, next) => {
  const address = c.req.header('cf-connecting-ip');
  if (address) await enforceLimit(c.env.RATE_LIMIT_IP, `ip:${address}`, 'address');
  await next();
});
