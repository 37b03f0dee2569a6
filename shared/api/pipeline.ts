import { z } from 'zod';
import { StageIdSchema } from '../schema/deal';
import { PipelineSchema, PipelineSettingsSchema } from '../schema/pipeline';
import { TimestampSchema } from '../schema/primitives';

/**
 * PUT /api/team/pipeline (admins): the whole pipeline as it should be, the version it was edited
 * from (a pipeline changed meanwhile is not overwritten), and for each removed stage that holds
 * deals, the stage they move to.
 */
export const PipelineUpdateSchema = z.strictObject({
  settings: PipelineSettingsSchema,
  /** The `updatedAt` of the pipeline the admin edited. */
  expectedUpdatedAt: TimestampSchema,
  /** Removed stage id → the kept stage its deals move to. */
  moveDeals: z.record(StageIdSchema, StageIdSchema).default({}),
});
export type PipelineUpdate = z.infer<typeof PipelineUpdateSchema>;
/** What a client sends (defaults not yet applied). */
export type PipelineUpdateInput = z.input<typeof PipelineUpdateSchema>;

export const PipelineUpdateResultSchema = z.object({
  pipeline: PipelineSchema,
  /** Deals moved out of removed stages. */
  moved: z.number().int().min(0),
});
export type PipelineUpdateResult = z.infer<typeof PipelineUpdateResultSchema>;
