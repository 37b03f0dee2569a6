import { z } from 'zod';
import { DealGateFieldSchema, StageIdSchema } from './deal';
import { UlidSchema, shortText } from './primitives';

export const StageKindSchema = z.enum(['open', 'won', 'lost']);

export const StageSchema = z.strictObject({
  id: StageIdSchema,
  label: z.strictObject({ 'zh-CN': shortText(40), en: shortText(40) }),
  kind: StageKindSchema,
  probability: z.number().int().min(0).max(100),
  requiredFields: z.array(DealGateFieldSchema),
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineSchema = z.object({
  teamId: UlidSchema,
  stages: z
    .array(StageSchema)
    .min(2)
    .max(30)
    .refine((stages) => new Set(stages.map((s) => s.id)).size === stages.length, 'stage ids must be unique')
    .refine((stages) => stages[0]?.kind === 'open', 'the first stage must be open'),
  updatedAt: z.number().int(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
