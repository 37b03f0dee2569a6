import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import PostalMime from 'postal-mime';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { seedTeam } from './helpers';

type Sent = { from: string; to: string; raw: string };

/**
 * Calls the worker's app with a Mailer that keeps the raw MIME it is given (a sent
 * EmailMessage cannot be read back), so the code is read from the message as a user would.
 */
async function call(path: string, body: unknown, options: { outbox?: Sent[]; vars?: Record<string, string>; ip?: string } = {}): Promise<Response> {
  const outbox = options.outbox ?? [];
  const app = createApp({ mailer: (bindings) => async (to, raw) => void outbox.push({ from: bindings.MAIL_FROM, to, raw }) });
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.ip) headers['cf-connecting-ip'] = options.ip;
  const res = await app.fetch(new Request(`https://api.test${path}`, { method: 'POST', headers, body: JSON.stringify(body) }), { ...env, ...options.vars } as never, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function codeFrom(sent: Sent): Promise<{ code: string; subject: string; text: string; html: string; headers: Map<string, string> }> {
  const email = await PostalMime.parse(sent.raw);
  const code = /\b(\d{6})\b/.exec(email.text ?? '')?.[1];
  if (!code) throw new Error(`no code in the email: ${sent.raw.slice(0, 1500)}`);
  return { code, subject: email.subject ?? '', text: email.text ?? '', html: email.html ?? '', headers: new Map(email.headers.map((h) => [h.key, h.value])) };
}

const newAddress = () => `新人-${ulid().toLowerCase()}@example.cn`.replace('新人-', 'new-');

describe('sign-in by email code', () => {
  it('mails a code in two parts in the user’s language, and trades it for a device token that works', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const outbox: Sent[] = [];
    const res = await call('/api/auth/code', { email: rep.email.toUpperCase(), locale: 'en' }, { outbox });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: true, expiresInSeconds: 900, requestId: expect.stringMatching(/^\S{20,}$/) });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.to).toBe(rep.email);
    const mail = await codeFrom(outbox[0]!);
    // 李雷's account says zh-CN, whatever the sign-in screen asked for.
    expect(mail.subject).toContain('Sidecar 登录验证码');
    expect(mail.html).toContain(mail.code);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).not.toMatch(/token|sc_/);

    const signedIn = await call('/api/auth/token', { email: rep.email, code: mail.code, deviceLabel: 'Chrome on Linux' });
    expect(signedIn.status).toBe(200);
    const body = await signedIn.json<{ token: string; me: { user: { id: string; role: string } } }>();
    expect(body.me.user).toMatchObject({ id: rep.userId, role: 'rep' });
    const me = await createApp().fetch(new Request('https://api.test/api/me', { headers: { authorization: `Bearer ${body.token}` } }), env as never, createExecutionContext());
    expect(me.status).toBe(200);
    const label = await env.DB.prepare('SELECT label FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC LIMIT 1').bind(rep.userId).first('label');
    expect(label).toBe('Chrome on Linux');
  });

  it('takes a code once, for 15 minutes, 5 tries at most, and only for the address it was sent to', async () => {
    const team = await seedTeam();
    const [rep, other] = team.logins.filter((l) => l.role === 'rep');
    const outbox: Sent[] = [];
    await call('/api/auth/code', { email: rep!.email }, { outbox });
    const { code } = await codeFrom(outbox[0]!);
    const wrong = code === '000000' ? '111111' : '000000';

    const forOther = await call('/api/auth/token', { email: other!.email, code, deviceLabel: 'x' });
    expect(forOther.status).toBe(400);
    expect(await forOther.json()).toMatchObject({ error: { code: 'invalid_code' } });
    // Five guesses (four wrong, at once), then even the right code is refused.
    const guesses = await Promise.all(Array.from({ length: 5 }, () => call('/api/auth/token', { email: rep!.email, code: wrong, deviceLabel: 'x' })));
    expect(guesses.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect((await call('/api/auth/token', { email: rep!.email, code, deviceLabel: 'x' })).status).toBe(400);

    // A fresh code works once; used again, it is refused.
    const second: Sent[] = [];
    await call('/api/auth/code', { email: rep!.email }, { outbox: second });
    const fresh = (await codeFrom(second[0]!)).code;
    const twice = await Promise.all([call('/api/auth/token', { email: rep!.email, code: fresh, deviceLabel: 'a' }), call('/api/auth/token', { email: rep!.email, code: fresh, deviceLabel: 'b' })]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 400]);

    // Expired: move its clock back past 15 minutes.
    const third: Sent[] = [];
    await call('/api/auth/code', { email: rep!.email }, { outbox: third });
    const late = (await codeFrom(third[0]!)).code;
    await env.DB.prepare('UPDATE sign_in_codes SET expires_at = ? WHERE email = ? AND used_at IS NULL').bind(Date.now() - 1, rep!.email).run();
    expect((await call('/api/auth/token', { email: rep!.email, code: late, deviceLabel: 'x' })).status).toBe(400);
  });

  it('answers the same for an unknown address, and limits codes per address with 429 and Retry-After', async () => {
    const unknown = newAddress();
    const known = (await seedTeam()).logins[0]!.email;
    const a = await call('/api/auth/code', { email: unknown });
    const b = await call('/api/auth/code', { email: known });
    // Same status, same shape; each request id is random either way.
    const shape = async (r: Response) => {
      const body = await r.json<Record<string, unknown>>();
      return [r.status, { ...body, requestId: String(body.requestId).length }];
    };
    expect(await shape(a)).toEqual(await shape(b));

    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await call('/api/auth/code', { email: known });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(refused!.headers.get('retry-after')).toBe('900');
    expect(await refused!.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('creates a team whose first user is its admin, after saying the address has no account', async () => {
    const email = newAddress();
    const outbox: Sent[] = [];
    await call('/api/auth/code', { email, locale: 'en' }, { outbox });
    const mail = await codeFrom(outbox[0]!);
    expect(mail.subject).toBe(`Your Sidecar sign-in code: ${mail.code}`);

    const noAccount = await call('/api/auth/token', { email, code: mail.code, deviceLabel: 'Edge on Windows' });
    expect(noAccount.status).toBe(404);
    expect(await noAccount.json()).toMatchObject({ error: { code: 'no_account', details: { canCreateTeam: true } } });

    const newTeam = { teamName: '云启销售部', userName: '赵敏', timeZone: 'Asia/Shanghai' };
    const created = await call('/api/auth/token', { email, code: mail.code, deviceLabel: 'Edge on Windows', locale: 'en', newTeam });
    expect(created.status).toBe(200);
    const { me } = await created.json<{ me: { user: { role: string; name: string; locale: string }; team: { name: string; defaultCurrency: string }; pipeline: { stages: unknown[] }; members: unknown[] } }>();
    expect(me.user).toMatchObject({ role: 'admin', name: '赵敏', locale: 'en' });
    expect(me.team).toMatchObject({ name: '云启销售部', defaultCurrency: 'CNY' });
    expect(me.pipeline.stages.length).toBeGreaterThan(0);
    expect(me.members).toHaveLength(1);
  });

  it('refuses team creation when the deployment turns it off, and sends nothing to unknown addresses', async () => {
    const email = newAddress();
    const outbox: Sent[] = [];
    const vars = { ALLOW_TEAM_CREATION: 'false' };
    const res = await call('/api/auth/code', { email }, { outbox, vars });
    expect(res.status).toBe(200);
    expect(outbox).toEqual([]);
    // With a code from before the switch, creating a team is still refused.
    await call('/api/auth/code', { email }, { outbox });
    const { code } = await codeFrom(outbox[0]!);
    const refused = await call('/api/auth/token', { email, code, deviceLabel: 'x', newTeam: { teamName: 'T', userName: 'U', timeZone: 'UTC' } }, { vars });
    expect(refused.status).toBe(403);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM users WHERE email = ?').bind(email).first('n')).toBe(0);
  });

  it('signs in by the emailed link: confirmed on its page (a POST), collected once by the device holding the request id', async () => {
    const team = await seedTeam();
    const [rep, other] = team.logins.filter((l) => l.role === 'rep');
    const outbox: Sent[] = [];
    const asked = await (await call('/api/auth/code', { email: rep!.email }, { outbox })).json<{ requestId: string }>();
    const mail = await codeFrom(outbox[0]!);
    const link = new URL(/https:\/\/api\.test\/sign-in\/confirm\?\S+/.exec(mail.text)![0]);
    expect(mail.html).toContain(link.searchParams.get('k'));
    const poll = (requestId: string, email = rep!.email) => call('/api/auth/token', { email, requestId, deviceLabel: 'Edge on Windows' });

    // Not confirmed yet: the device is told to wait; opening the link (GET, as a mail scanner
    // would) confirms nothing.
    expect(await (await poll(asked.requestId)).json()).toMatchObject({ error: { code: 'sign_in_pending' } });
    const opened = await createApp().fetch(new Request(link, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } }), env as never, createExecutionContext());
    expect(opened.headers.get('content-type')).toContain('text/html');
    expect(await opened.text()).toContain('确认登录');
    expect((await poll(asked.requestId)).status).toBe(409);

    // A wrong key confirms nothing; the right one does, once.
    const confirm = (c: string, k: string) =>
      createApp().fetch(new Request('https://api.test/sign-in/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ c, k }) }), env as never, createExecutionContext());
    expect((await confirm(link.searchParams.get('c')!, 'wrong-key')).status).toBe(400);
    expect((await confirm(link.searchParams.get('c')!, link.searchParams.get('k')!)).status).toBe(200);

    // Only the asking device's request id collects the token, only for that address, only once.
    expect((await poll('x'.repeat(43))).status).toBe(400);
    expect((await poll(asked.requestId, other!.email)).status).toBe(400);
    const signedIn = await poll(asked.requestId);
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ me: { user: { id: rep!.userId } } });
    expect((await poll(asked.requestId)).status).toBe(400);
    expect((await confirm(link.searchParams.get('c')!, link.searchParams.get('k')!)).status).toBe(400);
  });

  it('names bad fields', async () => {
    const res = await call('/api/auth/token', { email: 'not-an-email', code: '12ab56', deviceLabel: '' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});
