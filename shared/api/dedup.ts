import { z } from 'zod';
import { DUPLICATE_REASONS } from '../rules/dedup';
import { EmailSchema, PhoneSchema, UlidSchema, optionalText } from '../schema/primitives';

/** POST /api/dedup/check: who already has this person or company, team-wide. */
export const DedupCheckRequestSchema = z.strictObject({
  emails: z.array(EmailSchema).max(20).default([]),
  phones: z.array(PhoneSchema).max(20).default([]),
  companyName: optionalText(200).default(null),
  domain: optionalText(253).default(null),
});
export type DedupCheckRequest = z.infer<typeof DedupCheckRequestSchema>;

const ReasonSchema = z.enum(DUPLICATE_REASONS);
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
