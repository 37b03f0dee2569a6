import { z } from 'zod';
import { EmailSchema, PhoneSchema, UlidSchema } from '../schema/primitives';

/** POST /api/dedup/check: who already has this person or company, team-wide. */
export const DedupCheckRequestSchema = z.strictObject({
  emails: z.array(EmailSchema).max(20).default([]),
  phones: z.array(PhoneSchema).max(20).default([]),
  companyName: z.string().trim().max(200).nullable().default(null),
  domain: z.string().trim().max(253).nullable().default(null),
});
export type DedupCheckRequest = z.infer<typeof DedupCheckRequestSchema>;

const ReasonSchema = z.enum(['email', 'phone', 'domain', 'name']);
export const DedupMatchSchema = z.object({
  id: UlidSchema,
  /** Null when the caller may not see the record itself, only that it exists and whose it is. */
  name: z.string().nullable(),
  ownerId: UlidSchema,
  ownerName: z.string(),
  reasons: z.array(ReasonSchema),
});
export type DedupMatch = z.infer<typeof DedupMatchSchema>;

export const DedupCheckResponseSchema = z.object({ contacts: z.array(DedupMatchSchema), companies: z.array(DedupMatchSchema) });
export type DedupCheckResponse = z.infer<typeof DedupCheckResponseSchema>;
