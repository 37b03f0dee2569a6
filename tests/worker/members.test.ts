import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../shared/api/me';
import { addDeviceToken, api, newContact, pullAll, pushOk, seedTeam } from './helpers';

const patch = (token: string, id: string, body: unknown) => api(`/api/team/members/${id}`, { method: 'PATCH', token, body: JSON.stringify(body) });

/** A second live token for a user, as if they signed in on another device. */

/** Makes another admin in the team (an existing rep promoted straight in D1, for setup). */
async function promote(userId: string): Promise<void> {
  await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(userId).run();
}

describe('team members', () => {
  it('an admin disables a rep: every token of theirs stops at once, their records stay and show them as disabled', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const second = await addDeviceToken(rep.userId, team.teamId);
    const created = newContact({ name: '禁用后仍在', emails: [`kept-${ulid().toLowerCase()}@example.cn`] });
    await pushOk(rep.token, [created]);

    const res = await patch(team.token('admin'), rep.userId, { disabled: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: rep.userId, disabledAt: expect.any(Number) });
    for (const token of [rep.token, second]) expect((await api('/api/me', { token })).status).toBe(401);

    const me = await (await api('/api/me', { token: team.token('manager') })).json<Me>();
    expect(me.members.find((m) => m.id === rep.userId)).toMatchObject({ disabledAt: expect.any(Number) });
    const { rows } = await pullAll(team.token('manager'));
    expect(rows.find((r) => r.row.id === created.recordId)?.row).toMatchObject({ ownerId: rep.userId });
    // Their email still blocks a twin.
    const twin = newContact({ name: '双胞胎', emails: [(created as { fields: { emails: string[] } }).fields.emails[0]!] });
    const answer = await pushOk(team.token('manager'), [twin]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });
    // Nobody can give them records while disabled.
    const reassign = await pushOk(team.token('manager'), [{ id: ulid(), entity: 'contact', op: 'reassign', recordId: twin.recordId, at: Date.now(), ownerId: rep.userId } as never]);
    expect(reassign.results[0]).toMatchObject({ status: 'rejected' });

    // Enabled again, they sign in afresh: the old tokens stay revoked.
    expect((await patch(team.token('admin'), rep.userId, { disabled: false })).status).toBe(200);
    expect((await api('/api/me', { token: rep.token })).status).toBe(401);
  });

  it('changes a role; the member then sees what the new role sees, starting from a fresh pull', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const before = await pullAll(rep.token);
    const repCursor = before.pages.at(-1)!.cursor;
    const asRep = before.rows.filter((r) => r.entity === 'contact').length;

    const res = await patch(team.token('admin'), rep.userId, { role: 'manager' });
    expect(await res.json()).toMatchObject({ role: 'manager' });
    // The old cursor no longer serves: rows the rep could not see are older than it.
    const stale = await api(`/api/sync/pull?cursor=${repCursor}`, { token: rep.token });
    expect(stale.status).toBe(410);
    expect(await stale.json()).toMatchObject({ error: { code: 'resync_required' } });
    const after = await pullAll(rep.token);
    expect(after.rows.filter((r) => r.entity === 'contact').length).toBeGreaterThan(asRep);
    // Once resynced, the new cursor is current: the next pull is a normal, empty delta.
    const next = await api(`/api/sync/pull?cursor=${after.pages.at(-1)!.cursor}`, { token: rep.token });
    expect(next.status).toBe(200);
    expect((await next.json<{ changes: unknown[] }>()).changes).toEqual([]);
  });

  it('only admins change members; not themselves; other teams’ members are not found', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    expect((await patch(team.token('manager'), rep.userId, { role: 'admin' })).status).toBe(403);
    expect((await patch(rep.token, rep.userId, { role: 'admin' })).status).toBe(403);
    const admin = team.logins.find((l) => l.role === 'admin')!;
    expect((await patch(admin.token, admin.userId, { role: 'rep' })).status).toBe(403);
    expect((await patch(other.token('admin'), rep.userId, { disabled: true })).status).toBe(404);
    const bad = await patch(admin.token, rep.userId, { role: 'owner' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('role');
    expect((await patch(admin.token, rep.userId, {})).status).toBe(400);
  });

  it('two admins disabling each other at the same instant leave exactly one active admin', async () => {
    for (let round = 0; round < 10; round++) {
      const team = await seedTeam();
      const first = team.logins.find((l) => l.role === 'admin')!;
      const second = team.logins.find((l) => l.role === 'manager')!;
      await promote(second.userId);
      const change = round % 2 === 0 ? { disabled: true } : { role: 'rep' };
      const [a, b] = await Promise.all([patch(first.token, second.userId, change), patch(second.token, first.userId, change)]);
      // The loser is refused by the batch's check (409), or, when its request authenticated
      // after the winner's batch, at the door: token revoked (401) or no longer an admin (403).
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([401, 403, 409]).toContain(statuses[1]);
      const { results } = await env.DB.prepare("SELECT COUNT(*) AS n FROM users WHERE team_id = ? AND role = 'admin' AND disabled_at IS NULL").bind(team.teamId).all<{ n: number }>();
      expect(results[0]!.n).toBe(1);
      const audits = await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE team_id = ? AND entity = 'user'").bind(team.teamId).all<{ n: number }>();
      expect(audits.results[0]!.n).toBe(1);
    }
  });
});
