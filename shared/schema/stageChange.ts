import { z } from 'zod';
import { StageIdSchema } from './deal';
import { RecordMetaSchema, TimestampSchema, UlidSchema } from './primitives';

/** Written by the server whenever a deal's stage changes; read-only for clients. */
export const StageChangeSchema = RecordMetaSchema.extend({
  dealId: UlidSchema,
  fromStageId: StageIdSchema.nullable(),
  toStageId: StageIdSchema,
  changedAt: TimestampSchema,
  changedBy: UlidSchema,
});
export type StageChange = z.infer<typeof StageChangeSchema>;
