import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../../shared/api/audit';
import { api, newContact, pushOk, seedTeam } from './helpers';

const history = async (token: string, entity: string, id: string) => api(`/api/audit/${entity}/${id}`, { token });

describe('audit log', () => {
  it('records every applied change with actor, device, time and each changed field old → new', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const contact = newContact({ name: '李雷', title: '采购' });
    await pushOk(rep.token, [contact]);
    await pushOk(rep.token, [{ id: ulid(), entity: 'contact', op: 'update', recordId: contact.recordId, at: Date.now(), fields: { title: '采购总监', name: '李雷' } } as never]);
    // Writing the same value again is not a change and leaves no entry.
    await pushOk(rep.token, [{ id: ulid(), entity: 'contact', op: 'update', recordId: contact.recordId, at: Date.now(), fields: { title: '采购总监' } } as never]);
    await pushOk(team.token('manager'), [{ id: ulid(), entity: 'contact', op: 'delete', recordId: contact.recordId, at: Date.now() } as never]);

    const res = await history(rep.token, 'contact', contact.recordId);
    expect(res.status).toBe(200);
    const { entries } = await res.json<AuditPage>();
    expect(entries.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    const [deleted, updated, created] = entries;
    expect(updated!.detail!.changes).toEqual({ title: { from: '采购', to: '采购总监' } });
    expect(updated).toMatchObject({ actorId: rep.userId, deviceId: expect.any(String), deviceLabel: expect.any(String) });
    expect(created!.detail!.changes).toMatchObject({ name: { from: null, to: '李雷' }, ownerId: { from: null, to: rep.userId } });
    expect(deleted!.detail!.changes!.deletedAt).toMatchObject({ from: null, to: expect.any(Number) });
    expect(deleted!.actorId).toBe(team.logins.find((l) => l.role === 'manager')!.userId);
  });

  it('is append-only: the database refuses to rewrite or remove an entry', async () => {
    const team = await seedTeam();
    await pushOk(team.token('rep'), [newContact()]);
    await expect(env.DB.prepare('UPDATE audit_log SET action = ? WHERE team_id = ?').bind('update', team.teamId).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE team_id = ?').bind(team.teamId).run()).rejects.toThrow(/append-only/);
    // And the API has no way to: only GET is routed.
    for (const method of ['DELETE', 'PATCH', 'PUT', 'POST']) expect((await api('/api/audit', { method, token: team.token('admin') })).status).toBe(404);
  });

  it("managers filter the team's log by person, entity and time and page through it; reps may not read it", async () => {
    const team = await seedTeam();
    const reps = team.logins.filter((l) => l.role === 'rep');
    const start = Date.now();
    await pushOk(reps[0]!.token, [newContact({ name: 'A1' }), newContact({ name: 'A2' }), newContact({ name: 'A3' })]);
    await pushOk(reps[1]!.token, [newContact({ name: 'B1' })]);
    const manager = team.token('manager');
    const byFirst = await (await api(`/api/audit?actorId=${reps[0]!.userId}&entity=contact&from=${start}`, { token: manager })).json<AuditPage>();
    expect(byFirst.entries.map((e) => (e.detail!.changes!.name as { to: string }).to).sort()).toEqual(['A1', 'A2', 'A3']);
    const page1 = await (await api(`/api/audit?from=${start}&limit=2`, { token: manager })).json<AuditPage>();
    expect(page1.entries).toHaveLength(2);
    const page2 = await (await api(`/api/audit?from=${start}&limit=2&before=${page1.nextBefore}`, { token: manager })).json<AuditPage>();
    expect(page2.entries).toHaveLength(2);
    expect(page2.nextBefore).toBeNull();
    expect(new Set([...page1.entries, ...page2.entries].map((e) => e.id)).size).toBe(4);
    const future = await (await api(`/api/audit?from=${Date.now() + 60_000}`, { token: manager })).json<AuditPage>();
    expect(future.entries).toEqual([]);
    expect((await api('/api/audit', { token: reps[0]!.token })).status).toBe(403);
    expect((await api('/api/audit?entity=nonsense', { token: manager })).status).toBe(400);
  });

  it("a record's history is shown only to those who may see the record", async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const [first, second] = team.logins.filter((l) => l.role === 'rep');
    const contact = newContact();
    await pushOk(first!.token, [contact]);
    expect((await history(first!.token, 'contact', contact.recordId)).status).toBe(200);
    expect((await history(team.token('manager'), 'contact', contact.recordId)).status).toBe(200);
    expect((await history(second!.token, 'contact', contact.recordId)).status).toBe(404);
    expect((await history(other.token('admin'), 'contact', contact.recordId)).status).toBe(404);
    expect((await history(first!.token, 'contact', 'not-a-ulid')).status).toBe(400);
  });
});
