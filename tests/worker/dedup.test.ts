import { describe, expect, it } from 'vitest';
import { api, seedTeam } from './helpers';

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
});
