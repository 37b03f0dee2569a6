import type { Activity } from '../../../shared/schema/activity';
import type { FollowUp } from '../../../shared/schema/followUp';
import type { StageChange } from '../../../shared/schema/stageChange';

/** A record recorded this long after what it describes shows when it was recorded too. */
export const RECORDED_LATE_MS = 24 * 3_600_000;

export type TimelineItem =
  | { kind: 'activity'; id: string; at: number; recordedAt: number; activity: Activity }
  | { kind: 'stage'; id: string; at: number; recordedAt: number; change: StageChange }
  | { kind: 'followUpPlanned'; id: string; at: number; recordedAt: number; followUp: FollowUp }
  | { kind: 'followUpDone'; id: string; at: number; recordedAt: number; followUp: FollowUp };

/**
 * One record's history in order, newest first: activities when they happened, stage moves,
 * follow-ups when planned and when done. Each keeps when it was recorded, so the timeline can
 * say so when that was more than a day later (back-filling made visible).
 */
export function timelineItems(activities: Activity[], changes: StageChange[], followUps: FollowUp[], limit = 200): TimelineItem[] {
  const items: TimelineItem[] = [
    ...activities.filter((a) => a.deletedAt === null).map((a) => ({ kind: 'activity' as const, id: `a:${a.id}`, at: a.occurredAt, recordedAt: a.recordedAt, activity: a })),
    ...changes.filter((c) => c.deletedAt === null).map((c) => ({ kind: 'stage' as const, id: `s:${c.id}`, at: c.changedAt, recordedAt: c.createdAt, change: c })),
    ...followUps
      .filter((f) => f.deletedAt === null)
      .flatMap((f) => [
        { kind: 'followUpPlanned' as const, id: `p:${f.id}`, at: f.createdAt, recordedAt: f.createdAt, followUp: f },
        ...(f.doneAt !== null ? [{ kind: 'followUpDone' as const, id: `d:${f.id}`, at: f.doneAt, recordedAt: f.doneAt, followUp: f }] : []),
      ]),
  ];
  return items.sort((a, b) => b.at - a.at || a.id.localeCompare(b.id)).slice(0, limit);
}

export const recordedLate = (item: TimelineItem): boolean => item.recordedAt - item.at > RECORDED_LATE_MS;
