import 'fake-indexeddb/auto';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../extension/db/appDb';
import { staleDeals } from '../../extension/features/lists/listQueries';
import { applyPulled } from '../../extension/sync/syncOnce';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 3);
const teamId = ulid();
const me = ulid();
let db: AppDb;
let version = 0;
const meta = (createdAt: number, ownerId = me) => ({ id: ulid(), teamId, ownerId, createdAt, updatedAt: now, deletedAt: null as number | null, version: ++version });
const deal = (title: string, createdAt: number, stageId = 'quote', ownerId = me) => ({ ...meta(createdAt, ownerId), ...NEW_DEAL_DEFAULTS, title, companyId: null, contactId: null, stageId, currency: 'CNY' });
const activity = (dealId: string, occurredAt: number) => ({ ...meta(occurredAt), kind: 'call', occurredAt, recordedAt: occurredAt, subject: 'x', body: '', sourceUrl: null, dealId, contactId: null, companyId: null });

beforeEach(async () => {
  db = new AppDb(`stale-${ulid()}`);
  await db.open();
});
afterEach(() => db.delete());

describe('stale deals in the deals tab', () => {
  it('lists open deals without activity for N days, most idle first; an edit does not count, an activity does; won deals never', async () => {
    const idle = deal('idle 30 days', now - 30 * DAY);
    const edited = deal('edited yesterday, no activity for 20 days', now - 20 * DAY);
    const called = deal('old but called 2 days ago', now - 60 * DAY);
    const won = deal('won long ago', now - 90 * DAY, 'payment');
    const young = deal('created 3 days ago', now - 3 * DAY);
    const colleagues = deal('a colleague’s idle deal', now - 40 * DAY, 'quote', ulid());
    await applyPulled(db, [idle, edited, called, won, young, colleagues].map((row) => ({ entity: 'deal' as const, row: row as never })), version);
    await applyPulled(db, [{ entity: 'activity' as const, row: activity(called.id, now - 2 * DAY) as never }, { entity: 'activity' as const, row: activity(idle.id, now - 30 * DAY) as never }], version);
    const open = new Set(['lead', 'first_visit', 'needs', 'proposal', 'quote', 'contract']);
    const titles = async (ownerId: string | null) => (await staleDeals<{ title: string }>(db, ownerId, open, now, 14)).map((d) => d.title);
    expect(await titles(null)).toEqual(['a colleague’s idle deal', 'idle 30 days', 'edited yesterday, no activity for 20 days']);
    expect(await titles(me)).toEqual(['idle 30 days', 'edited yesterday, no activity for 20 days']);
  });
});
