import { z } from 'zod';
import { CustomFieldSchema } from './customField';
import { GateFieldSchema, StageIdSchema } from './deal';
import { UlidSchema, shortText } from './primitives';

/** The colour of a stage saved before stages had one. */
export const DEFAULT_STAGE_COLOR = '#64748b';

export const StageKindSchema = z.enum(['open', 'won', 'lost']);

export const StageSchema = z.strictObject({
  id: StageIdSchema,
  label: z.strictObject({ 'zh-CN': shortText(40), en: shortText(40) }),
  kind: StageKindSchema,
  probability: z.number().int().min(0).max(100),
  /** Shown on the board and in the stage bar. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour such as #3b82f6').default(DEFAULT_STAGE_COLOR),
  requiredFields: z.array(GateFieldSchema).max(20),
});
export type Stage = z.infer<typeof StageSchema>;

/** The ordered stages with their gates, the team's custom deal fields, and whether a forward move may skip stages. */
export const PipelineSettingsSchema = z
  .strictObject({
    stages: z
      .array(StageSchema)
      .min(2)
      .max(30)
      .refine((stages) => new Set(stages.map((s) => s.id)).size === stages.length, 'stage ids must be unique')
      .refine((stages) => stages[0]?.kind === 'open', 'the first stage must be open')
      .refine((stages) => stages.some((s) => s.kind === 'won') && stages.some((s) => s.kind === 'lost'), 'the pipeline needs a won and a lost stage'),
    customFields: z
      .array(CustomFieldSchema)
      .max(20)
      .default([])
      .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'custom field keys must be unique'),
    /** When false, a forward move must meet the requirements of every stage it passes. */
    allowSkip: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const keys = new Set(p.customFields.map((f) => `custom.${f.key}`));
    p.stages.forEach((stage, i) =>
      stage.requiredFields.forEach((field, j) => {
        if (field.startsWith('custom.') && !keys.has(field)) ctx.addIssue({ code: 'custom', message: `"${field}" is not one of the custom fields`, path: ['stages', i, 'requiredFields', j] });
      }),
    );
  });
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

export const PipelineSchema = z.object({
  teamId: UlidSchema,
  stages: PipelineSettingsSchema.shape.stages,
  customFields: PipelineSettingsSchema.shape.customFields,
  allowSkip: PipelineSettingsSchema.shape.allowSkip,
  updatedAt: z.number().int(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;
