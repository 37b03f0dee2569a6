import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, seedTeam } from './helpers';
import { hashToken } from '../../worker/auth/token';

describe('authentication', () => {
  it('rejects a request without a token with 401 and the JSON error envelope', async () => {
    const res = await api('/api/me');
    expect(res.status).toBe(401);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toMatch(/token/i);
  });

  it('rejects an unknown token with 401', async () => {
    const res = await api('/api/sync/pull', { token: 'sc_not-a-real-token' });
    expect(res.status).toBe(401);
  });

  it('rejects a revoked token and an expired token', async () => {
    const team = await seedTeam();
    const rep = team.token('rep');
    const manager = team.token('manager');
    expect((await api('/api/me', { token: rep })).status).toBe(200);
    await env.DB.prepare('UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ?').bind(Date.now(), await hashToken(rep)).run();
    expect((await api('/api/me', { token: rep })).status).toBe(401);
    await env.DB.prepare('UPDATE api_tokens SET expires_at = ? WHERE token_hash = ?').bind(Date.now() - 1, await hashToken(manager)).run();
    expect((await api('/api/me', { token: manager })).status).toBe(401);
  });

  it('stores only the SHA-256 hash of a token', async () => {
    const team = await seedTeam();
    const token = team.token('admin');
    const stored = await env.DB.prepare('SELECT token_hash FROM api_tokens WHERE team_id = ?').bind(team.teamId).all<{ token_hash: string }>();
    expect(stored.results.map((r) => r.token_hash)).toContain(await hashToken(token));
    expect(JSON.stringify(stored.results)).not.toContain(token);
  });
});

describe('GET /api/me', () => {
  it('returns the caller, the team, its members and the default pipeline', async () => {
    const team = await seedTeam();
    const res = await api('/api/me', { token: team.token('rep', 0) });
    expect(res.status).toBe(200);
    const me = await res.json<{ user: { role: string; name: string }; members: unknown[]; pipeline: { stages: { id: string }[] }; team: { id: string } }>();
    expect(me.user.role).toBe('rep');
    expect(me.user.name).toBe('李雷');
    expect(me.team.id).toBe(team.teamId);
    expect(me.members).toHaveLength(4);
    expect(me.pipeline.stages.map((s) => s.id)).toEqual(['lead', 'first_visit', 'needs', 'proposal', 'quote', 'contract', 'payment', 'lost']);
  });
});

describe('GET /api/openapi.json', () => {
  it('serves an OpenAPI 3.1 document describing the sync endpoints', async () => {
    const res = await api('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/me', '/api/sync/push', '/api/sync/pull']));
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await api('/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('not_found');
  });
});
