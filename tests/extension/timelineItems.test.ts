import { describe, expect, it } from 'vitest';
import { recordedLate, timelineItems } from '../../extension/features/timeline/timelineItems';
import type { Activity } from '../../shared/schema/activity';
import type { FollowUp } from '../../shared/schema/followUp';
import type { StageChange } from '../../shared/schema/stageChange';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 2, 9);
const meta = (id: string, at: number) => ({ id, teamId: 'T', ownerId: 'U', createdAt: at, updatedAt: at, deletedAt: null, version: 1 });
const activity = (id: string, occurredAt: number, recordedAt: number, deleted = false) =>
  ({ ...meta(id, recordedAt), deletedAt: deleted ? recordedAt : null, kind: 'call', occurredAt, recordedAt, subject: id, body: '', dealId: 'D', contactId: null, companyId: null }) as unknown as Activity;
const change = (id: string, at: number, createdAt = at) => ({ ...meta(id, createdAt), dealId: 'D', fromStageId: 'lead', toStageId: 'quote', changedAt: at, changedBy: 'U' }) as StageChange;
const followUp = (id: string, createdAt: number, doneAt: number | null) => ({ ...meta(id, createdAt), kind: 'call', title: id, dueAt: createdAt + 24 * H, doneAt, outcome: doneAt ? '谈妥' : null, contactId: null, dealId: 'D' }) as FollowUp;

describe('timeline', () => {
  it('puts activities, stage moves and follow-ups (planned and done) in the order they happened, newest first, without deleted ones', () => {
    const items = timelineItems([activity('call', t0 + 2 * H, t0 + 2 * H), activity('gone', t0 + 3 * H, t0 + 3 * H, true)], [change('move', t0 + H)], [followUp('next', t0 + 4 * H, t0 + 6 * H)]);
    expect(items.map((i) => [i.kind, i.at - t0])).toEqual([
      ['followUpDone', 6 * H],
      ['followUpPlanned', 4 * H],
      ['activity', 2 * H],
      ['stage', H],
    ]);
  });

  it('says when something was recorded only when that was more than a day after it happened', () => {
    const items = timelineItems([activity('late', t0, t0 + 25 * H), activity('sameDay', t0 - H, t0 + 20 * H)], [], []);
    expect(items.map((i) => [i.kind === 'activity' ? i.activity.subject : i.kind, recordedLate(i)])).toEqual([
      ['late', true],
      ['sameDay', false],
    ]);
  });
});
