import { z } from 'zod';

/** Every failure the API reports has one of these codes. */
export const ErrorCodeSchema = z.enum([
  'bad_request', // malformed JSON, wrong types, unknown fields or entities
  'unauthorized', // missing, unknown, revoked or expired token
  'forbidden', // authenticated, but the role may not do this
  'not_found', // absent, or belongs to someone the caller may not see
  'conflict', // would break a uniqueness rule
  'stage_gate', // the target stage requires fields the deal lacks
  'record_deleted', // an edit of a deleted record; restore it first
  'upgrade_required', // the client's schema is older than the server accepts
  'resync_required', // the pull cursor predates purged tombstones; start again from 0
  'payload_too_large',
  'unsupported_media_type', // the body is not application/json
  'rate_limited', // too many requests from this token or address; see Retry-After
  'try_again', // the team's writes were contended past our retries; nothing was applied
  'invalid_code', // a sign-in code that is wrong, expired, already used or out of tries
  'no_account', // the code was right but the address has no account: send newTeam to create one
  'sign_in_pending', // the emailed link has not been confirmed yet; ask again in a few seconds
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** A field-level problem inside a request, with the dotted path to the field. */
export const FieldIssueSchema = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** Turns zod issues into dotted field paths a person can read ("mutations.2.fields.name"). */
export function fieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const field = keys.length > 0 ? [...path, keys[0]!].join('.') : path.join('.') || '(body)';
    return { field, message: issue.message };
  });
}
