import { useCallback } from 'react';
import { checkStageMove } from '../../../shared/rules/stageGate';
import type { Deal } from '../../../shared/schema/deal';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';
import type { GateRefusal } from './GateForm';
import { usePipeline, useStageLabel } from './useStages';

/**
 * Moves a deal to a stage when the pipeline's gates allow it, with `fields` the user filled in on
 * the way (written with the move as one change, locally, synced, with Undo), or answers what is
 * missing so the caller can ask for it (GateForm). The deal view's stage bar, the gate form and
 * the board's drag and drop and keys all move deals through here.
 */
export function useMoveDeal(): (deal: Deal, toStageId: string, fields?: Partial<Deal>) => Promise<GateRefusal | null> {
  const { db, me, t, nudgeSync, notify } = useApp();
  const pipeline = usePipeline();
  const label = useStageLabel();
  return useCallback(
    async (deal, toStageId, fields = {}) => {
      if (toStageId === deal.stageId) return null;
      const gate = checkStageMove(pipeline, deal.stageId, toStageId, { ...deal, ...fields });
      if (!gate.ok) return { toStageId, missing: gate.reason === 'missing_fields' ? gate.missing : [] };
      const change = { ...fields, stageId: toStageId };
      const previous = Object.fromEntries(Object.keys(change).map((k) => [k, (deal as unknown as Record<string, unknown>)[k] ?? null]));
      await writeLocal(db, me.user, [{ entity: 'deal', op: 'update', recordId: deal.id, fields: change } as never]);
      nudgeSync();
      notify({
        text: t('deal.moved', { stage: label(toStageId) }),
        undo: async () => {
          await writeLocal(db, me.user, [{ entity: 'deal', op: 'update', recordId: deal.id, fields: previous } as never]);
          nudgeSync();
        },
      });
      return null;
    },
    [db, me, t, nudgeSync, notify, pipeline, label],
  );
}
