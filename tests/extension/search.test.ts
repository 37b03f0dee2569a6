import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { ulid } from 'ulidx';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppDb, STORES_V1 } from '../../extension/db/appDb';
import { applyPulled } from '../../extension/sync/syncOnce';
import { writeLocal } from '../../extension/db/localWrite';
import { countLive, pageLive, searchList } from '../../extension/features/lists/listQueries';
import { reindexSearch } from '../../extension/search/reindex';
import { ensurePinyin, parseQuery } from '../../extension/search/searchKeys';

const teamId = ulid();
const me = ulid();
const colleague = ulid();
let db: AppDb;
let version = 0;

function contact(name: string, extra: Record<string, unknown> = {}) {
  return { id: ulid(), teamId, ownerId: me, createdAt: 1, updatedAt: 1, deletedAt: null, version: ++version, name, emails: [], phones: [], title: null, companyId: null, source: 'manual', sourceUrl: null, ...extra };
}
function company(name: string, extra: Record<string, unknown> = {}) {
  return { id: ulid(), teamId, ownerId: me, createdAt: 1, updatedAt: 1, deletedAt: null, version: ++version, name, domain: null, website: null, phone: null, address: null, industry: null, grade: null, ...extra };
}
const names = (rows: { name?: string; title?: string }[]) => rows.map((r) => r.name ?? r.title);

beforeAll(ensurePinyin);
beforeEach(async () => {
  db = new AppDb(`search-${ulid()}`);
  await db.open();
  await applyPulled(
    db,
    [
      contact('张三', { phones: ['+8613800138000'], emails: ['zhang.san@yunqi.cn'] }),
      contact('张三丰'),
      contact('李四', { ownerId: colleague }),
      contact('Jay Zhou 周杰', { title: '采购经理' }),
      contact('Zhang Wei', { emails: ['wei@example.com'] }),
      contact('已删除的张三', { deletedAt: 5 }),
      contact('Ärger Müller'),
    ].map((row) => ({ entity: 'contact' as const, row: row as never })),
    version,
  );
  await applyPulled(
    db,
    [company('上海云启信息技术有限公司', { domain: 'yunqi.cn' }), company('Contoso GmbH'), company('Acme, Inc.')].map((row) => ({ entity: 'company' as const, row: row as never })),
    version,
  );
});
afterEach(() => db.delete());

describe('local search', () => {
  it('finds Chinese names by substring, full pinyin and initials, exact and prefix first', async () => {
    expect(names(await searchList(db, 'contact', '张三', null))).toEqual(['张三', '张三丰']);
    expect(names(await searchList(db, 'contact', '三丰', null))).toEqual(['张三丰']);
    expect(names(await searchList(db, 'contact', 'zhangsan', null))).toEqual(['张三', '张三丰']);
    expect(names(await searchList(db, 'contact', 'zs', null))).toEqual(['张三', '张三丰']);
    expect(names(await searchList(db, 'contact', 'zsf', null))).toEqual(['张三丰']);
    expect(names(await searchList(db, 'contact', 'zhou', null))).toContain('Jay Zhou 周杰');
    expect(names(await searchList(db, 'contact', 'zhoujie', null))).toEqual(['Jay Zhou 周杰']);
  });

  it('finds phones typed in any format, and emails by address, name part or domain', async () => {
    for (const typed of ['138 0013 8000', '+86 138-0013-8000', '8613800138000', '0086 138 0013 8000', '8000']) {
      expect(names(await searchList(db, 'contact', typed, null)), typed).toEqual(['张三']);
    }
    expect(names(await searchList(db, 'contact', 'zhang.san@yunqi.cn', null))).toEqual(['张三']);
    expect(names(await searchList(db, 'contact', 'yunqi', null))).toEqual(['张三']);
    expect(names(await searchList(db, 'contact', 'Wei', null))).toEqual(['Zhang Wei']);
  });

  it('finds companies with or without their legal suffix, and by domain', async () => {
    expect(names(await searchList(db, 'company', '上海云启信息技术', null))).toEqual(['上海云启信息技术有限公司']);
    expect(names(await searchList(db, 'company', '云启', null))).toEqual(['上海云启信息技术有限公司']);
    expect(names(await searchList(db, 'company', 'yunqi.cn', null))).toEqual(['上海云启信息技术有限公司']);
    expect(names(await searchList(db, 'company', 'contoso', null))).toEqual(['Contoso GmbH']);
    expect(names(await searchList(db, 'company', 'acme inc', null))).toEqual(['Acme, Inc.']);
  });

  it('leaves out deleted rows and other owners when filtered, and finds nothing for nonsense', async () => {
    expect(names(await searchList(db, 'contact', '李四', colleague))).toEqual(['李四']);
    expect(names(await searchList(db, 'contact', '李四', me))).toEqual([]);
    expect(names(await searchList(db, 'contact', '已删除', null))).toEqual([]);
    expect(await searchList(db, 'contact', 'qqqqqq', null)).toEqual([]);
    expect(await searchList(db, 'contact', '   ', null)).toEqual([]);
    expect(names(await searchList(db, 'contact', 'ärger', null))).toEqual(['Ärger Müller']);
    expect(names(await searchList(db, 'contact', 'müller', null))).toEqual(['Ärger Müller']);
    expect(names(await searchList(db, 'contact', 'muller', null))).toEqual(['Ärger Müller']);
  });

  it('keeps keys current through local edits and deletes', async () => {
    const [id] = await writeLocal(db, { id: me, teamId }, [{ entity: 'contact', op: 'create', fields: { name: '王小明', emails: [], phones: [], title: null, companyId: null, source: 'manual', sourceUrl: null } }]);
    expect(names(await searchList(db, 'contact', 'wxm', null))).toEqual(['王小明']);
    await writeLocal(db, { id: me, teamId }, [{ entity: 'contact', op: 'update', recordId: id!, fields: { name: '王大明' } }]);
    expect(await searchList(db, 'contact', 'wxm', null)).toEqual([]);
    expect(names(await searchList(db, 'contact', 'wangdaming', null))).toEqual(['王大明']);
    await writeLocal(db, { id: me, teamId }, [{ entity: 'contact', op: 'delete', recordId: id! }]);
    expect(await searchList(db, 'contact', 'wangdaming', null)).toEqual([]);
  });

  it('parses what was typed: phones to digits, words otherwise', () => {
    expect(parseQuery('+86 138-0013-8000')).toEqual({ probes: ['8613800138000'], words: ['8613800138000'] });
    expect(parseQuery(' Zhang  San ')?.probes).toEqual(['zhangsan', 'zhang']);
    expect(parseQuery('')).toBeNull();
  });
});

describe('indexed lists', () => {
  it('counts and pages live rows in pinyin order, per owner', async () => {
    expect(await countLive(db, 'contact', null)).toBe(6);
    expect(await countLive(db, 'contact', colleague)).toBe(1);
    const all = names(await pageLive(db, 'contact', null, 0, 100));
    expect(all).toEqual(['Ärger Müller', 'Jay Zhou 周杰', '李四', '张三', '张三丰', 'Zhang Wei']);
    expect(names(await pageLive(db, 'contact', null, 2, 2))).toEqual(['李四', '张三']);
  });
});

describe('Dexie v2 → v3', () => {
  it('opens a v2 cache, keeps its rows and outbox, and makes them searchable', async () => {
    const name = `upgrade-${ulid()}`;
    const old = new Dexie(name);
    old.version(1).stores(STORES_V1);
    old.version(2).stores({ outbox: '++seq, &mutationId, recordId, status, [status+seq]' });
    await old.open();
    const row = contact('欧阳娜娜', { phones: ['+8613912345678'] });
    await old.table('contact').put(row);
    await old.table('outbox').add({ mutationId: ulid(), entity: 'contact', recordId: row.id, status: 'pending', mutation: {}, schemaVersion: 1, queuedAt: 1 });
    old.close();

    const upgraded = new AppDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(3);
    expect(await upgraded.outbox.count()).toBe(1);
    expect(await upgraded.contact.get(row.id)).toMatchObject({ name: '欧阳娜娜', phones: ['+8613912345678'] });
    await reindexSearch(upgraded);
    expect(names(await searchList(upgraded, 'contact', 'oynn', null))).toEqual(['欧阳娜娜']);
    expect(names(await searchList(upgraded, 'contact', '139 1234 5678', null))).toEqual(['欧阳娜娜']);
    expect(await reindexSearch(upgraded)).toBe(false);
    await upgraded.delete();
  });
});
