import { describe, expect, it } from 'vitest';
import { isBackfilled } from '../../shared/rules/backfill';
import { DEFAULT_STAGES } from '../../shared/rules/defaultPipeline';
import { formatMoney, toMinorUnits } from '../../shared/rules/money';
import { checkStageGate } from '../../shared/rules/stageGate';
import { canSee, canWrite } from '../../shared/rules/visibility';
import { PipelineSchema } from '../../shared/schema/pipeline';

const deal = { amountMinor: null, expectedCloseAt: null, contactId: null, companyId: null, lostReason: null };

describe('stage gates', () => {
  it.each([
    ['lead', deal, { ok: true }],
    ['first_visit', deal, { ok: false, reason: 'missing_fields', missing: ['contactId'] }],
    ['quote', { ...deal, contactId: 'c' }, { ok: false, reason: 'missing_fields', missing: ['amountMinor'] }],
    ['quote', { ...deal, contactId: 'c', amountMinor: 0 }, { ok: true }],
    ['lost', { ...deal, lostReason: '  ' }, { ok: false, reason: 'missing_fields', missing: ['lostReason'] }],
    ['lost', { ...deal, lostReason: '预算不足' }, { ok: true }],
    ['nowhere', deal, { ok: false, reason: 'unknown_stage' }],
  ])('entering %s with %o gives %o', (stage, candidate, expected) => {
    expect(checkStageGate(DEFAULT_STAGES, stage, candidate)).toEqual(expected);
  });

  it('ships a default pipeline that its own schema accepts', () => {
    expect(PipelineSchema.safeParse({ teamId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', stages: DEFAULT_STAGES, updatedAt: 0 }).success).toBe(true);
    expect(DEFAULT_STAGES.map((s) => s.label['zh-CN'])).toEqual(['线索', '初访', '需求确认', '方案', '报价', '合同', '回款', '输单']);
  });
});

describe('money', () => {
  it.each([
    ['88000', 'CNY', 8_800_000],
    ['1,234.5', 'USD', 123_450],
    ['1，000', 'CNY', 100_000],
    ['500', 'JPY', 500],
    ['', 'CNY', null],
    ['1.234', 'CNY', Number.NaN],
    ['-5', 'CNY', Number.NaN],
    ['abc', 'EUR', Number.NaN],
  ])('%s %s is %s minor units', (text, currency, minor) => {
    expect(toMinorUnits(text, currency)).toEqual(minor);
  });

  it('formats in the reader’s locale', () => {
    expect(formatMoney(8_800_000, 'CNY', 'zh-CN')).toBe('¥88,000.00');
    expect(formatMoney(4_800_000, 'GBP', 'en')).toBe('£48,000.00');
  });
});

describe('visibility', () => {
  const rep = { id: 'r1', role: 'rep' as const };
  const manager = { id: 'm1', role: 'manager' as const };
  it('lets reps see their own rows and every company, managers everything', () => {
    expect(canSee(rep, 'contact', { ownerId: 'r1' })).toBe(true);
    expect(canSee(rep, 'contact', { ownerId: 'r2' })).toBe(false);
    expect(canSee(rep, 'company', { ownerId: 'r2' })).toBe(true);
    expect(canSee(manager, 'deal', { ownerId: 'r2' })).toBe(true);
  });
  it('lets reps change only their own rows', () => {
    expect(canWrite(rep, { ownerId: 'r2' })).toBe(false);
    expect(canWrite(rep, { ownerId: 'r1' })).toBe(true);
    expect(canWrite(manager, { ownerId: 'r2' })).toBe(true);
  });
});

describe('back-filled activities', () => {
  it('are those recorded more than 48 hours after they happened', () => {
    const occurredAt = Date.UTC(2026, 10, 1, 9);
    expect(isBackfilled({ occurredAt, recordedAt: occurredAt + 48 * 3_600_000 })).toBe(false);
    expect(isBackfilled({ occurredAt, recordedAt: occurredAt + 48 * 3_600_000 + 1 })).toBe(true);
    expect(isBackfilled({ occurredAt, recordedAt: occurredAt - 60_000 })).toBe(false);
  });
});
