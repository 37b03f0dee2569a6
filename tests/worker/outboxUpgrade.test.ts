import 'fake-indexeddb/auto';
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AppDb } from '../../extension/db/appDb';
import { createApiClient } from '../../extension/sync/apiClient';
import { syncOnce } from '../../extension/sync/syncOnce';
import { writeV1Database } from '../fixtures/dexie/v1';
import { pullAll, seedTeam } from './helpers';

describe('extension update with an unsent outbox', () => {
  it('opens a v1 database, keeps its outbox and cache, and syncs every entry once', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const { pages, rows } = await pullAll(rep.token);
    const company = rows.find((r) => r.entity === 'company' && r.row.ownerId === rep.userId)!.row;
    const fixture = await writeV1Database(`upgrade-${team.teamId}`, { id: rep.userId, teamId: team.teamId }, company, pages.at(-1)!.cursor);

    const db = new AppDb(`upgrade-${team.teamId}`);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.pendingOutbox(100)).toHaveLength(3);
    expect((await db.contact.get(fixture.contactId))?.name).toBe('离线时录入');

    const api = createApiClient('https://api.test', rep.token, (input, init) => SELF.fetch(new Request(input as RequestInfo, init)));
    const report = await syncOnce(db, api, '01KB00000000000000000000C1');
    expect(report).toMatchObject({ pushed: 3, rejected: 0 });
    expect(await db.outbox.count()).toBe(0);

    for (const id of fixture.mutationIds) {
      expect(await env.DB.prepare("SELECT count(*) AS n FROM applied_mutations WHERE id = ? AND status = 'applied'").bind(id).first('n')).toBe(1);
    }
    expect(await db.contact.get(fixture.contactId)).toMatchObject({ name: '离线时录入', emails: ['offline@v1.example'] });
    expect((await db.contact.get(fixture.contactId))!.version).toBeGreaterThan(0);
    expect(await db.deal.get(fixture.dealId)).toMatchObject({ title: 'v1 deal', stageId: 'lead' });
    expect((await db.company.get(company.id))!.industry).toBe('升级前修改');
    db.close();
  });
});
