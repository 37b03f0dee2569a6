import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ApiErrorSchema } from '../../shared/api/errors';
import { PipelineUpdateResultSchema, PipelineUpdateSchema } from '../../shared/api/pipeline';
import type { AppEnv } from '../env';
import { pokeTeam } from '../live/pokeTeam';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { updatePipelineThroughTeamWriter } from '../sync/teamWriter';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const updatePipelineRoute = createRoute({
  method: 'put',
  path: '/api/team/pipeline',
  operationId: 'updatePipeline',
  summary: "Replace the team's pipeline: stages with labels, kinds, probabilities, colours and gates, custom deal fields, skipping; deals of removed stages move as asked (admins)",
  security: bearerSecurity,
  middleware: signedIn('updatePipeline'),
  request: { body: { required: true, content: { 'application/json': { schema: PipelineUpdateSchema } } } },
  responses: {
    200: jsonContent(PipelineUpdateResultSchema, 'The saved pipeline and how many deals moved'),
    ...errorResponses,
    403: jsonContent(ApiErrorSchema, 'Not an admin'),
    409: jsonContent(ApiErrorSchema, 'The pipeline was changed meanwhile (expectedUpdatedAt is stale)'),
  },
});

export const pipelineRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(updatePipelineRoute, async (c) => {
  const { result, newestVersion } = await updatePipelineThroughTeamWriter(c.env, c.var.viewer, c.req.valid('json'), c.var.queryCount);
  // Devices read the pipeline with /api/me on every sync; moved deals also poke them to sync now.
  if (newestVersion > 0) c.executionCtx.waitUntil(pokeTeam(c.env, c.var.viewer.teamId, newestVersion));
  return c.json(result, 200);
});
