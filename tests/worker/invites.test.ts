import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { seedTeam } from './helpers';

type Sent = { to: string; raw: string };

/** The worker's app with a Mailer that keeps what it sends (see signIn.test.ts). */
async function call(method: string, path: string, options: { body?: unknown; token?: string; outbox?: Sent[]; vars?: Record<string, string> } = {}): Promise<Response> {
  const outbox = options.outbox ?? [];
  const app = createApp({ mailer: () => async (to, raw) => void outbox.push({ to, raw }) });
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://api.test${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), { ...env, ...options.vars } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const codeIn = async (sent: Sent) => {
  const mail = await PostalMime.parse(sent.raw);
  return { code: /\b(\d{6})\b/.exec(mail.text ?? '')![1]!, text: mail.text ?? '', subject: mail.subject ?? '' };
};

describe('invitations', () => {
  it('an admin invites an address with a role; it signs in by the emailed code and joins with that role', async () => {
    const team = await seedTeam();
    const admin = team.token('admin');
    const email = `invitee-${ulid().toLowerCase()}@example.cn`;
    const outbox: Sent[] = [];
    const res = await call('POST', '/api/team/invites', { token: admin, body: { email, role: 'manager', locale: 'zh-CN' }, outbox });
    expect(res.status).toBe(201);
    expect(outbox.map((m) => m.to)).toEqual([email]);
    const mail = await codeIn(outbox[0]!);
    expect(mail.text).toContain('邀请你加入 Sidecar 团队');
    const listed = await (await call('GET', '/api/team/invites', { token: admin })).json<{ invites: { email: string; role: string }[] }>();
    expect(listed.invites).toEqual([expect.objectContaining({ email, role: 'manager' })]);

    // Even where teams cannot be created, an invitation lets the address in.
    const vars = { ALLOW_TEAM_CREATION: 'false' };
    const signedIn = await call('POST', '/api/auth/token', { body: { email, code: mail.code, deviceLabel: 'Chrome on Windows', timeZone: 'Asia/Shanghai' }, vars });
    expect(signedIn.status).toBe(200);
    const { me } = await signedIn.json<{ me: { user: { role: string; teamId: string; timeZone: string }; members: unknown[] } }>();
    expect(me.user).toMatchObject({ role: 'manager', teamId: team.teamId, timeZone: 'Asia/Shanghai' });
    expect(me.members).toHaveLength(team.logins.length + 1);
    // Used up: no longer pending.
    expect((await (await call('GET', '/api/team/invites', { token: admin })).json<{ invites: unknown[] }>()).invites).toEqual([]);
  });

  it('is for admins only; a member is refused as a duplicate; another team’s invitation is not found', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const email = `someone-${ulid().toLowerCase()}@example.cn`;
    for (const role of ['manager', 'rep'] as const) {
      const res = await call('POST', '/api/team/invites', { token: team.token(role), body: { email, role: 'rep' } });
      expect(res.status).toBe(403);
      expect((await call('GET', '/api/team/invites', { token: team.token(role) })).status).toBe(403);
    }
    expect((await call('POST', '/api/team/invites', { token: team.token('admin'), body: { email: team.logins[2]!.email, role: 'admin' } })).status).toBe(409);
    const created = await (await call('POST', '/api/team/invites', { token: team.token('admin'), body: { email, role: 'rep' } })).json<{ id: string }>();
    expect((await call('DELETE', `/api/team/invites/${created.id}`, { token: other.token('admin') })).status).toBe(404);
    expect((await call('DELETE', `/api/team/invites/${created.id}`, { token: team.token('admin') })).status).toBe(204);
    expect((await call('DELETE', `/api/team/invites/${created.id}`, { token: team.token('admin') })).status).toBe(404);
  });

  it('a withdrawn invitation lets nobody in, and a member of another team is not told about', async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const email = `withdrawn-${ulid().toLowerCase()}@example.cn`;
    const outbox: Sent[] = [];
    const created = await (await call('POST', '/api/team/invites', { token: team.token('admin'), body: { email, role: 'rep' }, outbox })).json<{ id: string }>();
    await call('DELETE', `/api/team/invites/${created.id}`, { token: team.token('admin') });
    const { code } = await codeIn(outbox[0]!);
    const refused = await call('POST', '/api/auth/token', { body: { email, code, deviceLabel: 'x' }, vars: { ALLOW_TEAM_CREATION: 'false' } });
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { code: 'no_account', details: { canCreateTeam: false } } });

    // Someone in another team: the same 201 as anyone, no email, and they stay where they are.
    const elsewhere = other.logins.find((l) => l.role === 'rep')!;
    const quiet: Sent[] = [];
    const res = await call('POST', '/api/team/invites', { token: team.token('admin'), body: { email: elsewhere.email, role: 'rep' }, outbox: quiet });
    expect(res.status).toBe(201);
    expect(quiet).toEqual([]);
    expect(await env.DB.prepare('SELECT team_id FROM users WHERE email = ?').bind(elsewhere.email).first('team_id')).toBe(other.teamId);
  });
});
