import { z } from 'zod';
import { CustomFieldKeySchema, CustomValuesSchema } from './customField';
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
  /** 合同: what the contract is filed under and when it was signed. */
  contractNumber: optionalText(100),
  signedAt: TimestampSchema.nullable(),
  /** 回款: the amount actually collected (in the deal's currency) and when. */
  collectedAmountMinor: AmountMinorSchema.nullable(),
  collectedAt: TimestampSchema.nullable(),
  /** Values of the team's custom deal fields, by key (see the pipeline's customFields). */
  custom: CustomValuesSchema,
});
/**
 * Deal fields added after the first release: a create from an older extension's outbox lacks
 * them and gets these (only creates; an update names exactly what it changes).
 */
export const LATER_DEAL_FIELDS = { contractNumber: null, signedAt: null, collectedAmountMinor: null, collectedAt: null, custom: {} } as const;

/** What a new deal holds in the fields its creator does not set: one place, for every way a deal is made. */
export const NEW_DEAL_DEFAULTS = { amountMinor: null, expectedCloseAt: null, lostReason: null, ...LATER_DEAL_FIELDS } as const;

export const DealSchema = RecordMetaSchema.extend(DealFieldsSchema.shape);
export type Deal = z.infer<typeof DealSchema>;
/** Built-in deal fields a stage may require before a deal enters it. */
export const DealGateFieldSchema = z.enum(['amountMinor', 'expectedCloseAt', 'contactId', 'companyId', 'lostReason', 'contractNumber', 'signedAt', 'collectedAmountMinor', 'collectedAt']);
export type DealGateField = z.infer<typeof DealGateFieldSchema>;

/** What a stage may require: a built-in field, or a custom one as "custom.<key>". */
export const GateFieldSchema = z.union([DealGateFieldSchema, z.templateLiteral(['custom.', CustomFieldKeySchema])]);
export type GateField = z.infer<typeof GateFieldSchema>;
