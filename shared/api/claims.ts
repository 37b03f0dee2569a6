import { z } from 'zod';
import { TimestampSchema, UlidSchema, longText } from '../schema/primitives';

/**
 * 撞单: a rep's capture or new lead hits a teammate's customer. Instead of creating a twin, the
 * rep asks for it; the owner or a manager hands it over or declines with a reason.
 */
export const ClaimStatusSchema = z.enum(['open', 'approved', 'declined']);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

export const ClaimSchema = z.object({
  id: UlidSchema,
  contactId: UlidSchema,
  /** Shown to the owner and managers, and to the requester once the customer is theirs. */
  contactName: z.string().nullable(),
  requesterId: UlidSchema,
  ownerId: UlidSchema,
  status: ClaimStatusSchema,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: UlidSchema.nullable(),
  createdAt: TimestampSchema,
  decidedAt: TimestampSchema.nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

/** POST /api/claims */
export const ClaimRequestSchema = z.strictObject({ contactId: UlidSchema, note: longText(500).nullable().default(null) });
export type ClaimRequest = z.infer<typeof ClaimRequestSchema>;

/** POST /api/claims/{id}/decide: approve hands the customer over to the requester; decline needs a reason. */
export const ClaimDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve') }),
  z.strictObject({ decision: z.literal('decline'), reason: longText(500).refine((s) => s.trim().length > 0, 'must say why') }),
]);
export type ClaimDecision = z.infer<typeof ClaimDecisionSchema>;

export const ClaimIdParamSchema = z.object({ id: UlidSchema });
export const ClaimsResponseSchema = z.object({ claims: z.array(ClaimSchema) });

/** Decided requests stay in the requester's list this long. */
export const CLAIM_OUTCOME_DAYS = 14;
