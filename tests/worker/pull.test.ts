import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { api, newContact, pullAll, pushOk, seedTeam } from './helpers';

describe('GET /api/sync/pull', () => {
  it('pages through more rows than one page holds, losing and repeating nothing', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const created: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const mutations = Array.from({ length: 100 }, () => newContact());
      created.push(...mutations.map((m) => m.recordId));
      await pushOk(rep, mutations);
    }
    const { pages, rows } = await pullAll(rep, 70);
    expect(pages.length).toBeGreaterThan(4);
    const ids = rows.map((r) => r.row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(created));
    const versions = rows.map((r) => r.row.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(pages.at(-1)!.hasMore).toBe(false);
  });

  it('uses the same number of D1 queries whatever the page size', async () => {
    const team = await seedTeam();
    const manager = team.token('manager');
    await pushOk(manager, Array.from({ length: 60 }, () => newContact()));
    const small = await api('/api/sync/pull?cursor=0&limit=5', { token: manager });
    const large = await api('/api/sync/pull?cursor=0&limit=1000', { token: manager });
    expect(small.headers.get('x-d1-queries')).toBe(large.headers.get('x-d1-queries'));
  });

  it('shows a rep their own rows plus the company directory, and a manager the whole team', async () => {
    const team = await seedTeam();
    const lileiId = team.logins.find((l) => l.role === 'rep')!.userId;
    const { rows: repRows } = await pullAll(team.token('rep', 0));
    const { rows: managerRows } = await pullAll(team.token('manager'));
    expect(repRows.filter((r) => r.entity === 'company')).toHaveLength(team.rows.companies.length);
    expect(repRows.filter((r) => r.entity !== 'company').every((r) => r.row.ownerId === lileiId)).toBe(true);
    expect(repRows.filter((r) => r.entity === 'contact')).toHaveLength(2);
    expect(managerRows.filter((r) => r.entity === 'contact')).toHaveLength(team.rows.contacts.length);
    expect(managerRows.filter((r) => r.entity === 'deal')).toHaveLength(team.rows.deals.length);
  });

  it("never returns another team's rows", async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const { rows } = await pullAll(ours.token('admin'));
    expect(rows.every((r) => r.row.teamId === ours.teamId)).toBe(true);
    expect(rows.map((r) => r.row.id)).not.toContain(theirs.rows.contacts[0]!.id);
  });

  it('returns tombstones after a cursor', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const create = newContact();
    await pushOk(rep, [create]);
    const { pages } = await pullAll(rep);
    const cursor = pages.at(-1)!.cursor;
    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'delete', recordId: create.recordId, at: Date.now() }]);
    const res = await api(`/api/sync/pull?cursor=${cursor}`, { token: rep });
    const page = await res.json<{ changes: { row: { id: string; deletedAt: number | null } }[] }>();
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]!.row).toMatchObject({ id: create.recordId });
    expect(page.changes[0]!.row.deletedAt).toBeTypeOf('number');
  });

  it('names a bad cursor', async () => {
    const team = await seedTeam();
    const res = await api('/api/sync/pull?cursor=-4', { token: team.token('rep') });
    expect(res.status).toBe(400);
    expect((await res.json<{ error: { message: string } }>()).error.message).toMatch(/cursor/);
  });
});

describe('scheduled()', () => {
  it('records that the cron ran', async () => {
    const controller = createScheduledController({ cron: '*/15 * * * *', scheduledTime: Date.now() });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    const run = await env.DB.prepare('SELECT cron FROM cron_runs ORDER BY id DESC LIMIT 1').first('cron');
    expect(run).toBe('*/15 * * * *');
  });
});
