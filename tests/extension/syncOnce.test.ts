import 'fake-indexeddb/auto';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation, PullResponse, PushResponse } from '../../shared/api/sync';
import { AppDb } from '../../extension/db/appDb';
import { writeLocal } from '../../extension/db/localWrite';
import { getMeta } from '../../extension/db/meta';
import { ApiCallError, type ApiClient } from '../../extension/sync/apiClient';
import { countLive, searchList } from '../../extension/features/lists/listQueries';
import { reindexSearch } from '../../extension/search/reindex';
import { syncOnce } from '../../extension/sync/syncOnce';

const viewer = { id: ulid(), teamId: ulid() };
const contactFields = { name: 'Ada', emails: [], phones: [], title: null, companyId: null, source: 'manual' as const, sourceUrl: null };
let db: AppDb;
beforeEach(async () => {
  db = new AppDb(`test-${ulid()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** An API double answering from scripted results; the real API is tested in workerd. */
function fakeApi(options: { push?: (m: Mutation[]) => PushResponse | Promise<PushResponse>; pages?: PullResponse[] }): ApiClient & { pushed: Mutation[][] } {
  const pushed: Mutation[][] = [];
  const pages = [...(options.pages ?? [])];
  return {
    pushed,
    me: async () => {
      throw new Error('not used');
    },
    updateMe: async () => {
      throw new Error('not used');
    },
    dedupCheck: async () => ({ contacts: [], companies: [] }),
    requestSignInCode: async () => {
      throw new Error('not used');
    },
    signIn: async () => {
      throw new Error('not used');
    },
    signOut: async () => {
      throw new Error('not used');
    },
    listClaims: async () => [],
    push: async (_clientId, mutations) => {
      pushed.push(mutations);
      return options.push ? options.push(mutations) : { results: mutations.map((m, i) => ({ mutationId: m.id, status: 'applied' as const, version: i + 1 })) };
    },
    pull: async (cursor) => pages.shift() ?? { changes: [], cursor, hasMore: false },
  };
}

describe('syncOnce', () => {
  it('writes a first sync without search keys, which reindexSearch then adds', async () => {
    const row = { id: ulid(), teamId: viewer.teamId, ownerId: viewer.id, createdAt: 1, updatedAt: 1, deletedAt: null, version: 1, ...contactFields, name: '欧阳锋' };
    const api = fakeApi({ pages: [{ changes: [{ entity: 'contact', row: row as never }], cursor: 1, hasMore: false }] });
    await syncOnce(db, api, ulid());
    expect(await countLive(db, 'contact', null)).toBe(1); // lists work at once
    expect(await searchList(db, 'contact', 'oyf', null)).toEqual([]);
    expect(await reindexSearch(db)).toBe(true);
    expect((await searchList<{ name: string }>(db, 'contact', 'oyf', null)).map((c) => c.name)).toEqual(['欧阳锋']);
    // Later rounds (cursor > 0) write keys with every row.
    const later = { ...row, id: ulid(), version: 2, name: '黄药师' };
    await syncOnce(db, fakeApi({ pages: [{ changes: [{ entity: 'contact', row: later as never }], cursor: 2, hasMore: false }] }), ulid());
    expect((await searchList<{ name: string }>(db, 'contact', 'hys', null)).map((c) => c.name)).toEqual(['黄药师']);
    expect(await reindexSearch(db)).toBe(false);
  });

  it('removes applied mutations and keeps rejected ones with the reason', async () => {
    await writeLocal(db, viewer, [
      { entity: 'contact', op: 'create', fields: contactFields },
      { entity: 'contact', op: 'create', fields: { ...contactFields, name: 'Bob' } },
    ]);
    const api = fakeApi({
      push: (ms) => ({
        results: [
          { mutationId: ms[0]!.id, status: 'applied', version: 1 },
          { mutationId: ms[1]!.id, status: 'rejected', error: { code: 'conflict', message: 'email taken', field: 'fields.emails' } },
        ],
      }),
    });
    const report = await syncOnce(db, api, ulid());
    expect(report).toMatchObject({ pushed: 1, rejected: 1 });
    const left = await db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict', message: 'email taken' } });
  });

  it('keeps the whole outbox when the network fails', async () => {
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: contactFields }]);
    const api = fakeApi({
      push: () => {
        throw new ApiCallError('offline', 'Failed to fetch');
      },
    });
    await expect(syncOnce(db, api, ulid())).rejects.toThrow('Failed to fetch');
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
  });

  it('sets aside only the mutation a 400 names, and pushes the rest', async () => {
    await writeLocal(db, viewer, [
      { entity: 'contact', op: 'create', fields: contactFields },
      { entity: 'contact', op: 'create', fields: { ...contactFields, name: 'Second' } },
    ]);
    let first = true;
    const api = fakeApi({
      push: (ms) => {
        if (first) {
          first = false;
          throw new ApiCallError('http', 'mutations.0.fields.name: too long', 400, 'bad_request', { mutationId: ms[0]!.id, fields: [{ field: 'mutations.0.fields.name' }] });
        }
        return { results: ms.map((m) => ({ mutationId: m.id, status: 'applied' as const, version: 9 })) };
      },
    });
    await syncOnce(db, api, ulid());
    expect(api.pushed.map((b) => b.length)).toEqual([2, 1]);
    const left = await db.outbox.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]!.status).toBe('rejected');
  });

  it('pushes in batches of at most 100', async () => {
    await writeLocal(db, viewer, Array.from({ length: 250 }, (_, i) => ({ entity: 'contact' as const, op: 'create' as const, fields: { ...contactFields, name: `C${i}` } })));
    const api = fakeApi({});
    await syncOnce(db, api, ulid());
    expect(api.pushed.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('applies pulled pages and the cursor, keeping unsent local edits on top', async () => {
    const [id] = await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: contactFields }]);
    const serverRow = { ...contactFields, mergedIntoId: null, id: id!, teamId: viewer.teamId, ownerId: viewer.id, createdAt: 1, updatedAt: 1, deletedAt: null, version: 5, name: 'Server name', title: 'CTO' };
    await db.outbox.clear();
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'update', recordId: id!, fields: { name: 'Local name' } }]);
    const api = fakeApi({
      push: () => {
        throw new ApiCallError('offline', 'down');
      },
    });
    await expect(syncOnce(db, api, ulid())).rejects.toThrow();
    const pullOnly = fakeApi({
      push: (ms) => ({ results: ms.map((m) => ({ mutationId: m.id, status: 'rejected' as const, error: { code: 'forbidden' as const, message: 'no' } })) }),
      pages: [
        { changes: [{ entity: 'contact', row: serverRow }], cursor: 5, hasMore: true },
        { changes: [], cursor: 5, hasMore: false },
      ],
    });
    await syncOnce(db, pullOnly, ulid());
    expect(await db.contact.get(id!)).toMatchObject({ name: 'Local name', title: 'CTO', version: 5 });
    expect(await getMeta(db, 'cursor')).toBe(5);
  });
});
