import { z } from 'zod';
import { UlidSchema } from '../schema/primitives';

/** The most contacts one handover may name; "all" has no limit. */
export const MAX_HANDOVER_CONTACTS = 1000;

/**
 * POST /api/team/handover/preview and /api/team/handover (managers and admins): give one
 * member's customers to another. Without contactIds, everything the member owns moves.
 */
export const HandoverRequestSchema = z
  .strictObject({
    fromUserId: UlidSchema,
    toUserId: UlidSchema,
    contactIds: z.array(UlidSchema).min(1).max(MAX_HANDOVER_CONTACTS).optional(),
  })
  .refine((r) => r.fromUserId !== r.toUserId, { message: 'must differ from fromUserId', path: ['toUserId'] });
export type HandoverRequest = z.infer<typeof HandoverRequestSchema>;

/** How many records of each kind move (preview) or moved (handover). */
export const HandoverCountsSchema = z.object({
  company: z.number().int(),
  contact: z.number().int(),
  deal: z.number().int(),
  followUp: z.number().int(),
  activity: z.number().int(),
});
export type HandoverCounts = z.infer<typeof HandoverCountsSchema>;

export const HandoverResultSchema = z.object({ moved: HandoverCountsSchema, rejected: z.number().int() });
export type HandoverResult = z.infer<typeof HandoverResultSchema>;
