import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { fieldIssues, type ApiError as ApiErrorBody, type ErrorCode } from '../../shared/api/errors';
import type { AppEnv } from '../env';
import { ApiError } from './apiError';

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): ApiErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Statuses Hono raises itself (body parsing, limits), with the code clients read. */
const httpCodes: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) {
    const retryAfter = err.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    return c.json(body(err.code, err.message, err.details), err.status);
  }
  if (err instanceof z.ZodError) {
    const fields = fieldIssues(err);
    return c.json(body('bad_request', describe(fields), { fields }), 400);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = httpCodes[status] ?? 'bad_request';
    const message = status === 415 ? 'Send the body as application/json' : err.message || 'Bad request';
    return c.json(body(code, message), status);
  }
  // Never echo internals to the client; the log keeps the stack (no tokens are in it).
  console.error('unhandled error', err);
  return c.json(body('internal', 'Something went wrong on our side; the request was not applied'), 500);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) => c.json(body('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);

/** The validation hook for every zod-openapi route: a 400 naming the first bad field. */
export async function onValidationFailure(
  result: { success: true } | { success: false; error: z.ZodError; target: string },
  c: Context<AppEnv>,
): Promise<void> {
  if (result.success) return;
  const fields = fieldIssues(result.error);
  const details: Record<string, unknown> = { target: result.target, fields };
  const mutationIndex = /^mutations\.(\d+)/.exec(fields[0]?.field ?? '')?.[1];
  if (mutationIndex !== undefined) {
    // Lets a client mark exactly the offending outbox entry as rejected and push the rest.
    const raw = (await c.req.json().catch(() => null)) as { mutations?: { id?: unknown }[] } | null;
    const id = raw?.mutations?.[Number(mutationIndex)]?.id;
    details.mutationIndex = Number(mutationIndex);
    if (typeof id === 'string') details.mutationId = id;
  }
  throw new ApiError(400, 'bad_request', describe(fields), details);
}

function describe(fields: { field: string; message: string }[]): string {
  const first = fields[0];
  return first ? `${first.field}: ${first.message}` : 'Invalid request';
}
