import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { MergeResult } from '../../shared/api/merge';
import type { Mutation } from '../../shared/api/sync';
import { api, newContact, pullAll, push, pushOk, seedTeam } from './helpers';

type Team = Awaited<ReturnType<typeof seedTeam>>;
type Row = Record<string, unknown>;

const tables = { contact: 'contacts', company: 'companies', deal: 'deals', followUp: 'follow_ups', activity: 'activities' } as const;

async function row(entity: keyof typeof tables, id: string): Promise<Row> {
  return (await env.DB.prepare(`SELECT * FROM ${tables[entity]} WHERE id = ?`).bind(id).first<Row>())!;
}

/** A row without what every write changes (version, updated_at), to compare states. */
const content = ({ version, updated_at, ...rest }: Row) => (void version, void updated_at, rest);

function merge(token: string, body: Row) {
  return api('/api/merges', { method: 'POST', token, body: JSON.stringify(body) });
}

async function mergeRequest(entity: 'contact' | 'company', survivorId: string, mergedId: string, fields: Row = {}) {
  return {
    id: ulid(),
    entity,
    survivorId,
    mergedId,
    expectedVersions: { survivor: (await row(entity, survivorId)).version, merged: (await row(entity, mergedId)).version },
    fields,
  };
}

/**
 * 张伟 as the seed has him (a deal, a follow-up, two activities), and a duplicate the rep
 * clipped from his private mail, with its own follow-up, activity and deal.
 */
async function duplicateOfZhang(team: Team) {
  const zhang = team.rows.contacts.find((c) => c.name === '张伟')!;
  const dup = newContact({ name: '张伟 Zhang Wei', emails: ['zhang.wei@gmail.example'], phones: ['+8613700137000'], title: 'Director' });
  const now = Date.now();
  const followUp = { id: ulid(), entity: 'followUp', op: 'create', recordId: ulid(), at: now, fields: { kind: 'call', title: '回电 Zhang', dueAt: now + 86_400_000, doneAt: null, outcome: null, contactId: dup.recordId, dealId: null } };
  const activity = { id: ulid(), entity: 'activity', op: 'create', recordId: ulid(), at: now, fields: { kind: 'email', occurredAt: now, subject: '私人邮箱来信', body: '你好', sourceUrl: null, contactId: dup.recordId, dealId: null, companyId: null } };
  const deal = { id: ulid(), entity: 'deal', op: 'create', recordId: ulid(), at: now, fields: { title: '张伟 私人项目', companyId: null, contactId: dup.recordId, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null } };
  const answers = await pushOk(team.token('rep'), [dup, followUp, activity, deal] as Mutation[]);
  expect(answers.results.every((r) => r.status === 'applied')).toBe(true);
  return { zhang, dupId: dup.recordId, followUpId: followUp.recordId, activityId: activity.recordId, dealId: deal.recordId };
}

async function dedupHits(token: string, email: string): Promise<string[]> {
  const res = await api('/api/dedup/check', { method: 'POST', token, body: JSON.stringify({ emails: [email] }) });
  return ((await res.json()) as { contacts: { id: string }[] }).contacts.map((m) => m.id);
}

describe('merging contacts', () => {
  it('moves everything to the survivor with the picked values, once, and undo puts both back exactly', async () => {
    const team = await seedTeam();
    const { zhang, dupId, followUpId, activityId, dealId } = await duplicateOfZhang(team);
    const before = { zhang: await row('contact', zhang.id), dup: await row('contact', dupId) };
    const request = await mergeRequest('contact', zhang.id, dupId, { emails: ['zhangwei@yunqi-tech.cn', 'zhang.wei@gmail.example'], phones: ['+8613800138000', '+8613700137000'], title: 'Director' });

    const res = await merge(team.token('rep'), request);
    expect(res.status).toBe(200);
    const { merge: done } = (await res.json()) as MergeResult;
    expect(done).toMatchObject({ survivorId: zhang.id, mergedId: dupId, mergedName: '张伟 Zhang Wei', undoneAt: null, moved: { deal: 1, followUp: 1, activity: 1 } });
    expect(done.undoableUntil - done.mergedAt).toBe(30 * 86_400_000);

    expect(await row('contact', zhang.id)).toMatchObject({ emails: '["zhangwei@yunqi-tech.cn","zhang.wei@gmail.example"]', phones: '["+8613800138000","+8613700137000"]', title: 'Director', name: '张伟' });
    expect(await row('contact', dupId)).toMatchObject({ merged_into_id: zhang.id });
    expect((await row('contact', dupId)).deleted_at).not.toBeNull();
    for (const [entity, id] of [['followUp', followUpId], ['activity', activityId], ['deal', dealId]] as const) expect((await row(entity, id)).contact_id).toBe(zhang.id);
    // The seeded deal and follow-up were zhang's already and stay so.
    expect((await row('deal', team.rows.deals[0]!.id)).contact_id).toBe(zhang.id);
    // The duplicate's email now finds 张伟.
    expect(await dedupHits(team.token('rep'), 'zhang.wei@gmail.example')).toEqual([zhang.id]);

    // The rep's other device pulls the merge: moved records, the survivor, the tombstone.
    const { rows } = await pullAll(team.token('rep'));
    expect(rows.find((r) => r.entity === 'contact' && r.row.id === dupId)!.row).toMatchObject({ mergedIntoId: zhang.id });
    expect(rows.find((r) => r.entity === 'followUp' && r.row.id === followUpId)!.row).toMatchObject({ contactId: zhang.id });

    // A repeated request (its answer was lost) merges nothing again.
    const versionBefore = await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first<number>('version');
    const again = await merge(team.token('rep'), request);
    expect(again.status).toBe(200);
    expect(((await again.json()) as MergeResult).merge.id).toBe(done.id);
    expect(await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first<number>('version')).toBe(versionBefore);

    // Audit: the survivor's entry says what changed and what moved.
    const history = (await (await api(`/api/audit/contact/${zhang.id}`, { token: team.token('rep') })).json()) as { entries: { action: string; detail: { changes?: Row; note?: Row } }[] };
    expect(history.entries[0]).toMatchObject({ action: 'merge', detail: { note: { mergedId: dupId, moved: { deal: 1, followUp: 1, activity: 1 } }, changes: { title: { from: '采购总监', to: 'Director' } } } });

    // The merge is listed for both records.
    const listed = (await (await api(`/api/merges?recordId=${zhang.id}`, { token: team.token('rep') })).json()) as { merges: { id: string }[] };
    expect(listed.merges.map((m) => m.id)).toEqual([done.id]);

    const undo = await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('rep') });
    expect(undo.status).toBe(200);
    expect(((await undo.json()) as MergeResult).merge.undoneAt).not.toBeNull();
    expect(content(await row('contact', zhang.id))).toEqual(content(before.zhang));
    expect(content(await row('contact', dupId))).toEqual(content(before.dup));
    for (const [entity, id] of [['followUp', followUpId], ['activity', activityId], ['deal', dealId]] as const) expect((await row(entity, id)).contact_id).toBe(dupId);
    expect(await dedupHits(team.token('rep'), 'zhang.wei@gmail.example')).toEqual([dupId]);

    const twice = await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('rep') });
    expect(twice.status).toBe(409);
  });

  it('refuses when a record changed since the values were picked, and changes nothing', async () => {
    const team = await seedTeam();
    const { zhang, dupId } = await duplicateOfZhang(team);
    const request = await mergeRequest('contact', zhang.id, dupId, { title: 'Director' });
    await pushOk(team.token('rep'), [{ id: ulid(), entity: 'contact', op: 'update', recordId: dupId, at: Date.now(), fields: { title: 'CEO' } }]);
    const before = await row('contact', dupId);

    const res = await merge(team.token('rep'), request);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict', details: { field: 'expectedVersions.merged' } } });
    expect(await row('contact', dupId)).toEqual(before);
    expect((await row('contact', zhang.id)).title).toBe('采购总监');
  });

  it('refuses an email another contact holds, naming the field, and changes nothing', async () => {
    const team = await seedTeam();
    const { zhang, dupId } = await duplicateOfZhang(team);
    const res = await merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId, { emails: ['liuyang@yuanhang-logistics.cn'] }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict', details: { field: 'fields.emails' } } });
    expect((await row('contact', dupId)).deleted_at).toBeNull();
  });

  it('bad requests name the field; another rep or team cannot merge; deleted records are refused', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const { zhang, dupId } = await duplicateOfZhang(team);
    const same = await merge(team.token('rep'), await mergeRequest('contact', zhang.id, zhang.id));
    expect(same.status).toBe(400);
    expect(JSON.stringify(await same.json())).toContain('mergedId');
    const badField = await merge(team.token('rep'), { ...(await mergeRequest('contact', zhang.id, dupId)), fields: { grade: 'A' } });
    expect(badField.status).toBe(400);
    expect(JSON.stringify(await badField.json())).toContain('fields.grade');

    expect((await merge(team.token('rep', 1), await mergeRequest('contact', zhang.id, dupId))).status).toBe(404);
    expect((await merge(other.token('admin'), await mergeRequest('contact', zhang.id, dupId))).status).toBe(404);
    const sarah = team.rows.contacts.find((c) => c.name === 'Sarah Johnson')!;
    expect((await merge(team.token('rep'), await mergeRequest('contact', zhang.id, sarah.id))).status).toBe(404);

    await pushOk(team.token('rep'), [{ id: ulid(), entity: 'contact', op: 'delete', recordId: dupId, at: Date.now() }]);
    const deleted = await merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId));
    expect(deleted.status).toBe(409);
    expect(await deleted.json()).toMatchObject({ error: { code: 'record_deleted', details: { field: 'mergedId' } } });
  });

  it('a device that had not heard of the merge loses nothing: its edits and new links go to the survivor', async () => {
    const team = await seedTeam();
    const { zhang, dupId } = await duplicateOfZhang(team);
    expect((await merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId))).status).toBe(200);

    // Queued offline on the laptop before it pulled the merge.
    const now = Date.now();
    const followUpId = ulid();
    const res = await push(team.token('rep'), [
      { id: ulid(), entity: 'contact', op: 'update', recordId: dupId, at: now, fields: { title: '副总裁' } },
      { id: ulid(), entity: 'followUp', op: 'create', recordId: followUpId, at: now, fields: { kind: 'visit', title: '拜访', dueAt: now, doneAt: null, outcome: null, contactId: dupId, dealId: null } },
      { id: ulid(), entity: 'contact', op: 'restore', recordId: dupId, at: now },
    ]);
    const { results } = (await res.json()) as { results: { status: string; error?: { code: string } }[] };
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    expect(results[2]!.error!.code).toBe('conflict');
    expect((await row('contact', zhang.id)).title).toBe('副总裁');
    expect((await row('followUp', followUpId)).contact_id).toBe(zhang.id);
    expect((await row('contact', dupId)).deleted_at).not.toBeNull();
  });

  it("a manager merging a rep's contact into a teammate's: the rep's queued link follows, the rep's edit is refused as after a reassign", async () => {
    const team = await seedTeam();
    const { dupId } = await duplicateOfZhang(team);
    const sarah = team.rows.contacts.find((c) => c.name === 'Sarah Johnson')!;
    expect((await merge(team.token('manager'), await mergeRequest('contact', sarah.id, dupId))).status).toBe(200);
    const now = Date.now();
    const followUpId = ulid();
    const res = await push(team.token('rep'), [
      { id: ulid(), entity: 'followUp', op: 'create', recordId: followUpId, at: now, fields: { kind: 'call', title: '回电', dueAt: now, doneAt: null, outcome: null, contactId: dupId, dealId: null } },
      { id: ulid(), entity: 'contact', op: 'update', recordId: dupId, at: now, fields: { title: 'CFO' } },
    ]);
    const { results } = (await res.json()) as { results: { status: string; error?: { code: string } }[] };
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(results[1]!.error!.code).toBe('not_found');
    expect((await row('followUp', followUpId)).contact_id).toBe(sarah.id);
    expect((await row('contact', sarah.id)).title).toBe('Head of Procurement');
  });

  it('undo keeps what changed since: a survivor field edited after the merge, a record moved elsewhere', async () => {
    const team = await seedTeam();
    const { zhang, dupId, followUpId, activityId } = await duplicateOfZhang(team);
    const { merge: done } = (await (await merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId, { title: 'Director', phones: ['+8613700137000'] }))).json()) as MergeResult;
    const liu = team.rows.contacts.find((c) => c.name === '刘洋')!;
    await pushOk(team.token('rep'), [
      { id: ulid(), entity: 'contact', op: 'update', recordId: zhang.id, at: Date.now(), fields: { title: '总经理' } },
      { id: ulid(), entity: 'followUp', op: 'update', recordId: followUpId, at: Date.now(), fields: { contactId: liu.id } },
    ]);
    expect((await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('rep') })).status).toBe(200);
    const survivor = await row('contact', zhang.id);
    expect(survivor.title).toBe('总经理'); // edited since: kept
    expect(survivor.phones).toBe('["+8613800138000"]'); // only changed by the merge: back
    expect((await row('followUp', followUpId)).contact_id).toBe(liu.id);
    expect((await row('activity', activityId)).contact_id).toBe(dupId);
  });

  it('cannot be undone after 30 days, nor by a rep who cannot see the records', async () => {
    const team = await seedTeam();
    const { zhang, dupId } = await duplicateOfZhang(team);
    const { merge: done } = (await (await merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId))).json()) as MergeResult;
    expect((await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('rep', 1) })).status).toBe(404);
    await env.DB.prepare('UPDATE merges SET merged_at = merged_at - ? WHERE id = ?').bind(31 * 86_400_000, done.id).run();
    const late = await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('manager') });
    expect(late.status).toBe(409);
    expect(JSON.stringify(await late.json())).toContain('30 days');
  });

  it('two merges of the same record at the same instant: one lands, the other is told', async () => {
    for (let round = 0; round < 5; round++) {
      const team = await seedTeam();
      const { zhang, dupId } = await duplicateOfZhang(team);
      const liu = team.rows.contacts.find((c) => c.name === '刘洋')!;
      const [a, b] = await Promise.all([
        merge(team.token('rep'), await mergeRequest('contact', zhang.id, dupId)),
        merge(team.token('manager'), await mergeRequest('contact', liu.id, dupId)),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const into = (await row('contact', dupId)).merged_into_id;
      expect(into).toBe(a.status === 200 ? zhang.id : liu.id);
      const moved = await env.DB.prepare('SELECT count(*) AS n FROM follow_ups WHERE contact_id = ? AND id IN (SELECT id FROM follow_ups WHERE team_id = ?)').bind(into, team.teamId).first<number>('n');
      expect(moved).toBeGreaterThanOrEqual(2);
    }
  });

  it('a merge and an edit of the merged record at the same instant: the edit is never lost', async () => {
    for (let round = 0; round < 5; round++) {
      const team = await seedTeam();
      const { zhang, dupId } = await duplicateOfZhang(team);
      const request = await mergeRequest('contact', zhang.id, dupId);
      const [merged] = await Promise.all([
        merge(team.token('rep'), request),
        push(team.token('rep'), [{ id: ulid(), entity: 'contact', op: 'update', recordId: dupId, at: Date.now(), fields: { title: `改 ${round}` } }]),
      ]);
      // Edit first: the merge is refused (the duplicate changed) and the edit is on the duplicate.
      // Merge first: the edit went to the survivor.
      const holder = merged.status === 200 ? zhang.id : dupId;
      expect([200, 409]).toContain(merged.status);
      expect((await row('contact', holder)).title).toBe(`改 ${round}`);
    }
  });
});

describe('merging companies', () => {
  it('moves contacts, deals and activities, and undo moves them back', async () => {
    const team = await seedTeam();
    const yunqi = team.rows.companies.find((c) => c.domain === 'yunqi-tech.cn')!;
    const yuanhang = team.rows.companies.find((c) => c.domain === 'yuanhang-logistics.cn')!;
    const request = await mergeRequest('company', yunqi.id, yuanhang.id, { industry: '软件与物流' });
    const res = await merge(team.token('rep'), request);
    expect(res.status).toBe(200);
    expect(((await res.json()) as MergeResult).merge.moved).toEqual({ contact: 1, deal: 1 });
    const liu = team.rows.contacts.find((c) => c.name === '刘洋')!;
    expect((await row('contact', liu.id)).company_id).toBe(yunqi.id);
    expect((await row('company', yunqi.id)).industry).toBe('软件与物流');

    // Another rep's pull sees the company directory change.
    const { rows } = await pullAll(team.token('rep', 1));
    expect(rows.find((r) => r.entity === 'company' && r.row.id === yuanhang.id)!.row).toMatchObject({ mergedIntoId: yunqi.id });

    const { merge: done } = (await (await merge(team.token('rep'), request)).json()) as MergeResult;
    expect((await api(`/api/merges/${done.id}/undo`, { method: 'POST', token: team.token('manager') })).status).toBe(200);
    expect((await row('contact', liu.id)).company_id).toBe(yuanhang.id);
    expect((await row('company', yunqi.id)).industry).toBe('软件');
    expect((await row('company', yuanhang.id)).deleted_at).toBeNull();
  });
});
