import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { SCHEMA_VERSION } from '../../shared/api/sync';
import type { AppEnv } from '../env';
import { onValidationFailure } from '../middleware/errors';
import { errorResponses, jsonContent } from './openapi';

const HealthSchema = z.object({ ok: z.literal(true), schemaVersion: z.number().int(), time: z.number().int() });

const route = createRoute({
  method: 'get',
  path: '/api/health',
  operationId: 'getHealth',
  summary: 'Liveness check; also reports the sync schema version',
  security: [],
  responses: { 200: jsonContent(HealthSchema, 'The API is up'), 429: errorResponses[429] },
});

export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(route, (c) =>
  c.json({ ok: true as const, schemaVersion: SCHEMA_VERSION, time: Date.now() }, 200),
);
