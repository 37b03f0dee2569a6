import { env } from 'cloudflare:test';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Mutation } from '../../shared/api/sync';
import { api, newContact, pullAll, push, pushOk, seedTeam } from './helpers';

type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string }[]; mutationId?: string } } };

/** Pushes one contact create whose fields are overridden, expecting a 400 naming `field`. */
async function refused(fields: Record<string, unknown>, field: string, entity: 'contact' | 'deal' = 'contact'): Promise<void> {
  const team = await seedTeam();
  const mutation =
    entity === 'contact'
      ? { ...newContact(), fields: { ...(newContact() as { fields: object }).fields, ...fields } }
      : { id: ulid(), entity: 'deal', op: 'create', recordId: ulid(), at: Date.now(), fields: { ...NEW_DEAL_DEFAULTS, title: 'Deal', companyId: null, contactId: null, stageId: 'lead', amountMinor: null, currency: 'CNY', expectedCloseAt: null, lostReason: null, ...fields } };
  const res = await push(team.token('rep'), [mutation]);
  const body = await res.json<ErrorBody>();
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe('bad_request');
  expect(body.error.details?.fields?.[0]?.field).toBe(`mutations.0.fields.${field}`);
  expect(body.error.details?.mutationId).toBe(mutation.id);
  expect(await env.DB.prepare('SELECT count(*) AS n FROM contacts WHERE id = ?').bind(mutation.recordId).first('n')).toBe(0);
}

describe('input the README promises to refuse', () => {
  it('a name made only of invisible characters', () => refused({ name: '\u200b\u200c\u2060\ufeff' }, 'name'));
  it('a NUL byte or another control character', async () => {
    await refused({ name: 'Zhang\u0000Wei' }, 'name');
    await refused({ title: 'Buyer\u0007' }, 'title');
  });
  it('a lone UTF-16 surrogate', async () => {
    await refused({ name: 'Broken \ud83d' }, 'name');
    await refused({ name: '\udc00tail' }, 'name');
  });
  it('a phone that is not E.164', async () => {
    await refused({ phones: ["'; DROP TABLE contacts;--"] }, 'phones.0');
    await refused({ phones: ['138 0013 8000'] }, 'phones.0');
    await refused({ phones: ['+0123'] }, 'phones.0');
  });
  it('a currency that is not ISO 4217', () => refused({ currency: 'ZZZ' }, 'currency', 'deal'));

  it('accepts what is merely unusual: emoji, combining marks, tabs and newlines in long text, an extension', async () => {
    const team = await seedTeam();
    const create = newContact({ name: '👩🏻‍💼 Zoë Ñúñez 王', title: 'Head\tof sales', phones: ['+8651266668888 ext. 302'] });
    expect((await pushOk(team.token('rep'), [create])).results[0]!.status).toBe('applied');
    const row = (await pullAll(team.token('rep'))).rows.find((r) => r.row.id === create.recordId)!.row as { name: string; phones: string[] };
    expect(row.name).toBe('👩🏻‍💼 Zoë Ñúñez 王');
    expect(row.phones).toEqual(['+8651266668888 ext. 302']);
  });

  it('answers a body that is not JSON with 415 unsupported_media_type', async () => {
    const team = await seedTeam();
    const res = await api('/api/sync/push', {
      method: 'POST',
      token: team.token('rep'),
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ clientId: ulid(), schemaVersion: SCHEMA_VERSION, mutations: [] }),
    });
    expect(res.status).toBe(415);
    expect((await res.json<ErrorBody>()).error.code).toBe('unsupported_media_type');
  });
});

describe('mutation ids', () => {
  const rename = (recordId: string, name: string, id = ulid()): Mutation => ({ id, entity: 'contact', op: 'update', recordId, at: Date.now(), fields: { name } });

  it("answers a teammate who reuses someone's id with a plain conflict, and applies nothing of theirs", async () => {
    const team = await seedTeam();
    const [lilei, emma] = [team.token('rep', 0), team.token('rep', 1)];
    const create = newContact({ name: 'Lilei’s' });
    await pushOk(lilei, [create]);
    const emmasOwn = newContact({ name: 'Emma’s' });
    await pushOk(emma, [emmasOwn]);

    const reused = rename(emmasOwn.recordId, 'Changed by Emma', create.id);
    const { results } = await pushOk(emma, [reused]);
    expect(results[0]).toEqual({ mutationId: create.id, status: 'rejected', error: { code: 'conflict', field: 'id', message: expect.any(String) } });
    // Nothing about Lilei's mutation (its version, its record) is in the answer.
    expect(JSON.stringify(results)).not.toContain(create.recordId);
    expect(await env.DB.prepare('SELECT name FROM contacts WHERE id = ?').bind(emmasOwn.recordId).first('name')).toBe('Emma’s');
    // Lilei's own resend still gets her first answer.
    expect((await pushOk(lilei, [create])).results[0]).toMatchObject({ status: 'applied' });
  });

  it("answers an id already used in another team with a conflict, never a 500, and the rest of the push applies", async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const taken = newContact();
    await pushOk(theirs.token('rep'), [taken]);
    const mine = { ...newContact(), id: taken.id };
    const next = newContact();
    const res = await push(ours.token('rep'), [mine, next]);
    expect(res.status).toBe(200);
    const { results } = await res.json<{ results: { status: string; error?: { code: string } }[] }>();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(results[0]!.error!.code).toBe('conflict');
    // The outbox is not stuck: the same push again gives the same answers.
    const again = await (await push(ours.token('rep'), [mine, next])).json<{ results: { status: string }[] }>();
    expect(again.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
  });

  it('refuses a record id another team already holds, without saying so', async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const taken = newContact();
    await pushOk(theirs.token('rep'), [taken]);
    const res = await push(ours.token('rep'), [{ ...newContact(), recordId: taken.recordId }]);
    expect(res.status).toBe(200);
    const { results } = await res.json<{ results: { status: string; error?: { code: string } }[] }>();
    expect(results[0]).toMatchObject({ status: 'rejected' });
    expect(JSON.stringify(results)).not.toContain(theirs.teamId);
  });
});
