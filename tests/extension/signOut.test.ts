import 'fake-indexeddb/auto';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDb } from '../../extension/db/appDb';
import { writeLocal } from '../../extension/db/localWrite';
import { getMeta, setMeta } from '../../extension/db/meta';
import { disconnect } from '../../extension/sync/session';

const viewer = { id: ulid(), teamId: ulid() };
let db: AppDb;
let calls: string[];
beforeEach(async () => {
  db = new AppDb(`test-${ulid()}`);
  await db.open();
  await setMeta(db, 'session', { apiUrl: 'https://api.test', token: 'sc_device' });
  calls = [];
  // The API, as far as sign-out is concerned: it records the call (a real one revokes the token).
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push(`${init.method ?? 'GET'} ${url} ${new Headers(init.headers).get('authorization')}`);
    return new Response(null, { status: 204 });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('signing out', () => {
  it('revokes the token on the server and clears cache, outbox and settings', async () => {
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: { name: 'Ada', emails: [], phones: [], title: null, companyId: null, source: 'manual', sourceUrl: null } }]);
    await db.outbox.clear(); // as if it had synced
    await disconnect(db);
    expect(calls).toEqual(['POST https://api.test/api/auth/sign-out Bearer sc_device']);
    expect(await db.contact.count()).toBe(0);
    expect(await getMeta(db, 'session')).toBeUndefined();
  });

  it('refuses while changes are unsent, naming how many, and discards them only when asked', async () => {
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: { name: 'Unsent', emails: [], phones: [], title: null, companyId: null, source: 'manual', sourceUrl: null } }]);
    await expect(disconnect(db)).rejects.toMatchObject({ code: 'unsent_changes', details: { count: 1 } });
    expect(await db.outbox.count()).toBe(1);
    expect(calls).toEqual([]);
    await disconnect(db, { discardUnsent: true });
    expect(await db.outbox.count()).toBe(0);
    expect(await getMeta(db, 'session')).toBeUndefined();
  });

  it('still signs out locally when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await disconnect(db);
    expect(await getMeta(db, 'session')).toBeUndefined();
  });
});
