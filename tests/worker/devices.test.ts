import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../worker/auth/token';
import { api, seedTeam } from './helpers';

const DAY = 86_400_000;

/** A second device for a user: a token row as sign-in would make it. */
async function addDevice(userId: string, teamId: string, label: string): Promise<{ id: string; token: string }> {
  const token = generateToken();
  const id = ulid();
  await env.DB.prepare('INSERT INTO api_tokens (id, user_id, team_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(id, userId, teamId, await hashToken(token), label, Date.now(), Date.now() + 90 * DAY)
    .run();
  return { id, token };
}

type Devices = { devices: { id: string; label: string; current: boolean; lastUsedAt: number | null }[] };

describe('devices and sign-out', () => {
  it('lists only my live devices, marks this one, and never shows a token', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const laptop = await addDevice(rep.userId, team.teamId, 'Chrome on macOS');
    const res = await api('/api/devices', { token: laptop.token });
    const text = await res.text();
    expect(res.status).toBe(200);
    const { devices } = JSON.parse(text) as Devices;
    expect(devices.map((d) => [d.label, d.current])).toEqual([
      ['demo', false],
      ['Chrome on macOS', true],
    ]);
    expect(text).not.toContain(laptop.token);
    expect(text).not.toMatch(/token_?hash/i);
  });

  it('revokes another of my devices at once, but not a teammate’s (not found)', async () => {
    const team = await seedTeam();
    const [rep, teammate] = team.logins.filter((l) => l.role === 'rep');
    const laptop = await addDevice(rep!.userId, team.teamId, 'laptop');
    const theirs = await addDevice(teammate!.userId, team.teamId, 'theirs');

    expect((await api(`/api/devices/${theirs.id}`, { method: 'DELETE', token: rep!.token })).status).toBe(404);
    expect((await api('/api/me', { token: theirs.token })).status).toBe(200);

    expect((await api(`/api/devices/${laptop.id}`, { method: 'DELETE', token: rep!.token })).status).toBe(204);
    expect((await api('/api/me', { token: laptop.token })).status).toBe(401);
    expect((await api(`/api/devices/${laptop.id}`, { method: 'DELETE', token: rep!.token })).status).toBe(404);
    expect((await api('/api/devices/not-an-id', { method: 'DELETE', token: rep!.token })).status).toBe(400);
  });

  it('signs this device out: its token stops working, the others keep theirs', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const other = await addDevice(rep.userId, team.teamId, 'other');
    expect((await api('/api/auth/sign-out', { method: 'POST', token: rep.token })).status).toBe(204);
    expect((await api('/api/me', { token: rep.token })).status).toBe(401);
    expect((await api('/api/me', { token: other.token })).status).toBe(200);
  });

  it('keeps a token in use alive (sliding expiry), noting its last use', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    const device = await addDevice(rep.userId, team.teamId, 'soon expiring');
    await env.DB.prepare('UPDATE api_tokens SET expires_at = ? WHERE id = ?').bind(Date.now() + DAY, device.id).run();
    expect((await api('/api/me', { token: device.token })).status).toBe(200);
    const row = await env.DB.prepare('SELECT expires_at AS expiresAt, last_used_at AS lastUsedAt FROM api_tokens WHERE id = ?').bind(device.id).first<{ expiresAt: number; lastUsedAt: number }>();
    expect(row!.expiresAt).toBeGreaterThan(Date.now() + 89 * DAY);
    expect(row!.lastUsedAt).toBeGreaterThan(Date.now() - 60_000);
    // An expired token is not revived by trying it.
    await env.DB.prepare('UPDATE api_tokens SET expires_at = ? WHERE id = ?').bind(Date.now() - 1, device.id).run();
    expect((await api('/api/me', { token: device.token })).status).toBe(401);
  });
});
