import { useLiveQuery } from 'dexie-react-hooks';
import { isStale } from '../../../shared/rules/staleness';
import type { Deal } from '../../../shared/schema/deal';
import { useApp } from '../appContext';
import { dealsWithNextStep, lastActivityByDeal } from './dealProgress';
import { useStages } from './useStages';

/**
 * The process flags of an open deal in a list row: stale (no logged activity for the team's N
 * days; edits do not count) and no next step (no open follow-up). Read per row, for the rows on
 * screen only: the lists are virtual.
 */
export function DealFlags({ deal }: { deal: Deal }) {
  const { db, me, t } = useApp();
  const open = useStages().find((s) => s.id === deal.stageId)?.kind === 'open';
  const facts = useLiveQuery(
    async () => {
      if (!open) return null;
      const [last, nextStep] = await Promise.all([lastActivityByDeal(db, [deal.id]), dealsWithNextStep(db, [deal.id])]);
      return { last: last.get(deal.id) ?? null, nextStep: nextStep.has(deal.id) };
    },
    [db, deal.id, open],
  );
  if (!open || !facts) return null;
  const stale = isStale({ createdAt: deal.createdAt, lastActivityAt: facts.last }, Date.now(), me.team.staleAfterDays);
  return (
    <>
      {stale && (
        <span className="badge warn" data-flag="stale">
          {t('board.stale')}
        </span>
      )}
      {!facts.nextStep && (
        <span className="badge warn" data-flag="no-next-step">
          {t('deal.noNextStep')}
        </span>
      )}
    </>
  );
}
