import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../shared/api/claims';
import { api, newContact, pullAll, pushOk, seedTeam } from './helpers';

const post = (path: string, token: string, body: unknown) => api(path, { method: 'POST', token, body: JSON.stringify(body) });
const list = async (token: string) => (await (await api('/api/claims', { token })).json<{ claims: Claim[] }>()).claims;

describe('撞单: asking for a teammate’s customer', () => {
  it('a rep whose lead hits a teammate’s contact asks for it; the owner declines with a reason; a manager approves a second request', async () => {
    const team = await seedTeam();
    const [owner, asker] = team.logins.filter((l) => l.role === 'rep');
    const email = `buyer-${ulid().toLowerCase()}@example.cn`;
    const existing = newContact({ name: '王采购', emails: [email] });
    await pushOk(owner!.token, [existing]);
    // The rep's own lead with the same email is refused as a conflict naming the owner…
    const twin = await pushOk(asker!.token, [newContact({ name: '王采购', emails: [email] })]);
    expect(twin.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict', existing: { id: existing.recordId, ownerId: owner!.userId } } });

    // …so they ask for it instead. Two clicks at the same instant make one request.
    const asks = await Promise.all([post('/api/claims', asker!.token, { contactId: existing.recordId, note: '客户主动联系我' }), post('/api/claims', asker!.token, { contactId: existing.recordId })]);
    expect(asks.map((r) => r.status).sort()).toEqual([201, 409]);
    const [request] = await list(asker!.token);
    expect(request).toMatchObject({ status: 'open', contactName: null, requesterId: asker!.userId, ownerId: owner!.userId });
    // The owner and the managers see it, with the customer's name.
    expect((await list(owner!.token)).map((c) => c.contactName)).toEqual(['王采购']);
    expect((await list(team.token('manager'))).map((c) => c.id)).toContain(request!.id);

    const noReason = await post(`/api/claims/${request!.id}/decide`, owner!.token, { decision: 'decline', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await noReason.json())).toContain('reason');
    // The requester cannot decide their own request.
    expect((await post(`/api/claims/${request!.id}/decide`, asker!.token, { decision: 'approve' })).status).toBe(404);
    const declined = await post(`/api/claims/${request!.id}/decide`, owner!.token, { decision: 'decline', reason: '下周签约' });
    expect(await declined.json()).toMatchObject({ status: 'declined', reason: '下周签约' });
    expect((await list(asker!.token))[0]).toMatchObject({ status: 'declined', reason: '下周签约' });

    // Asked again: approve and decline at the same instant, one wins; approved, the customer moves.
    const again = await (await post('/api/claims', asker!.token, { contactId: existing.recordId })).json<Claim>();
    const decisions = await Promise.all([
      post(`/api/claims/${again.id}/decide`, team.token('manager'), { decision: 'approve' }),
      post(`/api/claims/${again.id}/decide`, owner!.token, { decision: 'decline', reason: '不行' }),
    ]);
    expect(decisions.map((r) => r.status).sort()).toEqual([200, 409]);
    const outcome = (await list(asker!.token)).find((c) => c.id === again.id)!;
    const askerRows = new Set((await pullAll(asker!.token)).rows.map((r) => r.row.id));
    if (outcome.status === 'approved') {
      expect(outcome.contactName).toBe('王采购');
      expect(askerRows.has(existing.recordId)).toBe(true);
    } else {
      expect(outcome.status).toBe('declined');
      expect(askerRows.has(existing.recordId)).toBe(false);
    }
  });

  it('refuses asking for one’s own, a deleted or another team’s customer', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const mine = newContact();
    await pushOk(rep.token, [mine]);
    expect((await post('/api/claims', rep.token, { contactId: mine.recordId })).status).toBe(403);
    const theirs = newContact();
    await pushOk(other.token('rep'), [theirs]);
    expect((await post('/api/claims', rep.token, { contactId: theirs.recordId })).status).toBe(404);
    await pushOk(rep.token, [{ id: ulid(), entity: 'contact', op: 'delete', recordId: mine.recordId, at: Date.now() } as never]);
    expect((await post('/api/claims', team.token('manager'), { contactId: mine.recordId })).status).toBe(404);
    expect((await post('/api/claims', rep.token, { contactId: 'nope' })).status).toBe(400);
  });
});
