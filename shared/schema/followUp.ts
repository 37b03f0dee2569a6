import { z } from 'zod';
import { RecordMetaSchema, TimestampSchema, UlidSchema, optionalText, shortText } from './primitives';

export const FollowUpKindSchema = z.enum(['call', 'email', 'visit', 'meeting', 'other']);
export type FollowUpKind = z.infer<typeof FollowUpKindSchema>;

export const FollowUpFieldsSchema = z.strictObject({
  kind: FollowUpKindSchema,
  title: shortText(),
  dueAt: TimestampSchema,
  doneAt: TimestampSchema.nullable(),
  outcome: optionalText(2000),
  contactId: UlidSchema.nullable(),
  dealId: UlidSchema.nullable(),
});
export const FollowUpSchema = RecordMetaSchema.extend(FollowUpFieldsSchema.shape);
export type FollowUp = z.infer<typeof FollowUpSchema>;
