import { describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { api, pushOk, seedTeam } from './helpers';

const LIVE = 'sidecar.live.v1';

/** Opens the live socket as a browser would: token in the subprotocol list, never in the URL. */
async function openLive(token: string): Promise<{ socket: WebSocket; messages: unknown[]; next: () => Promise<unknown> }> {
  const res = await api('/api/live', { headers: { upgrade: 'websocket', 'sec-websocket-protocol': `${LIVE}, bearer.${token}` } });
  expect(res.status).toBe(101);
  expect(res.headers.get('sec-websocket-protocol')).toBe(LIVE);
  const socket = res.webSocket!;
  socket.accept();
  const messages: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  socket.addEventListener('message', (e) => {
    const data = JSON.parse(e.data as string);
    const resolve = waiting.shift();
    if (resolve) resolve(data);
    else messages.push(data);
  });
  const next = () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { socket, messages, next };
}

function companyCreate(name: string) {
  return { id: ulid(), entity: 'company' as const, op: 'create' as const, recordId: ulid(), at: Date.now(), fields: { name, domain: null, website: null, phone: null, address: null, industry: null, grade: null } };
}

describe('live pokes', () => {
  it("pokes every open device of the team after a push applies, and no other team's", async () => {
    const team = await seedTeam();
    const other = await seedTeam();
    const manager = await openLive(team.token('manager'));
    const rep = await openLive(team.token('rep'));
    const stranger = await openLive(other.token('rep'));
    const { results } = await pushOk(team.token('rep'), [companyCreate('Live Co')]);
    const version = results[0]!.status === 'applied' ? results[0]!.version : -1;
    expect(await manager.next()).toEqual({ type: 'poke', version });
    expect(await rep.next()).toEqual({ type: 'poke', version });
    // The other team's push pokes only the other team.
    await pushOk(other.token('rep'), [companyCreate('Elsewhere')]);
    expect(await stranger.next()).toMatchObject({ type: 'poke' });
    expect(manager.messages).toEqual([]);
    for (const s of [manager, rep, stranger]) s.socket.close();
  });

  it('refuses a socket without a valid token, and a plain GET', async () => {
    const team = await seedTeam();
    expect((await api('/api/live', { headers: { upgrade: 'websocket', 'sec-websocket-protocol': `${LIVE}, bearer.sc_wrong` } })).status).toBe(401);
    expect((await api('/api/live', { headers: { upgrade: 'websocket', 'sec-websocket-protocol': `bearer.${team.token('rep')}` } })).status).toBe(401);
    expect((await api('/api/live', { token: team.token('rep') })).status).toBe(426);
  });
});
