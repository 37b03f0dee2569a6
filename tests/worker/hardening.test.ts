import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { originAllowed } from '../../worker/middleware/hardening';
import { api, seedTeam } from './helpers';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('CORS', () => {
  it('answers the extension and localhost, and no web page', async () => {
    const allowed = await api('/api/health', { headers: { origin: EXTENSION } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    const page = await api('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await api('/api/sync/push', { method: 'OPTIONS', headers: { origin: EXTENSION, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const foreign = await api('/api/sync/push', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('can be pinned to one extension id', async () => {
    const pinned = { ...env, CORS_ORIGINS: 'chrome-extension://pinnedpinnedpinnedpinnedpinnedpi' } as never;
    const ask = (origin: string) => createApp().fetch(new Request('https://api.test/api/health', { headers: { origin } }), pinned, createExecutionContext());
    expect((await ask('chrome-extension://pinnedpinnedpinnedpinnedpinnedpi')).headers.get('access-control-allow-origin')).toBe('chrome-extension://pinnedpinnedpinnedpinnedpinnedpi');
    expect((await ask(EXTENSION)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches wildcards only on an id or a port', () => {
    const list = 'chrome-extension://*,http://localhost:*';
    expect(originAllowed('http://localhost:3000', list)).toBe(true);
    expect(originAllowed('http://localhost:3000.evil.example', list)).toBe(false);
    expect(originAllowed('http://localhost.evil.example', list)).toBe(false);
    expect(originAllowed('chrome-extension://abc/def', list)).toBe(false);
    expect(originAllowed('https://localhost:3000', list)).toBe(false);
  });
});

describe('security headers', () => {
  it('are on answers, errors and unknown routes alike', async () => {
    const team = await seedTeam();
    for (const res of [await api('/api/me', { token: team.token('rep') }), await api('/api/me'), await api('/api/nope'), await api('/api/sync/push', { method: 'POST', token: team.token('rep'), body: '{' })]) {
      expect(res.headers.get('x-content-type-options'), `${res.status}`).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    }
  });
});
