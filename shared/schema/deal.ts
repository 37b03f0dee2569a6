import { z } from 'zod';
import { AmountMinorSchema, CurrencySchema, RecordMetaSchema, TimestampSchema, UlidSchema, optionalText, shortText } from './primitives';

export const StageIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a stage id');

export const DealFieldsSchema = z.strictObject({
  title: shortText(),
  companyId: UlidSchema.nullable(),
  contactId: UlidSchema.nullable(),
  stageId: StageIdSchema,
  amountMinor: AmountMinorSchema.nullable(),
  currency: CurrencySchema,
  expectedCloseAt: TimestampSchema.nullable(),
  lostReason: optionalText(500),
});
export const DealSchema = RecordMetaSchema.extend(DealFieldsSchema.shape);
export type Deal = z.infer<typeof DealSchema>;
/** Deal fields a stage may require before a deal enters it. */
export const DealGateFieldSchema = z.enum(['amountMinor', 'expectedCloseAt', 'contactId', 'companyId', 'lostReason']);
export type DealGateField = z.infer<typeof DealGateFieldSchema>;
