import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../worker/auth/token';
import { api, newContact, pushOk, seedTeam } from './helpers';

/**
 * Every operation of the OpenAPI document (a new route is fuzzed without touching this file),
 * called with random and malformed bodies, content types, path ids and tokens: never a 5xx, a
 * JSON body whenever there is one, no data of another team beyond what the request itself
 * named, and a refused request (4xx) leaves the database as it was. A wrong sign-in code spends
 * one of the code's tries by design; that counter is not part of the comparison.
 */

const SEED = 20_261_205;
const RUNS = 400;
const SKIPPED = new Set(['/api/live']); // a WebSocket upgrade; tests/worker/live.test.ts covers it

type Operation = { method: string; path: string };

async function fingerprint(): Promise<string> {
  const rows = await env.DB.batch([
    env.DB.prepare('SELECT id, version, min_cursor FROM teams ORDER BY id'),
    env.DB.prepare('SELECT count(*) AS users FROM users'),
    env.DB.prepare('SELECT count(*) AS tokens, count(revoked_at) AS revoked FROM api_tokens'),
    env.DB.prepare('SELECT count(*) AS codes, count(used_at) AS used FROM sign_in_codes'),
    env.DB.prepare('SELECT count(*) AS answers FROM applied_mutations'),
    env.DB.prepare('SELECT id, name, role, locale, time_zone FROM users ORDER BY id'),
  ]);
  return JSON.stringify(rows.map((r) => r.results));
}

describe('fuzzing every route in the OpenAPI document', () => {
  it('never answers 5xx or non-JSON, leaks nothing, and changes nothing when it refuses', { timeout: 300_000 }, async () => {
    const ours = await seedTeam();
    const theirs = await seedTeam();
    const theirContact = newContact({ name: 'Theirs' });
    await pushOk(theirs.token('rep'), [theirContact]);
    const theirTokenIds = (await env.DB.prepare('SELECT id FROM api_tokens WHERE team_id = ?').bind(theirs.teamId).all<{ id: string }>()).results.map((r) => r.id);
    const foreign = [theirs.teamId, theirContact.recordId, ...theirs.rows.contacts.map((c) => c.id), ...theirs.logins.map((l) => l.userId), ...theirTokenIds, theirs.logins[0]!.email.split('@')[1]!];

    const doc = await (await api('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    const fuzzed = operations.filter((o) => !SKIPPED.has(o.path));
    expect(fuzzed.length).toBeGreaterThanOrEqual(10);

    /** A fresh device token for one of our users, so a fuzzed sign-out or revoke costs the test nothing. */
    const throwaway = async (role: 'rep' | 'manager' | 'admin') => {
      const login = ours.logins.find((l) => l.role === role)!;
      const token = generateToken();
      await env.DB.prepare('INSERT INTO api_tokens (id, user_id, team_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .bind(ulid(), login.userId, ours.teamId, await hashToken(token), 'fuzz', Date.now(), Date.now() + 86_400_000)
        .run();
      return token;
    };

    const id = fc.oneof(fc.nat().map(() => ulid()), fc.constantFrom(...foreign.slice(1, 8)), fc.string({ maxLength: 30 }), fc.constant('%00'), fc.constant('..%2F..'));
    const body = fc.oneof(
      fc.json().map((j) => ({ text: j, type: 'application/json' })),
      fc.anything({ maxDepth: 3 }).map((a) => ({ text: JSON.stringify(a) ?? 'null', type: 'application/json' })),
      fc.record({ email: fc.oneof(fc.emailAddress(), fc.string()), code: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string()), deviceLabel: fc.string(), locale: fc.constantFrom('en', 'zh-CN', 'xx'), timeZone: fc.string() }, { requiredKeys: [] }).map((r) => ({ text: JSON.stringify(r), type: 'application/json' })),
      fc.string({ unit: 'binary', maxLength: 100 }).map((t) => ({ text: t, type: 'text/plain' })),
      fc.constant({ text: '', type: 'application/json' }),
    );
    const request = fc.record({
      operation: fc.constantFrom(...fuzzed),
      id,
      body,
      auth: fc.constantFrom('none', 'garbage', 'rep', 'manager', 'admin'),
      query: fc.dictionary(fc.constantFrom('cursor', 'limit', 'x'), fc.oneof(fc.string({ maxLength: 8 }), fc.nat().map(String)), { maxKeys: 2 }),
    });

    const named = new Set<string>();
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const token = r.auth === 'none' ? undefined : r.auth === 'garbage' ? 'sc_garbage' : await throwaway(r.auth);
        const path = r.operation.path.replace('{id}', encodeURIComponent(r.id));
        const query = new URLSearchParams(r.query).toString();
        const sent = `${path}?${query} ${r.body.text}`;
        for (const marker of foreign) if (sent.includes(marker)) named.add(marker);
        const before = await fingerprint();
        const hasBody = r.operation.method !== 'GET' && r.operation.method !== 'DELETE';
        const res = await api(`${path}${query ? `?${query}` : ''}`, {
          method: r.operation.method,
          token,
          ...(hasBody ? { body: r.body.text, headers: { 'content-type': r.body.type } } : {}),
        });
        const text = await res.text();
        statuses.set(`${r.operation.method} ${r.operation.path} ${res.status}`, (statuses.get(`${r.operation.method} ${r.operation.path} ${res.status}`) ?? 0) + 1);
        expect(res.status, `${r.operation.method} ${sent.slice(0, 200)} → ${text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status !== 204) {
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(() => JSON.parse(text)).not.toThrow();
        }
        for (const marker of foreign) if (!named.has(marker)) expect(text.includes(marker), `${r.operation.method} ${r.operation.path} leaks ${marker}`).toBe(false);
        // The throwaway token itself was added before `before`; a refusal must change nothing more.
        if (res.status >= 400) expect(await fingerprint(), `${r.operation.method} ${r.operation.path} ${res.status} changed the database`).toBe(before);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const covered = new Set([...statuses.keys()].map((k) => k.split(' ').slice(0, 2).join(' ')));
    console.log(`route fuzz: ${RUNS} requests over ${covered.size}/${fuzzed.length} operations; ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(covered.size).toBe(fuzzed.length);
  });
});
