import type { AppDb } from '../../db/appDb';

/**
 * What the process rules ask of a deal's history, read the same way by the board, the list
 * flags, the stale list and the deal view: when its last activity was (staleness: edits do not
 * count) and whether it has an open follow-up (its next step). Without ids, every deal cached.
 */
export async function lastActivityByDeal(db: AppDb, dealIds?: string[]): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  const activities = dealIds ? db.activity.where('dealId').anyOf(dealIds) : db.activity.toCollection();
  await activities.each((a) => {
    if (a.dealId && a.deletedAt === null && a.occurredAt > (last.get(a.dealId) ?? 0)) last.set(a.dealId, a.occurredAt);
  });
  return last;
}

export async function dealsWithNextStep(db: AppDb, dealIds?: string[]): Promise<Set<string>> {
  const open = new Set<string>();
  const followUps = dealIds ? db.followUp.where('dealId').anyOf(dealIds) : db.followUp.toCollection();
  await followUps.each((f) => {
    if (f.dealId && f.doneAt === null && f.deletedAt === null) open.add(f.dealId);
  });
  return open;
}
