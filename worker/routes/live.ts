import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { authenticate } from '../middleware/auth';
import { onValidationFailure } from '../middleware/errors';
import { LIVE_PROTOCOL } from '../live/teamChannel';
import { errorResponses } from './openapi';

const BEARER_PREFIX = 'bearer.';

const route = createRoute({
  method: 'get',
  path: '/api/live',
  operationId: 'openLiveChannel',
  summary: "WebSocket that pokes the team's devices when there is something to pull",
  description: `Upgrade with Sec-WebSocket-Protocol: "${LIVE_PROTOCOL}, ${BEARER_PREFIX}<token>" (browsers cannot send an Authorization header on a WebSocket, and a token in the URL would end up in logs). Messages are {"type":"poke","version":N}; send "ping" at least every 30 s to keep it open.`,
  // The token travels in the subprotocol, which OpenAPI cannot describe as a security scheme.
  security: [],
  responses: { 101: { description: 'Switched to WebSocket' }, 426: { description: 'Not a WebSocket upgrade' }, 401: errorResponses[401] },
});

export const liveRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(route, async (c) => {
  if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') throw new ApiError(426, 'bad_request', 'Expected a WebSocket upgrade');
  const offered = (c.req.header('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
  const token = offered.find((p) => p.startsWith(BEARER_PREFIX))?.slice(BEARER_PREFIX.length);
  if (!offered.includes(LIVE_PROTOCOL) || !token) throw new ApiError(401, 'unauthorized', `Offer the ${LIVE_PROTOCOL} subprotocol and a bearer token`);
  const viewer = await authenticate(c.var.db, token, c.env, (work) => c.executionCtx.waitUntil(work));
  const channel = c.env.TEAM_CHANNEL.get(c.env.TEAM_CHANNEL.idFromName(viewer.teamId));
  const headers = new Headers(c.req.raw.headers);
  headers.set('x-sidecar-user', viewer.id);
  return channel.fetch(new Request(c.req.url, { headers })) as unknown as Response;
}) as unknown as OpenAPIHono<AppEnv>;

export const LiveMessageSchema = z.object({ type: z.literal('poke'), version: z.number().int() });
