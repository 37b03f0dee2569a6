import { z } from 'zod';
import { RecordMetaSchema, TimestampSchema, UlidSchema, UrlSchema, longText, optionalText } from './primitives';

export const ActivityKindSchema = z.enum(['email', 'call', 'visit', 'meeting', 'note']);

/**
 * occurredAt is what the rep says happened; recordedAt is stamped by the server clock so
 * month-end back-filling shows up in reports.
 */
export const ActivityFieldsSchema = z.strictObject({
  kind: ActivityKindSchema,
  occurredAt: TimestampSchema,
  subject: optionalText(300),
  body: longText(10_000),
  sourceUrl: UrlSchema.nullable(),
  contactId: UlidSchema.nullable(),
  dealId: UlidSchema.nullable(),
  companyId: UlidSchema.nullable(),
});
export const ActivitySchema = RecordMetaSchema.extend(ActivityFieldsSchema.shape).extend({
  recordedAt: TimestampSchema,
});
export type Activity = z.infer<typeof ActivitySchema>;
