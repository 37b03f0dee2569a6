import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Env } from '../env';

/** Origins allowed when CORS_ORIGINS is unset: any browser extension, and local development. */
const DEFAULT_ORIGINS = 'chrome-extension://*,moz-extension://*,http://localhost:*,http://127.0.0.1:*';

/** "chrome-extension://*" or "http://localhost:*" match any id or port; anything else exactly. */
export function originAllowed(origin: string, list: string): boolean {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => (entry.endsWith('*') ? origin.startsWith(entry.slice(0, -1)) && /^[a-z0-9-]+$/i.test(origin.slice(entry.length - 1)) : origin === entry));
}

/**
 * CORS only for the extension (and localhost while developing). The bearer token, not the
 * origin, is what authorises a request; this keeps web pages from reading answers in a browser
 * that holds one. Pin a published extension with CORS_ORIGINS="chrome-extension://<its id>".
 */
export const corsForExtensions = (env: Pick<Env, 'CORS_ORIGINS'>) =>
  cors({
    origin: (origin) => (originAllowed(origin, env.CORS_ORIGINS ?? DEFAULT_ORIGINS) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['X-D1-Queries', 'X-D1-Statements', 'Retry-After'],
    maxAge: 86400,
  });

/** Headers for a JSON API that no page should frame, sniff or embed (a WebSocket upgrade is left alone). */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status === 101) return;
  const headers = c.res.headers;
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'no-referrer');
  // A route that serves a page (the API reference) sets its own, narrower than none.
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
});

/** The API reference page loads Scalar from its CDN and reads the document from this origin; nothing else. */
export const REFERENCE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' https://cdn.jsdelivr.net",
  "style-src 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com",
  'font-src https://fonts.gstatic.com https://cdn.jsdelivr.net',
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');
