import { z } from '@hono/zod-openapi';
import { ApiErrorSchema } from '../../shared/api/errors';

/** Standard error responses every route documents. */
export const errorResponses = {
  400: { description: 'Bad request; names the field', content: { 'application/json': { schema: ApiErrorSchema } } },
  401: { description: 'Missing, unknown, revoked or expired token', content: { 'application/json': { schema: ApiErrorSchema } } },
  429: { description: 'Too many requests; wait as Retry-After says', content: { 'application/json': { schema: ApiErrorSchema } } },
} as const;

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const bearerSecurity = [{ bearerAuth: [] }];
