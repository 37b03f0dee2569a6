import { ulid } from 'ulidx';
import { checkStageGate } from '../../../../shared/rules/stageGate';
import { DealGateFieldSchema, type DealGateField } from '../../../../shared/schema';
import { newRecord } from '../../../../shared/schema/newRecord';
import { Rejection } from '../rejection';
import type { Change, EntityRules, RuleContext } from './entityRules';

const GATE_FIELDS: ReadonlySet<string> = new Set(DealGateFieldSchema.options);

/**
 * A deal may only be in a stage whose required fields it has, checked on the deal as it will
 * be after the change (so clearing the amount of a deal in 报价 is refused as surely as moving
 * a deal without one into 报价). Every stage move is recorded, owned by the deal's owner whoever
 * moved it, and a deal's stage history follows the deal when it is reassigned.
 */
export const dealRules: EntityRules = {
  check(ctx, change) {
    if (change.op !== 'create' && change.op !== 'update') return;
    const touchesGate = change.op === 'create' || 'stageId' in change.fields || Object.keys(change.fields).some((f) => GATE_FIELDS.has(f));
    if (!touchesGate) return;
    const stageId = change.after.stageId as string;
    const gate = checkStageGate(ctx.stages, stageId, change.after as unknown as Record<DealGateField, unknown>);
    if (gate.ok) return;
    if (gate.reason === 'unknown_stage') throw new Rejection('bad_request', `Stage "${stageId}" is not in the team's pipeline`, 'fields.stageId');
    throw new Rejection('stage_gate', `Stage "${stageId}" requires ${gate.missing.join(', ')}`, `fields.${gate.missing[0]}`);
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

/** The deal's stage history moves to its new owner; the old owner's devices drop it. */
function followOwner(ctx: RuleContext, change: Change): void {
  for (const history of ctx.stageChangesOf(change.after.id)) {
    if (history.ownerId === change.after.ownerId) continue;
    ctx.write('stageChange', { ...history, ownerId: change.after.ownerId, updatedAt: ctx.now });
    ctx.revoke('stageChange', history.id, history.ownerId);
  }
}
