import { z } from 'zod';
import { TimestampSchema, UlidSchema } from '../schema/primitives';

/** POST /api/me/digest-preview: today's digest for the caller, now. Nothing to say: no email. */
export const DigestPreviewSchema = z.object({ sent: z.boolean(), items: z.number().int() });
export type DigestPreview = z.infer<typeof DigestPreviewSchema>;

/** GET /api/team/digest-failures (managers): digests whose send failed, so none is lost silently. */
export const DigestFailureSchema = z.object({
  userId: UlidSchema,
  name: z.string(),
  email: z.string(),
  localDate: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  claimedAt: TimestampSchema,
  /** True once the retries are used up: a person has to look (the address, the mail setup). */
  givenUp: z.boolean(),
});
export type DigestFailure = z.infer<typeof DigestFailureSchema>;
export const DigestFailuresResponseSchema = z.object({ failures: z.array(DigestFailureSchema) });
