import { describe, expect, it } from 'vitest';
import { boardColumns, type BoardFacts, type BoardFilters } from '../../extension/features/board/boardColumns';
import { DEFAULT_STAGES } from '../../shared/rules/defaultPipeline';
import { NEW_DEAL_DEFAULTS, type Deal } from '../../shared/schema/deal';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 3, 12);
let n = 0;
const deal = (over: Partial<Deal>): Deal => ({
  ...NEW_DEAL_DEFAULTS,
  id: `01KB00000000000000000000${String(n++).padStart(2, '0')}`,
  teamId: 'T',
  ownerId: 'rep1',
  createdAt: now - 30 * DAY,
  updatedAt: now - DAY,
  deletedAt: null,
  version: 1,
  title: 'Deal',
  companyId: null,
  contactId: 'c',
  stageId: 'quote',
  currency: 'CNY',
  ...over,
});
const none: BoardFilters = { ownerId: null, grade: null, closeMonth: null, staleOnly: false };
const facts = (over: Partial<BoardFacts> = {}): BoardFacts => ({ companies: new Map([['A', { name: 'Acme', grade: 'A' }]]), lastActivity: new Map(), stageChanges: [], withNextStep: new Set(), ...over });
const column = (cols: ReturnType<typeof boardColumns>, id: string) => cols.find((c) => c.stage.id === id)!;

describe('board columns', () => {
  it('sums amounts per currency and weights them by the stage probability (报价 60%)', () => {
    const cols = boardColumns([deal({ amountMinor: 100_000 }), deal({ amountMinor: 50_000 }), deal({ amountMinor: 10_000, currency: 'USD' }), deal({ amountMinor: null })], DEFAULT_STAGES, facts(), none, now, 14, 'Asia/Shanghai');
    expect(column(cols, 'quote').cards).toHaveLength(4);
    expect(column(cols, 'quote').totals).toEqual([
      { currency: 'CNY', amountMinor: 150_000, weightedMinor: 90_000 },
      { currency: 'USD', amountMinor: 10_000, weightedMinor: 6_000 },
    ]);
    expect(cols.map((c) => c.stage.id)).toEqual(DEFAULT_STAGES.map((s) => s.id));
  });

  it('leaves out deleted deals and deals in a stage the pipeline no longer has', () => {
    const cols = boardColumns([deal({ deletedAt: now }), deal({ stageId: 'gone' })], DEFAULT_STAGES, facts(), none, now, 14, 'UTC');
    expect(cols.reduce((sum, c) => sum + c.cards.length, 0)).toBe(0);
  });

  it('marks open deals stale from the last activity, never closed ones, and filters on it', () => {
    const idle = deal({ title: 'idle' });
    const active = deal({ title: 'active' });
    const won = deal({ title: 'won', stageId: 'payment' });
    const f = facts({ lastActivity: new Map([[active.id, now - 2 * DAY]]) });
    const cols = boardColumns([idle, active, won], DEFAULT_STAGES, f, none, now, 14, 'UTC');
    expect(column(cols, 'quote').cards.map((c) => [c.deal.title, c.stale])).toEqual(expect.arrayContaining([['idle', true], ['active', false]]));
    expect(column(cols, 'payment').cards[0]).toMatchObject({ stale: false, noNextStep: false });
    expect(column(boardColumns([idle], DEFAULT_STAGES, { ...f, withNextStep: new Set([idle.id]) }, none, now, 14, 'UTC'), 'quote').cards[0]!.noNextStep).toBe(false);
    expect(column(cols, 'quote').cards.every((c) => c.noNextStep)).toBe(true);
    const staleOnly = boardColumns([idle, active, won], DEFAULT_STAGES, f, { ...none, staleOnly: true }, now, 14, 'UTC');
    expect(staleOnly.flatMap((c) => c.cards.map((x) => x.deal.title))).toEqual(['idle']);
  });

  it('counts days in the stage from the last move into it, and filters by owner, grade and close month in the viewer’s zone', () => {
    // Expected to close at 2026-12-31 20:00 UTC: already January in Shanghai.
    const late = deal({ title: 'late', companyId: 'A', ownerId: 'rep2', expectedCloseAt: Date.UTC(2026, 11, 31, 20) });
    const f = facts({ stageChanges: [{ dealId: late.id, toStageId: 'proposal', changedAt: now - 20 * DAY }, { dealId: late.id, toStageId: 'quote', changedAt: now - 5 * DAY }] });
    const [card] = column(boardColumns([late], DEFAULT_STAGES, f, none, now, 14, 'UTC'), 'quote').cards;
    expect(card).toMatchObject({ daysInStage: 5, ageDays: 30, grade: 'A', companyName: 'Acme' });
    const count = (filters: Partial<BoardFilters>, zone = 'UTC') => boardColumns([late, deal({})], DEFAULT_STAGES, f, { ...none, ...filters }, now, 14, zone).reduce((s, c) => s + c.cards.length, 0);
    expect(count({ ownerId: 'rep2' })).toBe(1);
    expect(count({ grade: 'A' })).toBe(1);
    expect(count({ grade: 'none' })).toBe(1);
    expect(count({ closeMonth: '2026-12' }, 'UTC')).toBe(1);
    expect(count({ closeMonth: '2026-12' }, 'Asia/Shanghai')).toBe(0);
    expect(count({ closeMonth: '2027-01' }, 'Asia/Shanghai')).toBe(1);
  });
});

describe('board columns before the card details are read', () => {
  it('mark nothing stale or without a next step', () => {
    const cols = boardColumns([deal({ createdAt: now - 90 * DAY })], DEFAULT_STAGES, { ...facts(), loaded: false }, none, now, 14, 'UTC');
    expect(column(cols, 'quote').cards[0]).toMatchObject({ stale: false, noNextStep: false });
  });
});
