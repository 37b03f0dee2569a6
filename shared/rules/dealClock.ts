/**
 * How long a deal has been where it is: time in its current stage (since the last move into
 * it, else since it was created) and its age. Shown in the deal view and on board cards;
 * reports use the same definitions.
 */
const DAY = 86_400_000;

export function stageEnteredAt(deal: { id: string; stageId: string; createdAt: number }, changes: { dealId: string; toStageId: string; changedAt: number }[]): number {
  let entered = deal.createdAt;
  for (const c of changes) if (c.dealId === deal.id && c.toStageId === deal.stageId && c.changedAt > entered) entered = c.changedAt;
  return entered;
}

/** Whole days from `from` to `now`, never negative (a clock running behind is not a future). */
export function wholeDays(from: number, now: number): number {
  return Math.max(0, Math.floor((now - from) / DAY));
}
