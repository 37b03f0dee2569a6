import { describe, expect, it } from 'vitest';
import { api, seedTeam } from './helpers';

describe('PATCH /api/me', () => {
  it("changes the caller's own language and time zone, and /api/me then says so", async () => {
    const team = await seedTeam();
    const token = team.token('rep');
    const res = await api('/api/me', { method: 'PATCH', token, body: JSON.stringify({ locale: 'en', timeZone: 'Europe/Berlin', name: '  Lei Li 李雷 ', digestHour: 7 }) });
    expect(res.status).toBe(200);
    const me = (await (await api('/api/me', { token })).json()) as { user: { locale: string; timeZone: string; name: string; digestHour: number }; members: { name: string }[] };
    expect(me.user).toMatchObject({ locale: 'en', timeZone: 'Europe/Berlin', name: 'Lei Li 李雷', digestHour: 7 });
    // Teammates see the new display name.
    const seen = (await (await api('/api/me', { token: team.token('manager') })).json()) as { members: { name: string }[] };
    expect(seen.members.map((m) => m.name)).toContain('Lei Li 李雷');
    // Nobody else changed.
    const other = (await (await api('/api/me', { token: team.token('manager') })).json()) as { user: { timeZone: string } };
    expect(other.user.timeZone).not.toBe('Europe/Berlin');
  });

  it('refuses bad values naming the field, unknown fields, and no token', async () => {
    const team = await seedTeam();
    const token = team.token('rep');
    for (const [body, field] of [
      [{ locale: 'fr' }, 'locale'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ role: 'admin' }, 'role'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ digestHour: 7.5 }, 'digestHour'],
      [{ name: '   ' }, 'name'],
      [{ disabledAt: null }, 'disabledAt'],
    ] as const) {
      const res = await api('/api/me', { method: 'PATCH', token, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    expect((await api('/api/me', { method: 'PATCH', token, body: '{}' })).status).toBe(400);
    expect((await api('/api/me', { method: 'PATCH', body: JSON.stringify({ locale: 'en' }) })).status).toBe(401);
  });
});
