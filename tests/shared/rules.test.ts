import { describe, expect, it } from 'vitest';
import { isBackfilled } from '../../shared/rules/backfill';
import { suggestGrade } from '../../shared/rules/gradeSuggestion';
import { DEFAULT_PIPELINE, DEFAULT_STAGES } from '../../shared/rules/defaultPipeline';
import { formatMoney, toMinorUnits } from '../../shared/rules/money';
import { checkStageMove } from '../../shared/rules/stageGate';
import { canSee, canWrite } from '../../shared/rules/visibility';
import { PipelineSchema, PipelineSettingsSchema, type PipelineSettings } from '../../shared/schema/pipeline';

const deal = { amountMinor: null, expectedCloseAt: null, contactId: null, companyId: null, lostReason: null, contractNumber: null, signedAt: null, collectedAmountMinor: null, collectedAt: null, custom: {} };
const ready = { ...deal, contactId: 'c', amountMinor: 100, expectedCloseAt: 1, contractNumber: 'HT-1', signedAt: 1 };
const pipeline = DEFAULT_PIPELINE;
const tender: PipelineSettings = {
  ...pipeline,
  customFields: [{ key: 'tender_no', label: { 'zh-CN': '招标编号', en: 'Tender no.' }, type: 'text', options: [] }],
  stages: pipeline.stages.map((s) => (s.id === 'proposal' ? { ...s, requiredFields: [...s.requiredFields, 'custom.tender_no' as const] } : s)),
};
const missing = (...pairs: [string, string][]) => ({ ok: false, reason: 'missing_fields', missing: pairs.map(([field, stageId]) => ({ field, stageId })) });

describe('stage gates', () => {
  it.each([
    ['a new deal into lead', pipeline, null, 'lead', deal, { ok: true }],
    ['one step forward without a contact', pipeline, 'lead', 'first_visit', deal, missing(['contactId', 'first_visit'])],
    ['into quote without an amount', pipeline, 'proposal', 'quote', { ...deal, contactId: 'c' }, missing(['amountMinor', 'quote'])],
    ['into quote with an amount of 0', pipeline, 'proposal', 'quote', { ...deal, contactId: 'c', amountMinor: 0 }, { ok: true }],
    ['into contract: close date, contract number and signed date', pipeline, 'quote', 'contract', { ...deal, contactId: 'c', amountMinor: 5 }, missing(['expectedCloseAt', 'contract'], ['contractNumber', 'contract'], ['signedAt', 'contract'])],
    ['a jump from lead to quote meets every stage passed', pipeline, 'lead', 'quote', deal, missing(['contactId', 'first_visit'], ['amountMinor', 'quote'])],
    ['a jump to payment asks for the contract fields and the collection', pipeline, 'needs', 'payment', { ...deal, contactId: 'c', amountMinor: 5 }, missing(['expectedCloseAt', 'contract'], ['contractNumber', 'contract'], ['signedAt', 'contract'], ['collectedAmountMinor', 'payment'], ['collectedAt', 'payment'])],
    ['a jump when the team allows skipping checks the target only', { ...pipeline, allowSkip: true }, 'lead', 'quote', { ...deal, amountMinor: 5 }, missing(['contactId', 'quote'])],
    ['a move back passes nothing', pipeline, 'contract', 'first_visit', { ...deal, contactId: 'c' }, { ok: true }],
    ['a move to lost needs only the reason', pipeline, 'lead', 'lost', { ...deal, lostReason: '  ' }, missing(['lostReason', 'lost'])],
    ['a move to lost with a reason', pipeline, 'quote', 'lost', { ...deal, lostReason: '预算不足' }, { ok: true }],
    ['reopening a lost deal passes nothing', pipeline, 'lost', 'quote', { ...deal, contactId: 'c', amountMinor: 1 }, { ok: true }],
    ['from a stage since removed, only the target counts', pipeline, 'gone', 'quote', { ...deal, contactId: 'c', amountMinor: 1 }, { ok: true }],
    ['a custom field required by a passed stage', tender, 'needs', 'quote', { ...deal, contactId: 'c', amountMinor: 1 }, missing(['custom.tender_no', 'proposal'])],
    ['a custom field filled in', tender, 'needs', 'quote', { ...deal, contactId: 'c', amountMinor: 1, custom: { tender_no: 'ZB-2026-07' } }, { ok: true }],
    ['a custom field filled with blanks', tender, 'needs', 'proposal', { ...deal, contactId: 'c', custom: { tender_no: ' ' } }, missing(['custom.tender_no', 'proposal'])],
    ['everything ready for contract', pipeline, 'lead', 'contract', ready, { ok: true }],
    ['an unknown stage', pipeline, 'lead', 'nowhere', deal, { ok: false, reason: 'unknown_stage' }],
  ] as const)('%s', (_, settings, from, to, candidate, expected) => {
    expect(checkStageMove(settings, from, to, candidate)).toEqual(expected);
  });

  it('ships a default pipeline that its own schema accepts', () => {
    expect(PipelineSchema.safeParse({ teamId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', ...DEFAULT_PIPELINE, updatedAt: 0 }).success).toBe(true);
    expect(DEFAULT_STAGES.map((s) => s.label['zh-CN'])).toEqual(['线索', '初访', '需求确认', '方案', '报价', '合同', '回款', '输单']);
  });

  it('refuses pipeline settings whose gates name a custom field that does not exist, or that lack a won or lost stage', () => {
    const bad = { ...tender, customFields: [] };
    expect(PipelineSettingsSchema.safeParse(bad).error?.issues[0]?.path).toEqual(['stages', 3, 'requiredFields', 1]);
    expect(PipelineSettingsSchema.safeParse({ ...pipeline, stages: pipeline.stages.filter((s) => s.kind !== 'lost') }).success).toBe(false);
    expect(PipelineSettingsSchema.safeParse({ ...pipeline, customFields: [{ key: 'x', label: { 'zh-CN': '类', en: 'Kind' }, type: 'choice', options: [] }] }).success).toBe(false);
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

describe('grade suggestion', () => {
  it.each([
    [{ value: 0, activities: 0 }, 'C'],
    [{ value: 49_999, activities: 4 }, 'C'],
    [{ value: 50_000, activities: 0 }, 'B'],
    [{ value: 0, activities: 5 }, 'B'],
    [{ value: 100_000, activities: 9 }, 'B'],
    [{ value: 100_000, activities: 10 }, 'A'],
    [{ value: 500_000, activities: 0 }, 'A'],
  ] as const)('%o suggests %s', (facts, grade) => {
    expect(suggestGrade(facts)).toBe(grade);
  });
});
