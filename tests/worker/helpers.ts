import { env, SELF } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { isRemoval, type Change, type Mutation, type PullResponse, type PushResponse, type Removal } from '../../shared/api/sync';
import { SCHEMA_VERSION } from '../../shared/api/sync';
import { generateToken, hashToken } from '../../worker/auth/token';
import { createDb } from '../../worker/db/client';
import { buildDemoTeam, type DemoTeam } from '../../worker/seed/demoTeam';
import { seedTables } from '../../worker/seed/tableOrder';

/** Inserts a fresh demo team (its own ids and tokens) and returns its logins by role. */
export async function seedTeam(emailDomain = `${ulid().toLowerCase()}.test`): Promise<DemoTeam & { token: (role: 'admin' | 'manager' | 'rep', n?: number) => string }> {
  const team = await buildDemoTeam({ now: Date.now(), emailDomain });
  const db = createDb(env.DB);
  for (const { key, table } of seedTables) {
    const rows = team.rows[key] as Record<string, unknown>[];
    for (const row of rows) await db.insert(table as never).values(row as never);
  }
  return {
    ...team,
    token: (role, n = 0) => team.logins.filter((l) => l.role === role)[n]!.token,
  };
}

export function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return SELF.fetch(`https://api.test${path}`, { ...init, headers });
}

export async function push(token: string, mutations: unknown[], clientId = ulid()): Promise<Response> {
  return api('/api/sync/push', { method: 'POST', token, body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }) });
}

export async function pushOk(token: string, mutations: Mutation[]): Promise<PushResponse> {
  const res = await push(token, mutations);
  if (res.status !== 200) throw new Error(`push failed ${res.status}: ${await res.text()}`);
  return res.json();
}

export async function pullAll(token: string, limit = 500): Promise<{ pages: PullResponse[]; rows: Change[]; removals: Removal[] }> {
  const pages: PullResponse[] = [];
  let cursor = 0;
  for (let i = 0; i < 1000; i++) {
    const res = await api(`/api/sync/pull?cursor=${cursor}&limit=${limit}`, { token });
    if (res.status !== 200) throw new Error(`pull failed ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const items = pages.flatMap((p) => p.changes);
  return { pages, rows: items.filter((c): c is Change => !isRemoval(c)), removals: items.filter(isRemoval) };
}

export const newContact = (fields: Partial<Extract<Mutation, { entity: 'contact'; op: 'create' }>['fields']> = {}): Mutation => ({
  id: ulid(),
  entity: 'contact',
  op: 'create',
  recordId: ulid(),
  at: Date.now(),
  fields: { name: '测试联系人', emails: [], phones: [], title: null, companyId: null, source: 'manual', sourceUrl: null, ...fields },
});

/** A further live token of a user, as if they signed in on another device; returns the plain token. */
export async function addDeviceToken(userId: string, teamId: string, label = 'another device'): Promise<string> {
  const token = generateToken();
  await env.DB.prepare('INSERT INTO api_tokens (id, user_id, team_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(ulid(), userId, teamId, await hashToken(token), label, Date.now(), Date.now() + 86_400_000)
    .run();
  return token;
}
