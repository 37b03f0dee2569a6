import 'fake-indexeddb/auto';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDb } from '../../extension/db/appDb';
import { writeLocal } from '../../extension/db/localWrite';

const viewer = { id: ulid(), teamId: ulid() };
const contactFields = { name: '王小明', emails: ['xm@example.cn'], phones: [], title: null, companyId: null, source: 'manual' as const, sourceUrl: null };
let db: AppDb;

beforeEach(async () => {
  db = new AppDb(`test-${ulid()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('writeLocal', () => {
  it('writes the record and its outbox mutation together', async () => {
    const [id] = await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: contactFields }]);
    const row = await db.contact.get(id!);
    expect(row).toMatchObject({ ...contactFields, ownerId: viewer.id, teamId: viewer.teamId, deletedAt: null, version: 0 });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: 'pending', entity: 'contact', recordId: id, mutation: { op: 'create', recordId: id, fields: contactFields } });
  });

  it('writes nothing, neither record nor outbox, when any change in the batch is invalid', async () => {
    await expect(
      writeLocal(db, viewer, [
        { entity: 'contact', op: 'create', fields: contactFields },
        { entity: 'contact', op: 'create', fields: { ...contactFields, emails: ['not an email'] } },
      ]),
    ).rejects.toThrow();
    expect(await db.contact.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('rolls back the record when the outbox write fails inside the transaction', async () => {
    const [id] = await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: contactFields }]);
    const existing = (await db.outbox.toArray())[0]!;
    // Force a unique-key failure on the outbox (same mutation id) after the record write.
    const original = db.outbox.add.bind(db.outbox);
    db.outbox.add = ((entry: typeof existing) => original({ ...entry, mutationId: existing.mutationId })) as typeof db.outbox.add;
    await expect(writeLocal(db, viewer, [{ entity: 'contact', op: 'update', recordId: id!, fields: { name: 'Changed' } }])).rejects.toThrow();
    db.outbox.add = original as typeof db.outbox.add;
    expect((await db.contact.get(id!))!.name).toBe('王小明');
    expect(await db.outbox.count()).toBe(1);
  });

  it('applies updates, deletes and restores optimistically and queues each in order', async () => {
    const [id] = await writeLocal(db, viewer, [{ entity: 'contact', op: 'create', fields: contactFields }]);
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'update', recordId: id!, fields: { title: '经理' } }]);
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'delete', recordId: id! }]);
    expect((await db.contact.get(id!))!.deletedAt).toBeTypeOf('number');
    await writeLocal(db, viewer, [{ entity: 'contact', op: 'restore', recordId: id! }]);
    expect(await db.contact.get(id!)).toMatchObject({ title: '经理', deletedAt: null });
    const ops = (await db.outbox.orderBy('seq').toArray()).map((e) => e.mutation.op);
    expect(ops).toEqual(['create', 'update', 'delete', 'restore']);
  });
});
