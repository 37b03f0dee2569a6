import type { GateField } from '../schema/deal';
import type { PipelineSettings, Stage } from '../schema/pipeline';

/** A deal as the gate reads it: built-in fields by name, custom ones in `custom`. */
export type GateableDeal = Record<string, unknown> & { custom?: Record<string, unknown> | null };

export type StageGateResult =
  | { ok: true }
  | { ok: false; reason: 'unknown_stage' }
  /** Each missing field once, with the first stage (in pipeline order) that requires it. */
  | { ok: false; reason: 'missing_fields'; missing: { field: GateField; stageId: string }[] };

/**
 * Whether a deal (as it would be after the change) may move from `fromStageId` (null: a new
 * deal) to `toStageId`. The same function runs in the side panel and on the board before the
 * move, and in the worker before applying it.
 *
 * The target stage's requirements always apply. A forward move into an open or won stage also
 * meets the requirements of every open stage it passes, unless the team allows skipping; a
 * move to a lost stage, a move back, and a reopening (from won or lost) pass nothing.
 */
export function checkStageMove(pipeline: Pick<PipelineSettings, 'stages' | 'allowSkip'>, fromStageId: string | null, toStageId: string, deal: GateableDeal): StageGateResult {
  const to = pipeline.stages.findIndex((s) => s.id === toStageId);
  if (to < 0) return { ok: false, reason: 'unknown_stage' };
  const passed = stagesPassed(pipeline, fromStageId, to);
  const missing: { field: GateField; stageId: string }[] = [];
  for (const stage of [...passed, pipeline.stages[to]!]) {
    for (const field of stage.requiredFields) if (isBlank(valueOf(deal, field)) && !missing.some((m) => m.field === field)) missing.push({ field, stageId: stage.id });
  }
  return missing.length > 0 ? { ok: false, reason: 'missing_fields', missing } : { ok: true };
}

function stagesPassed(pipeline: Pick<PipelineSettings, 'stages' | 'allowSkip'>, fromStageId: string | null, to: number): Stage[] {
  const target = pipeline.stages[to]!;
  if (pipeline.allowSkip || target.kind === 'lost') return [];
  const fromIndex = fromStageId === null ? -1 : pipeline.stages.findIndex((s) => s.id === fromStageId);
  // An unknown origin (a stage removed since) or a closed one: nothing was passed on the way.
  if (fromStageId !== null && (fromIndex < 0 || pipeline.stages[fromIndex]!.kind !== 'open')) return [];
  return pipeline.stages.slice(fromIndex + 1, to).filter((s) => s.kind === 'open');
}

/** A gate field's value on a deal: "custom.<key>" reads the custom map. */
export function valueOf(deal: GateableDeal, field: GateField): unknown {
  return field.startsWith('custom.') ? deal.custom?.[field.slice('custom.'.length)] : deal[field];
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
