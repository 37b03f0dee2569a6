import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { Mutation } from '../../shared/api/sync';
import { api, newContact, pushOk, seedTeam } from './helpers';

const check = (token: string, body: unknown) => api('/api/dedup/check', { method: 'POST', token, body: JSON.stringify(body) });

describe('POST /api/dedup/check', () => {
  it("finds a colleague's contact by email or phone without revealing who it is to a rep", async () => {
    const team = await seedTeam();
    const res = await check(team.token('rep', 1), { emails: ['zhangwei@yunqi-tech.cn'], phones: ['+8613800138000'] });
    expect(res.status).toBe(200);
    const body = await res.json<{ contacts: { name: string | null; ownerName: string; reasons: string[] }[] }>();
    expect(body.contacts).toEqual([expect.objectContaining({ name: null, ownerName: '李雷', reasons: ['email', 'phone'] })]);
    const asOwner = await (await check(team.token('rep', 0), { emails: ['zhangwei@yunqi-tech.cn'] })).json<{ contacts: { name: string }[] }>();
    expect(asOwner.contacts[0]!.name).toBe('张伟');
  });

  it('finds a company by its name without the legal suffix, or by domain', async () => {
    const team = await seedTeam();
    const body = await (await check(team.token('rep', 1), { companyName: '上海云启信息技术', domain: null })).json<{ companies: { name: string; ownerName: string; reasons: string[] }[] }>();
    expect(body.companies).toEqual([expect.objectContaining({ name: '上海云启信息技术有限公司', ownerName: '李雷', reasons: ['name'] })]);
    const byDomain = await (await check(team.token('rep', 1), { domain: 'https://www.northwind.example/x' })).json<{ companies: { reasons: string[] }[] }>();
    expect(byDomain.companies[0]!.reasons).toEqual(['domain']);
  });

  it("never matches another team's records, and names a bad field", async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    // Both demo teams hold a contact with this email; only our own may come back.
    const body = await (await check(ours.token('manager'), { emails: [theirs.rows.contacts[0]!.emails[0]!] })).json<{ contacts: { id: string }[] }>();
    expect(body.contacts.map((c) => c.id)).toEqual([ours.rows.contacts[0]!.id]);
    const foreignEmail = `only-${theirs.teamId.toLowerCase()}@x.example`;
    expect((await (await check(ours.token('manager'), { emails: [foreignEmail] })).json<{ contacts: unknown[] }>()).contacts).toEqual([]);
    const bad = await check(ours.token('rep'), { emails: ['not-an-email'] });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { message: string } }>()).error.message).toMatch(/emails\.0/);
  });

  it('follows pushes: a new contact is found at once, an edited email moves, a deleted one frees it', async () => {
    const team = await seedTeam();
    const rep = team.token('rep', 0);
    const other = team.token('rep', 1);
    const email = `Wang.Fang+${ulid().toLowerCase()}@Example.CN`;
    const create = newContact({ name: '王芳', emails: [email], phones: ['+8613911112222'] });
    await pushOk(rep, [create]);
    const found = async (body: unknown) => (await (await check(other, body)).json<{ contacts: { id: string; reasons: string[] }[] }>()).contacts;
    // Keys are case-folded, so another spelling of the same address meets it.
    expect(await found({ emails: [email.toLowerCase()], phones: ['+8613911112222'] })).toEqual([expect.objectContaining({ id: create.recordId, reasons: ['email', 'phone'] })]);

    const moved = `moved-${ulid().toLowerCase()}@example.cn`;
    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: Date.now(), fields: { emails: [moved] } } as Mutation]);
    expect(await found({ emails: [email] })).toEqual([]);
    expect((await found({ emails: [moved] })).map((c) => c.id)).toEqual([create.recordId]);

    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'delete', recordId: create.recordId, at: Date.now() } as Mutation]);
    expect(await found({ emails: [moved], phones: ['+8613911112222'] })).toEqual([]);
  });

  it('answers an empty candidate without reading anything, and refuses a phone that is not E.164', async () => {
    const team = await seedTeam();
    const res = await check(team.token('rep'), {});
    expect(await res.json()).toEqual({ contacts: [], companies: [] });
    const bad = await check(team.token('rep'), { phones: ["'; DROP TABLE contacts;--"] });
    expect(bad.status).toBe(400);
    expect((await bad.json<{ error: { field?: string; message: string } }>()).error.message).toMatch(/phones\.0/);
  });
});
