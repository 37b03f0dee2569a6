import { env } from 'cloudflare:test';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/api/sync';
import { api, newContact, pullAll, push, pushOk, seedTeam } from './helpers';

async function countRows(table: string, teamId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE team_id = ?`).bind(teamId).first<{ n: number }>();
  return row!.n;
}

function lead(): Mutation[] {
  const companyId = ulid();
  const contactId = ulid();
  const at = Date.now();
  return [
    { id: ulid(), entity: 'company', op: 'create', recordId: companyId, at, fields: { name: '杭州新锐科技有限公司', domain: 'xinrui.example', website: null, phone: null, address: null, industry: null, grade: 'B' } },
    { id: ulid(), entity: 'contact', op: 'create', recordId: contactId, at, fields: { name: '陈静', emails: ['Chen.Jing@Xinrui.example'], phones: ['+8613700001111'], title: '总经理', companyId, source: 'manual', sourceUrl: null } },
    { id: ulid(), entity: 'deal', op: 'create', recordId: ulid(), at, fields: { ...NEW_DEAL_DEFAULTS, title: '新锐 试用', companyId, contactId, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null } },
  ];
}

describe('POST /api/sync/push', () => {
  it('applies a new lead and answers applied with increasing versions', async () => {
    const team = await seedTeam();
    const mutations = lead();
    const { results } = await pushOk(team.token('rep'), mutations);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const versions = results.map((r) => (r.status === 'applied' ? r.version : -1));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const contact = await env.DB.prepare('SELECT * FROM contacts WHERE id = ?').bind(mutations[1]!.recordId).first<Record<string, unknown>>();
    expect(contact!.name).toBe('陈静');
    expect(JSON.parse(contact!.emails as string)).toEqual(['chen.jing@xinrui.example']);
    // Creating a deal records its entry into the first stage.
    expect(await env.DB.prepare('SELECT to_stage_id FROM stage_changes WHERE deal_id = ?').bind(mutations[2]!.recordId).first('to_stage_id')).toBe('lead');
  });

  it('applies a mutation once even when it is sent twice', async () => {
    const team = await seedTeam();
    const token = team.token('rep');
    const create = newContact();
    const before = await countRows('contacts', team.teamId);
    const first = await pushOk(token, [create]);
    const second = await pushOk(token, [create]);
    expect(second.results).toEqual(first.results);
    expect(await countRows('contacts', team.teamId)).toBe(before + 1);

    const rename: Mutation = { id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: Date.now(), fields: { name: 'Renamed' } };
    const a = await pushOk(token, [rename, rename]);
    const b = await pushOk(token, [rename]);
    expect(a.results[0]).toEqual(a.results[1]);
    expect(b.results[0]).toEqual(a.results[0]);
    const version = await env.DB.prepare('SELECT version FROM contacts WHERE id = ?').bind(create.recordId).first('version');
    expect(version).toBe((a.results[0] as { version: number }).version);
  });

  it('merges concurrent edits per field in arrival order', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const manager = team.token('manager');
    const create = newContact({ name: 'Original', title: 'Buyer' });
    await pushOk(rep, [create]);
    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: 1, fields: { name: 'From rep' } }]);
    await pushOk(manager, [{ id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: 2, fields: { title: 'From manager' } }]);
    const row = await env.DB.prepare('SELECT name, title FROM contacts WHERE id = ?').bind(create.recordId).first();
    expect(row).toEqual({ name: 'From rep', title: 'From manager' });
  });

  it('rejects an edit of a deleted record until it is restored', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const create = newContact();
    const edit = (name: string): Mutation => ({ id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: Date.now(), fields: { name } });
    await pushOk(rep, [create, { id: ulid(), entity: 'contact', op: 'delete', recordId: create.recordId, at: Date.now() }]);
    const rejected = await pushOk(rep, [edit('late edit')]);
    expect(rejected.results[0]).toMatchObject({ status: 'rejected', error: { code: 'record_deleted' } });
    const restored = await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'restore', recordId: create.recordId, at: Date.now() }, edit('after restore')]);
    expect(restored.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await env.DB.prepare('SELECT name FROM contacts WHERE id = ?').bind(create.recordId).first('name')).toBe('after restore');
  });

  it('enforces stage gates and names the missing field', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const dealId = ulid();
    await pushOk(rep, [
      { id: ulid(), entity: 'deal', op: 'create', recordId: dealId, at: Date.now(), fields: { ...NEW_DEAL_DEFAULTS, title: 'No contact yet', companyId: null, contactId: null, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null } },
    ]);
    const toQuote: Mutation = { id: ulid(), entity: 'deal', op: 'update', recordId: dealId, at: Date.now(), fields: { stageId: 'quote' } };
    const { results } = await pushOk(rep, [toQuote]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'stage_gate', field: 'fields.contactId' } });
    expect(await env.DB.prepare('SELECT stage_id FROM deals WHERE id = ?').bind(dealId).first('stage_id')).toBe('lead');
    const unknown = await pushOk(rep, [{ ...toQuote, id: ulid(), fields: { stageId: 'nirvana' } }]);
    expect(unknown.results[0]).toMatchObject({ status: 'rejected', error: { field: 'fields.stageId' } });
  });

  it('lets a rep change only what they own, and answers 404-style rejections for others', async () => {
    const team = await seedTeam();
    const lilei = team.token('rep', 0);
    const emma = team.token('rep', 1);
    const create = newContact();
    await pushOk(lilei, [create]);
    const { results } = await pushOk(emma, [{ id: ulid(), entity: 'contact', op: 'update', recordId: create.recordId, at: Date.now(), fields: { name: 'stolen' } }]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    // A company is visible team-wide but only its owner (or a manager) may change it.
    const emmaCompany = team.rows.companies.find((c) => c.name === 'Contoso GmbH')!;
    const edit = await pushOk(lilei, [{ id: ulid(), entity: 'company', op: 'update', recordId: emmaCompany.id, at: Date.now(), fields: { grade: 'A' } }]);
    expect(edit.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const manager = await pushOk(team.token('manager'), [{ id: ulid(), entity: 'company', op: 'update', recordId: emmaCompany.id, at: Date.now(), fields: { grade: 'A' } }]);
    expect(manager.results[0]!.status).toBe('applied');
  });

  it("treats another team's record as not found", async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const theirContact = theirs.rows.contacts[0]!;
    const { results } = await pushOk(ours.token('manager'), [
      { id: ulid(), entity: 'contact', op: 'update', recordId: theirContact.id, at: Date.now(), fields: { name: 'hijack' } },
      newContact({ companyId: theirs.rows.companies[0]!.id }),
    ]);
    expect(results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'recordId' } });
    expect(results[1]).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'fields.companyId' } });
    expect(await countRows('contacts', theirs.teamId)).toBe(theirs.rows.contacts.length);
    expect(await env.DB.prepare('SELECT name FROM contacts WHERE id = ?').bind(theirContact.id).first('name')).toBe(theirContact.name);
  });
});

describe('POST /api/sync/push with bad input', () => {
  async function expect400(res: Response, field: RegExp): Promise<{ error: { code: string; message: string; details?: Record<string, unknown> } }> {
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; message: string; details?: Record<string, unknown> } }>();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(field);
    return body;
  }

  it('names malformed JSON', async () => {
    const team = await seedTeam();
    const res = await api('/api/sync/push', { method: 'POST', token: team.token('rep'), body: '{"clientId": ' });
    await expect400(res, /json/i);
  });

  it('names a field with the wrong type, and the mutation it belongs to', async () => {
    const team = await seedTeam();
    const bad = { ...newContact(), fields: { ...(newContact() as { fields: object }).fields, emails: 'not-a-list' } };
    const body = await expect400(await push(team.token('rep'), [newContact(), bad]), /mutations\.1\.fields\.emails/);
    expect(body.error.details).toMatchObject({ mutationIndex: 1, mutationId: bad.id });
  });

  it('names an unknown entity', async () => {
    const team = await seedTeam();
    await expect400(await push(team.token('rep'), [{ ...newContact(), entity: 'invoice' }]), /mutations\.0\.entity/);
  });

  it('names an unknown field', async () => {
    const team = await seedTeam();
    const m = newContact() as { fields: object };
    await expect400(await push(team.token('rep'), [{ ...m, fields: { ...m.fields, salary: 1 } }]), /mutations\.0\.fields\.salary/);
  });

  it('names an oversize string', async () => {
    const team = await seedTeam();
    await expect400(await push(team.token('rep'), [newContact({ name: '长'.repeat(201) })]), /mutations\.0\.fields\.name/);
  });

  it('writes no row when a push is rejected', async () => {
    const team = await seedTeam();
    const contactsBefore = await countRows('contacts', team.teamId);
    const version = await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first('version');
    const good = newContact();
    await expect400(await push(team.token('rep'), [good, newContact({ name: '' })]), /mutations\.1\.fields\.name/);
    expect(await countRows('contacts', team.teamId)).toBe(contactsBefore);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM applied_mutations WHERE id = ?').bind(good.id).first('n')).toBe(0);
    expect(await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first('version')).toBe(version);
  });

  it('refuses more than 100 mutations in one push', async () => {
    const team = await seedTeam();
    await expect400(await push(team.token('rep'), Array.from({ length: 101 }, () => newContact())), /mutations/);
  });

  it('answers 426 to a client whose schema is too new or too old', async () => {
    const team = await seedTeam();
    const res = await api('/api/sync/push', { method: 'POST', token: team.token('rep'), body: JSON.stringify({ clientId: ulid(), schemaVersion: 999, mutations: [newContact()] }) });
    expect(res.status).toBe(426);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('upgrade_required');
  });

  it('accepts non-ASCII text end to end', async () => {
    const team = await seedTeam();
    const create = newContact({ name: 'Zoë Ørsted 张三 🚀', title: 'Directrice générale' });
    await pushOk(team.token('rep'), [create]);
    const { rows } = await pullAll(team.token('rep'));
    expect(rows.find((c) => c.row.id === create.recordId)?.row).toMatchObject({ name: 'Zoë Ørsted 张三 🚀', title: 'Directrice générale' });
  });
});

describe('duplicate contacts', () => {
  it('refuses a second contact with the same email in a team, naming the existing owner', async () => {
    const team = await seedTeam();
    const emma = team.token('rep', 1);
    // 张伟 (zhangwei@yunqi-tech.cn) belongs to 李雷; Emma cannot see him but is told who has him.
    const twin = newContact({ name: 'Zhang Wei', emails: ['ZhangWei@Yunqi-Tech.cn'] });
    const { results } = await pushOk(emma, [twin]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      error: { code: 'conflict', field: 'fields.emails', existing: { entity: 'contact', ownerName: '李雷' } },
    });
    expect((results[0] as { error: { message: string } }).error.message).toBe('zhangwei@yunqi-tech.cn already belongs to a contact owned by 李雷');
    const manager = await pushOk(team.token('manager'), [{ ...twin, id: ulid() }]);
    expect((manager.results[0] as { error: { message: string } }).error.message).toBe('zhangwei@yunqi-tech.cn already belongs to 张伟 (owner: 李雷)');
  });

  it('checks within one push, frees an email on delete and re-checks on restore', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const first = newContact({ emails: ['same@dup.example'] });
    const second = newContact({ emails: ['same@dup.example'] });
    const { results } = await pushOk(rep, [first, second]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    const again = await pushOk(rep, [
      { id: ulid(), entity: 'contact', op: 'delete', recordId: first.recordId, at: Date.now() },
      { ...second, id: ulid() },
      { id: ulid(), entity: 'contact', op: 'restore', recordId: first.recordId, at: Date.now() },
    ]);
    expect(again.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
    const edit = await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'update', recordId: second.recordId, at: Date.now(), fields: { emails: ['same@dup.example', 'second@dup.example'] } }]);
    expect(edit.results[0]!.status).toBe('applied');
  });
});
