import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { api, newContact, pullAll, pushOk, seedTeam } from './helpers';

const DAY = 86_400_000;

describe('reassigning a record', () => {
  it('moves it from one rep to another: the old owner pulls a removal, the new one the row', async () => {
    const team = await seedTeam();
    const [lilei, emma] = team.logins.filter((l) => l.role === 'rep');
    const create = newContact({ name: '交接客户' });
    await pushOk(lilei!.token, [create]);
    const before = await pullAll(lilei!.token);
    const cursor = before.pages.at(-1)!.cursor;
    expect(before.rows.map((r) => r.row.id)).toContain(create.recordId);

    const { results } = await pushOk(team.token('manager'), [{ id: ulid(), entity: 'contact', op: 'reassign', recordId: create.recordId, at: Date.now(), ownerId: emma!.userId }]);
    expect(results[0]!.status).toBe('applied');

    const res = await api(`/api/sync/pull?cursor=${cursor}`, { token: lilei!.token });
    const page = await res.json<{ changes: { removedId?: string; entity: string }[] }>();
    expect(page.changes).toEqual([expect.objectContaining({ entity: 'contact', removedId: create.recordId })]);
    const emmaView = await pullAll(emma!.token);
    expect(emmaView.rows.find((r) => r.row.id === create.recordId)?.row.ownerId).toBe(emma!.userId);

    // Handing it back: the re-grant comes after the removal, so the row wins.
    await pushOk(team.token('manager'), [{ id: ulid(), entity: 'contact', op: 'reassign', recordId: create.recordId, at: Date.now(), ownerId: lilei!.userId }]);
    const again = await pullAll(lilei!.token);
    const items = again.pages.flatMap((p) => p.changes);
    const last = items.filter((i) => ('removedId' in i ? i.removedId : i.row.id) === create.recordId).at(-1)!;
    expect('row' in last && last.row.ownerId).toBe(lilei!.userId);
  });

  it('is refused to reps, and to an owner outside the team', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const [lilei, emma] = team.logins.filter((l) => l.role === 'rep');
    const create = newContact();
    await pushOk(lilei!.token, [create]);
    const byRep = await pushOk(lilei!.token, [{ id: ulid(), entity: 'contact', op: 'reassign', recordId: create.recordId, at: Date.now(), ownerId: emma!.userId }]);
    expect(byRep.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden', field: 'ownerId' } });
    const outsider = await pushOk(team.token('manager'), [{ id: ulid(), entity: 'contact', op: 'reassign', recordId: create.recordId, at: Date.now(), ownerId: other.logins[2]!.userId }]);
    expect(outsider.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'ownerId' } });
  });
});

describe('tombstone retention', () => {
  it('purges old tombstones on cron and sends older cursors to a full resync', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const create = newContact();
    await pushOk(rep, [create, newContact()]);
    const { pages } = await pullAll(rep);
    const oldCursor = pages.at(-1)!.cursor;
    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'delete', recordId: create.recordId, at: Date.now() }]);

    const run = async (at: number) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run(Date.now());
    expect(await env.DB.prepare('SELECT count(*) AS n FROM contacts WHERE id = ?').bind(create.recordId).first('n')).toBe(1);
    expect((await api(`/api/sync/pull?cursor=${oldCursor}`, { token: rep })).status).toBe(200);

    await run(Date.now() + 91 * DAY);
    await run(Date.now() + 91 * DAY); // at-least-once: a repeat changes nothing
    expect(await env.DB.prepare('SELECT count(*) AS n FROM contacts WHERE id = ?').bind(create.recordId).first('n')).toBe(0);
    const stale = await api(`/api/sync/pull?cursor=${oldCursor}`, { token: rep });
    expect(stale.status).toBe(410);
    expect((await stale.json<{ error: { code: string } }>()).error.code).toBe('resync_required');
    const fresh = await pullAll(rep);
    expect(fresh.rows.map((r) => r.row.id)).not.toContain(create.recordId);
  });
});

describe('stage history', () => {
  const deal = (fields: Record<string, unknown> = {}) => ({
    id: ulid(),
    entity: 'deal' as const,
    op: 'create' as const,
    recordId: ulid(),
    at: Date.now(),
    fields: { ...NEW_DEAL_DEFAULTS, title: '年度框架', companyId: null, contactId: null, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null, ...fields },
  });

  it("shows the deal's owner a move the manager made, and says who made it", async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const manager = team.logins.find((l) => l.role === 'manager')!;
    const create = deal();
    await pushOk(rep.token, [create]);
    await pushOk(manager.token, [{ id: ulid(), entity: 'deal', op: 'update', recordId: create.recordId, at: Date.now(), fields: { stageId: 'lost', lostReason: '预算取消' } }]);
    const history = (await pullAll(rep.token)).rows.filter((r) => r.entity === 'stageChange' && (r.row as { dealId?: string }).dealId === create.recordId).map((r) => r.row as { fromStageId: string | null; toStageId: string; ownerId: string; changedBy: string });
    expect(history.map((h) => [h.fromStageId, h.toStageId])).toEqual([
      [null, 'lead'],
      ['lead', 'lost'],
    ]);
    expect(history.every((h) => h.ownerId === rep.userId)).toBe(true);
    expect(history[1]!.changedBy).toBe(manager.userId);
  });

  it('follows the deal when it is reassigned: the new owner pulls it, the old one a removal', async () => {
    const team = await seedTeam();
    const [lilei, emma] = team.logins.filter((l) => l.role === 'rep');
    const create = deal();
    await pushOk(lilei!.token, [create, { id: ulid(), entity: 'deal', op: 'update', recordId: create.recordId, at: Date.now(), fields: { stageId: 'lost', lostReason: '预算取消' } }]);
    const cursor = (await pullAll(lilei!.token)).pages.at(-1)!.cursor;
    const { results } = await pushOk(team.token('manager'), [{ id: ulid(), entity: 'deal', op: 'reassign', recordId: create.recordId, at: Date.now(), ownerId: emma!.userId }]);
    expect(results[0]!.status).toBe('applied');

    const emmaHistory = (await pullAll(emma!.token)).rows.filter((r) => r.entity === 'stageChange' && r.row.dealId === create.recordId);
    expect(emmaHistory).toHaveLength(2);
    const page = await (await api(`/api/sync/pull?cursor=${cursor}`, { token: lilei!.token })).json<{ changes: { entity: string; removedId?: string }[] }>();
    expect(page.changes.filter((c) => c.removedId).map((c) => c.entity).sort()).toEqual(['deal', 'stageChange', 'stageChange']);
  });
});
