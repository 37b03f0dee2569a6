import { describe, expect, it } from 'vitest';
import { api, seedTeam } from './helpers';

// wrangler.toml: 300 requests per 10 s per token, 1,200 per 10 s per client address.
describe('rate limits', () => {
  it('answers 429 rate_limited with Retry-After to a token over its limit, and only to that token', { timeout: 60_000 }, async () => {
    const team = await seedTeam();
    const noisy = team.token('rep', 0);
    const refusals: Response[] = [];
    let accepted = 0;
    // Windows are fixed, so a burst may straddle two: more than twice the limit is sure to hit it.
    for (let wave = 0; wave < 14 && refusals.length === 0; wave++) {
      for (const res of await Promise.all(Array.from({ length: 50 }, () => api('/api/me', { token: noisy })))) {
        if (res.status === 429) refusals.push(res);
        else {
          expect(res.status).toBe(200);
          accepted++;
          await res.body?.cancel();
        }
      }
    }
    expect(refusals.length, 'the limiter refused within 700 requests').toBeGreaterThan(0);
    expect(accepted).toBeGreaterThanOrEqual(300);
    expect(refusals[0]!.headers.get('retry-after')).toBe('10');
    expect(refusals[0]!.headers.get('x-d1-queries')).toBe('0');
    expect(await refusals[0]!.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // A teammate's device is not slowed by it.
    expect((await api('/api/me', { token: team.token('rep', 1) })).status).toBe(200);
  });

  it('limits a client address before reading its token, so guessing tokens costs no D1 query', { timeout: 60_000 }, async () => {
    const address = '203.0.113.77';
    const refusals: Response[] = [];
    let accepted = 0;
    // In waves; a burst may straddle two fixed windows, so up to 2,500 requests are sent.
    for (let wave = 0; wave < 25 && refusals.length === 0; wave++) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => api('/api/me', { token: `guess-${wave}-${i}`, headers: { 'cf-connecting-ip': address } })));
      for (const res of answers) {
        if (res.status === 429) refusals.push(res);
        else {
          expect(res.status).toBe(401);
          accepted++;
          await res.body?.cancel();
        }
      }
    }
    expect(refusals.length).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThanOrEqual(1200);
    expect(refusals[0]!.headers.get('x-d1-queries')).toBe('0');
    expect(await refusals[0]!.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await api('/api/health', { headers: { 'cf-connecting-ip': '203.0.113.78' } })).status).toBe(200);
  });
});

describe('caching', () => {
  it('marks every API answer no-store', async () => {
    const team = await seedTeam();
    expect((await api('/api/me', { token: team.token('rep') })).headers.get('cache-control')).toBe('no-store');
    expect((await api('/api/me')).headers.get('cache-control')).toBe('no-store');
  });
});
