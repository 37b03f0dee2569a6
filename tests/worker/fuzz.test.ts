import fc from 'fast-check';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../shared/api/sync';
import { api, newContact, pushOk, seedTeam } from './helpers';

/**
 * Random and half-valid bodies at push, pull and dedup from several users: whatever arrives,
 * the answer is never a 5xx, always a JSON body, and never carries anything of another team
 * (its id, its records' ids, its addresses) beyond what the request itself said, even when the
 * request names them, reuses its mutation ids or its record ids.
 */

const SEED = 20_261_204;
const RUNS = 150;

describe('fuzzing the sync and dedup bodies', () => {
  it('answers anything without a 5xx, in JSON, and with nothing of another team', { timeout: 300_000 }, async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const theirMutation = newContact({ name: 'Theirs', emails: [`owner@${theirs.logins[0]!.email.split('@')[1]}`] });
    await pushOk(theirs.token('rep'), [theirMutation]);
    const foreign = [theirs.teamId, theirMutation.recordId, ...theirs.rows.contacts.map((c) => c.id), ...theirs.rows.companies.map((c) => c.id), theirs.logins[0]!.email.split('@')[1]!];
    const tokens = ours.logins.map((l) => l.token);

    const validId = fc.oneof(fc.nat().map(() => ulid()), fc.constantFrom(...foreign.slice(1, 6)), fc.constant(theirMutation.id));
    const someId = fc.oneof(fc.nat().map(() => ulid()), fc.constantFrom(...foreign.slice(1, 6)), fc.constant(theirMutation.id), fc.string({ maxLength: 30 }));
    const field = fc.constantFrom('name', 'emails', 'phones', 'title', 'companyId', 'contactId', 'stageId', 'amountMinor', 'currency', 'kind', 'dueAt', 'body', 'grade', 'source', 'bogus');
    const value = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\u0000', '\ud800', '\u200b', '', ' ', '+8613800138000', 'quote', 'ZZZ', 'CNY', -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
      someId,
    );
    const mutation = fc.record({
      id: someId,
      entity: fc.constantFrom('contact', 'company', 'deal', 'followUp', 'activity', 'stageChange', 'user', ''),
      op: fc.constantFrom('create', 'update', 'delete', 'restore', 'reassign', 'drop'),
      recordId: someId,
      ownerId: someId,
      at: fc.oneof(fc.integer(), fc.double()),
      fields: fc.dictionary(field, value, { maxKeys: 6 }),
    });
    // Well-formed mutations aimed at ids that are fresh, ours, theirs, or their mutation ids.
    const validMutation = fc.record({ id: validId, recordId: validId, op: fc.constantFrom('create', 'update', 'delete', 'restore', 'reassign'), ownerId: fc.constantFrom(...ours.logins.map((l) => l.userId), theirs.logins[0]!.userId) }).map(
      ({ id, recordId, op, ownerId }) =>
        op === 'create'
          ? { ...newContact({ emails: [`x${ulid().toLowerCase()}@example.cn`] }), id, recordId }
          : op === 'update'
            ? { id, entity: 'contact', op, recordId, at: Date.now(), fields: { title: '改' } }
            : op === 'reassign'
              ? { id, entity: 'contact', op, recordId, at: Date.now(), ownerId }
              : { id, entity: 'contact', op, recordId, at: Date.now() },
    );
    const pushBody = fc.oneof(
      { weight: 3, arbitrary: fc.array(validMutation, { minLength: 1, maxLength: 6 }).map((mutations) => JSON.stringify({ clientId: ulid(), schemaVersion: SCHEMA_VERSION, mutations })) },
      { weight: 4, arbitrary: fc.record({ clientId: someId, schemaVersion: fc.constantFrom(SCHEMA_VERSION, SCHEMA_VERSION, 0, 'x'), mutations: fc.array(mutation, { maxLength: 8 }) }).map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    );
    const dedupBody = fc.oneof(
      fc.record({ emails: fc.array(fc.oneof(fc.emailAddress(), fc.constant(`owner@${foreign.at(-1)}`), value), { maxLength: 4 }), phones: fc.array(value, { maxLength: 3 }), companyName: value, domain: fc.oneof(value, fc.constant(foreign.at(-1)!)) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
      fc.json(),
    );
    const pullQuery = fc.record({ cursor: fc.oneof(fc.nat(), fc.string({ maxLength: 12 }), fc.constant('-1'), fc.constant('1e400')), limit: fc.oneof(fc.nat(2000), fc.string({ maxLength: 6 })) });
    const request = fc.oneof(
      fc.tuple(fc.constant('push' as const), pushBody),
      fc.tuple(fc.constant('dedup' as const), dedupBody),
      fc.tuple(fc.constant('pull' as const), pullQuery.map((q) => `cursor=${encodeURIComponent(String(q.cursor))}&limit=${encodeURIComponent(String(q.limit))}`)),
    );

    const statuses = new Map<number, number>();
    const named = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request, fc.nat(tokens.length - 1), async ([kind, payload], who) => {
        const token = tokens[who]!;
        const res =
          kind === 'pull'
            ? await api(`/api/sync/pull?${payload}`, { token })
            : await api(kind === 'push' ? '/api/sync/push' : '/api/dedup/check', { method: 'POST', token, body: payload });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${kind} ${payload.slice(0, 300)} → ${text.slice(0, 300)}`).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(() => JSON.parse(text)).not.toThrow();
        // Echoing what our team sent (now, or in an earlier push whose answer is replayed for a
        // reused mutation id) reveals nothing; any other mention of theirs would.
        for (const marker of foreign) if (payload.includes(marker)) named.add(marker);
        for (const marker of foreign) if (!named.has(marker)) expect(text.includes(marker), `${kind} answer leaks ${marker}: ${text.slice(0, 600)}`).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS * 3, endOnFailure: true },
    );
    console.log(`fuzz: ${RUNS * 3} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(200) ?? 0, 'some requests were valid enough to be served').toBeGreaterThan(0);
  });
});
