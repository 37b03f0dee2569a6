import 'fake-indexeddb/auto';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../extension/db/appDb';
import { countLive, pageLive } from '../../extension/features/lists/listQueries';
import { dueWindow } from '../../extension/features/lists/RecordLists';
import { applyPulled } from '../../extension/sync/syncOnce';

const H = 3_600_000;
// 2026-12-03 10:00 in Shanghai (02:00 UTC).
const now = Date.UTC(2026, 11, 3, 2);
const teamId = ulid();
const me = ulid();
let db: AppDb;
let version = 0;
const followUp = (title: string, dueAt: number, doneAt: number | null = null, ownerId = me) => ({ id: ulid(), teamId, ownerId, createdAt: 1, updatedAt: 1, deletedAt: null, version: ++version, kind: 'call', title, dueAt, doneAt, outcome: null, contactId: null, dealId: null });

beforeEach(async () => {
  db = new AppDb(`windows-${ulid()}`);
  await db.open();
  const rows = [
    followUp('yesterday', now - 20 * H),
    followUp('this morning', now - H),
    followUp('done this morning', now - 2 * H, now),
    followUp('tonight', now + 11 * H), // 21:00 Shanghai
    followUp('after midnight', now + 15 * H), // 01:00 tomorrow in Shanghai
    followUp('next week', now + 7 * 24 * H, null, ulid()),
  ];
  await applyPulled(db, rows.map((row) => ({ entity: 'followUp' as const, row: row as never })), version);
});
afterEach(() => db.delete());

const titles = async (due: 'overdue' | 'today' | 'upcoming', ownerId: string | null = null, zone = 'Asia/Shanghai') =>
  (await pageLive<{ title: string }>(db, 'followUp', ownerId, 0, 50, dueWindow(due, now, zone))).map((f) => f.title);

describe('follow-up lists: overdue, today, upcoming', () => {
  it('split open follow-ups by the user’s own day, done ones in none of them', async () => {
    expect(await titles('overdue')).toEqual(['yesterday', 'this morning']);
    expect(await titles('today')).toEqual(['tonight']);
    expect(await titles('upcoming')).toEqual(['after midnight', 'next week']);
    expect(await countLive(db, 'followUp', null, dueWindow('upcoming', now, 'Asia/Shanghai'))).toBe(2);
  });

  it('follow the time zone: in London 01:00 Shanghai is still today', async () => {
    expect(await titles('today', null, 'Europe/London')).toEqual(['tonight', 'after midnight']);
  });

  it('combine with the owner filter', async () => {
    expect(await titles('upcoming', me)).toEqual(['after midnight']);
  });
});
