import type { DealGateField } from '../schema/deal';
import type { Stage } from '../schema/pipeline';

type GateableDeal = { [K in DealGateField]: unknown };

export type StageGateResult =
  | { ok: true }
  | { ok: false; reason: 'unknown_stage' }
  | { ok: false; reason: 'missing_fields'; missing: DealGateField[] };

/**
 * Whether a deal (as it would be after the change) may enter a stage. Run by the side panel
 * before queuing the change and again by the worker before applying it.
 */
export function checkStageGate(stages: Stage[], stageId: string, deal: GateableDeal): StageGateResult {
  const stage = stages.find((s) => s.id === stageId);
  if (!stage) return { ok: false, reason: 'unknown_stage' };
  const missing = stage.requiredFields.filter((field) => isBlank(deal[field]));
  return missing.length > 0 ? { ok: false, reason: 'missing_fields', missing } : { ok: true };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
