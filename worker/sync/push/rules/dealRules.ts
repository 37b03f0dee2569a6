import { ulid } from 'ulidx';
import { checkStageMove, type GateableDeal } from '../../../../shared/rules/stageGate';
import { customValueFits, DealGateFieldSchema } from '../../../../shared/schema';
import { newRecord } from '../../../../shared/schema/newRecord';
import { Rejection } from '../rejection';
import type { Change, EntityRules, RuleContext } from './entityRules';

const GATE_FIELDS: ReadonlySet<string> = new Set([...DealGateFieldSchema.options, 'custom']);

/**
 * A deal may only be in a stage whose required fields it has, checked on the deal as it will
 * be after the change (so clearing the amount of a deal in 报价 is refused as surely as moving
 * a deal without one into 报价). Every stage move is recorded, owned by the deal's owner whoever
 * moved it, and a deal's stage history follows the deal when it is reassigned.
 */
export const dealRules: EntityRules = {
  check(ctx, change) {
    if (change.op !== 'create' && change.op !== 'update') return;
    if (change.fields && 'custom' in change.fields) checkCustomValues(ctx, change.fields.custom as Record<string, unknown>);
    const touchesGate = change.op === 'create' || 'stageId' in change.fields || Object.keys(change.fields).some((f) => GATE_FIELDS.has(f));
    if (!touchesGate) return;
    if (ctx.stageGates === 'skip' && change.op === 'update' && Object.keys(change.fields).every((f) => f === 'stageId')) return;
    const from = change.op === 'create' ? null : (change.before.stageId as string);
    const stageId = change.after.stageId as string;
    const gate = checkStageMove(ctx.pipeline, from, stageId, change.after as GateableDeal);
    if (gate.ok) return;
    if (gate.reason === 'unknown_stage') throw new Rejection('bad_request', `Stage "${stageId}" is not in the team's pipeline`, 'fields.stageId');
    const names = gate.missing.map((m) => (m.stageId === stageId ? m.field : `${m.field} (for "${m.stageId}")`));
    throw new Rejection('stage_gate', `Stage "${stageId}" requires ${names.join(', ')}`, `fields.${gate.missing[0]!.field}`);
  },

  apply(ctx, change) {
    if (change.op === 'reassign') return followOwner(ctx, change);
    const from = change.before?.stageId as string | undefined;
    const to = change.after.stageId as string;
    if (change.op === 'create' || (change.op === 'update' && from !== to)) {
      ctx.write(
        'stageChange',
        newRecord(
          'stageChange',
          { dealId: change.after.id, fromStageId: from ?? null, toStageId: to, changedAt: ctx.now, changedBy: ctx.viewer.id },
          { id: ulid(ctx.now), teamId: ctx.viewer.teamId, ownerId: change.after.ownerId, now: ctx.now },
        ),
      );
    }
  },
};

/** Each custom value must fit its field's type; values of fields the pipeline no longer has are kept as they are. */
function checkCustomValues(ctx: RuleContext, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values ?? {})) {
    const field = ctx.pipeline.customFields.find((f) => f.key === key);
    if (field && !customValueFits(field, value)) throw new Rejection('bad_request', `"${key}" must be ${field.type === 'choice' ? `one of ${field.options.join(', ')}` : `a ${field.type}`}`, `fields.custom.${key}`);
  }
}

/** The deal's stage history moves to its new owner; the old owner's devices drop it. */
function followOwner(ctx: RuleContext, change: Change): void {
  for (const history of ctx.stageChangesOf(change.after.id)) {
    if (history.ownerId === change.after.ownerId) continue;
    ctx.write('stageChange', { ...history, ownerId: change.after.ownerId, updatedAt: ctx.now });
    ctx.revoke('stageChange', history.id, history.ownerId);
  }
}
