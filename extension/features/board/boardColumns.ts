import { stageEnteredAt, wholeDays } from '../../../shared/rules/dealClock';
import { isStale } from '../../../shared/rules/staleness';
import type { Grade } from '../../../shared/schema/company';
import type { Deal } from '../../../shared/schema/deal';
import type { Stage } from '../../../shared/schema/pipeline';

export interface BoardFilters {
  /** null: everyone the viewer can see. */
  ownerId: string | null;
  grade: Grade | 'none' | null;
  /** "2026-12": deals expected to close that month, in the viewer's time zone. */
  closeMonth: string | null;
  staleOnly: boolean;
}

export interface BoardCard {
  deal: Deal;
  companyName: string | null;
  grade: Grade | null;
  daysInStage: number;
  ageDays: number;
  stale: boolean;
  /** An open deal without an open follow-up. */
  noNextStep: boolean;
}

export interface BoardColumn {
  stage: Stage;
  cards: BoardCard[];
  /** Per currency: amounts do not add across currencies. */
  totals: { currency: string; amountMinor: number; weightedMinor: number }[];
}

export interface BoardFacts {
  companies: Map<string, { name: string; grade: Grade | null }>;
  /** Latest activity per deal (what staleness counts). */
  lastActivity: Map<string, number>;
  stageChanges: { dealId: string; toStageId: string; changedAt: number }[];
  /** Deals with an open follow-up. */
  withNextStep: Set<string>;
  /** False while activities and follow-ups are still being read: nothing is marked yet. */
  loaded?: boolean;
}

/**
 * The board's columns: the live deals that pass the filters, by stage in pipeline order (a deal
 * in a stage the pipeline no longer has is not shown), each column's cards newest move first,
 * with count, amount and amount weighted by the stage's probability per currency. Staleness
 * counts only open deals, from the last activity (never an edit).
 */
export function boardColumns(deals: Deal[], stages: Stage[], facts: BoardFacts, filters: BoardFilters, now: number, staleAfterDays: number, timeZone: string): BoardColumn[] {
  const changesByDeal = new Map<string, { dealId: string; toStageId: string; changedAt: number }[]>();
  for (const c of facts.stageChanges) {
    const list = changesByDeal.get(c.dealId);
    if (list) list.push(c);
    else changesByDeal.set(c.dealId, [c]);
  }
  const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  const columns = new Map(stages.map((stage) => [stage.id, { stage, cards: [] as BoardCard[], totals: new Map<string, { amountMinor: number; weightedMinor: number }>() }]));
  for (const deal of deals) {
    const column = columns.get(deal.stageId);
    if (!column || deal.deletedAt !== null) continue;
    if (filters.ownerId && deal.ownerId !== filters.ownerId) continue;
    const company = deal.companyId ? facts.companies.get(deal.companyId) : undefined;
    const grade = company?.grade ?? null;
    if (filters.grade && (filters.grade === 'none' ? grade !== null : grade !== filters.grade)) continue;
    if (filters.closeMonth && (deal.expectedCloseAt === null || monthOf.format(deal.expectedCloseAt).slice(0, 7) !== filters.closeMonth)) continue;
    const known = facts.loaded !== false;
    const stale = known && column.stage.kind === 'open' && isStale({ createdAt: deal.createdAt, lastActivityAt: facts.lastActivity.get(deal.id) ?? null }, now, staleAfterDays);
    if (filters.staleOnly && !stale) continue;
    const entered = stageEnteredAt(deal, changesByDeal.get(deal.id) ?? []);
    const noNextStep = known && column.stage.kind === 'open' && !facts.withNextStep.has(deal.id);
    column.cards.push({ deal, companyName: company?.name ?? null, grade, daysInStage: wholeDays(entered, now), ageDays: wholeDays(deal.createdAt, now), stale, noNextStep });
    if (deal.amountMinor !== null) {
      const total = column.totals.get(deal.currency) ?? { amountMinor: 0, weightedMinor: 0 };
      total.amountMinor += deal.amountMinor;
      total.weightedMinor += Math.round((deal.amountMinor * column.stage.probability) / 100);
      column.totals.set(deal.currency, total);
    }
  }
  return [...columns.values()].map(({ stage, cards, totals }) => ({
    stage,
    cards: cards.sort((a, b) => a.daysInStage - b.daysInStage || b.deal.updatedAt - a.deal.updatedAt),
    totals: [...totals.entries()].map(([currency, t]) => ({ currency, ...t })).sort((a, b) => b.amountMinor - a.amountMinor),
  }));
}
