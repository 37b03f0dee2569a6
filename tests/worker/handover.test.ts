import { env } from 'cloudflare:test';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { HandoverCounts, HandoverResult } from '../../shared/api/handover';
import type { Mutation } from '../../shared/api/sync';
import { api, newContact, pullAll, pushOk, seedTeam } from './helpers';

const post = (path: string, token: string, body: unknown) => api(path, { method: 'POST', token, body: JSON.stringify(body) });

/** A contact of the rep with a deal, an open and a done follow-up, and an activity. */
function customer(): { contact: Mutation; rest: Mutation[]; ids: Record<"contact" | "deal" | "open" | "done" | "activity", string> } {
  const contact = newContact({ name: `客户-${ulid().slice(-5)}` });
  const at = Date.now();
  const deal = { id: ulid(), entity: 'deal', op: 'create', recordId: ulid(), at, fields: { ...NEW_DEAL_DEFAULTS, title: '年度采购', companyId: null, contactId: contact.recordId, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null } };
  const open = { id: ulid(), entity: 'followUp', op: 'create', recordId: ulid(), at, fields: { kind: 'call', title: '回电', dueAt: at + 86_400_000, doneAt: null, outcome: null, contactId: contact.recordId, dealId: null } };
  const done = { id: ulid(), entity: 'followUp', op: 'create', recordId: ulid(), at, fields: { kind: 'call', title: '已完成', dueAt: at - 86_400_000, doneAt: at, outcome: '谈妥', contactId: contact.recordId, dealId: null } };
  const activity = { id: ulid(), entity: 'activity', op: 'create', recordId: ulid(), at, fields: { kind: 'call', occurredAt: at, subject: null, body: '首次通话', sourceUrl: null, contactId: contact.recordId, dealId: deal.recordId, companyId: null } };
  return { contact, rest: [deal, open, done, activity] as Mutation[], ids: <Record<"contact" | "deal" | "open" | "done" | "activity", string>>{ contact: contact.recordId, deal: deal.recordId, open: open.recordId, done: done.recordId, activity: activity.recordId } };
}

describe('handover', () => {
  it('previews, then moves chosen contacts with their deals, open follow-ups and activities; done follow-ups stay', async () => {
    const team = await seedTeam();
    const [from, to] = team.logins.filter((l) => l.role === 'rep');
    const chosen = customer();
    const kept = customer();
    for (const c of [chosen, kept]) await pushOk(from!.token, [c.contact, ...c.rest]);
    await pullAll(to!.token);
    const fromBefore = await pullAll(from!.token);
    const manager = team.token('manager');
    const request = { fromUserId: from!.userId, toUserId: to!.userId, contactIds: [chosen.ids.contact] };

    const preview = await post('/api/team/handover/preview', manager, request);
    expect(await preview.json<HandoverCounts>()).toEqual({ company: 0, contact: 1, deal: 1, followUp: 1, activity: 1 });
    const res = await post('/api/team/handover', manager, request);
    expect(await res.json<HandoverResult>()).toEqual({ moved: { company: 0, contact: 1, deal: 1, followUp: 1, activity: 1 }, rejected: 0 });

    // The new owner's devices receive them; the old owner's drop them on their next pull.
    const toRows = new Set((await pullAll(to!.token)).rows.map((r) => r.row.id));
    for (const id of [chosen.ids.contact, chosen.ids.deal, chosen.ids.open, chosen.ids.activity]) expect(toRows.has(id)).toBe(true);
    expect(toRows.has(chosen.ids.done)).toBe(false);
    const cursor = fromBefore.pages.at(-1)!.cursor;
    const delta = await (await api(`/api/sync/pull?cursor=${cursor}`, { token: from!.token })).json<{ changes: { removedId?: string }[] }>();
    // History stays with the deal: its stage history moved too; the done follow-up is still the old owner's.
    const { results } = await env.DB.prepare('SELECT id, owner_id AS ownerId FROM stage_changes WHERE deal_id = ?').bind(chosen.ids.deal).all<{ id: string; ownerId: string }>();
    expect(results.map((r) => r.ownerId)).toEqual([to!.userId]);
    const dropped = [chosen.ids.contact, chosen.ids.deal, chosen.ids.open, chosen.ids.activity, results[0]!.id];
    expect(delta.changes.map((c) => c.removedId).filter(Boolean).sort()).toEqual(dropped.sort());
    const done = await env.DB.prepare('SELECT owner_id AS ownerId FROM follow_ups WHERE id = ?').bind(chosen.ids.done).first<{ ownerId: string }>();
    expect(done!.ownerId).toBe(from!.userId);
    // The untouched customer stays; the handover is in the log, once, with its counts.
    const still = await env.DB.prepare('SELECT owner_id AS ownerId FROM contacts WHERE id = ?').bind(kept.ids.contact).first<{ ownerId: string }>();
    expect(still!.ownerId).toBe(from!.userId);
    const log = await env.DB.prepare("SELECT detail FROM audit_log WHERE team_id = ? AND action = 'handover'").bind(team.teamId).all<{ detail: string }>();
    expect(log.results.map((r) => JSON.parse(r.detail).note.counts.contact)).toEqual([1]);
  });

  it('"all" moves everything the member owns; a repeat finds nothing left', async () => {
    const team = await seedTeam();
    const [from, to] = team.logins.filter((l) => l.role === 'rep');
    const manager = team.token('manager');
    const request = { fromUserId: from!.userId, toUserId: to!.userId };
    const preview = await (await post('/api/team/handover/preview', manager, request)).json<HandoverCounts>();
    expect(preview.contact).toBeGreaterThan(0);
    const result = await (await post('/api/team/handover', manager, request)).json<HandoverResult>();
    expect(result.moved).toEqual(preview);
    expect(await (await post('/api/team/handover/preview', manager, request)).json()).toEqual({ company: 0, contact: 0, deal: 0, followUp: 0, activity: 0 });
    const fromRows = (await pullAll(from!.token)).rows.filter((r) => r.entity !== 'company' && r.row.deletedAt === null && !(r.entity === 'followUp' && r.row.doneAt !== null) && r.entity !== 'stageChange');
    expect(fromRows).toEqual([]);
  });

  it('refuses reps, unknown or other-team members, a disabled receiver and the same member twice', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const [from, to] = team.logins.filter((l) => l.role === 'rep');
    const manager = team.token('manager');
    expect((await post('/api/team/handover', from!.token, { fromUserId: from!.userId, toUserId: to!.userId })).status).toBe(403);
    const foreign = await post('/api/team/handover', manager, { fromUserId: other.logins[0]!.userId, toUserId: to!.userId });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: { details: { field: 'fromUserId' } } });
    const same = await post('/api/team/handover/preview', manager, { fromUserId: from!.userId, toUserId: from!.userId });
    expect(same.status).toBe(400);
    expect(JSON.stringify(await same.json())).toContain('toUserId');
    await api(`/api/team/members/${to!.userId}`, { method: 'PATCH', token: team.token('admin'), body: JSON.stringify({ disabled: true }) });
    expect((await post('/api/team/handover', manager, { fromUserId: from!.userId, toUserId: to!.userId })).status).toBe(409);
  });
});
