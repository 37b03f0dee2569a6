import { ulid } from 'ulidx';
import { ENTITY_NAMES } from '../../../shared/api/entities';
import { isRemoval, type PullItem } from '../../../shared/api/sync';
import { AppDb } from '../../db/appDb';
import { writeLocal } from '../../db/localWrite';
import { createApiClient } from '../../sync/apiClient';
import { syncOnce } from '../../sync/syncOnce';
import { reindexSearch } from '../../search/reindex';
import { readCapture } from '../../capture/readCapture';
import { extractFromMail } from '../../../shared/extract/extractMail';
import { extractFromPage } from '../../../shared/extract/extractPage';
import { saveCapture } from '../../features/capture/saveCapture';
import { generateUiRows, type UiRowCounts } from '../../../bench/lib/uiRows';
import { getDb } from '../../db/appDb';
import { getMeta } from '../../db/meta';
import { sendToBackground } from '../../messaging/sendToBackground';
import { countLive, pageLive, searchList } from '../../features/lists/listQueries';
import { ensurePinyin, parseQuery } from '../../search/searchKeys';

/**
 * Hooks for bench/sync.ts, which calls them through Playwright. They run the extension's real
 * Dexie and sync code in Chromium against wrangler dev; this page is left out of normal builds.
 */
const bench = {
  /** Empty cache → fully synced, end to end. */
  async initialSync(apiUrl: string, token: string) {
    const db = new AppDb(`bench-${ulid()}`);
    const started = performance.now();
    await syncOnce(db, createApiClient(apiUrl, token), ulid());
    const ms = performance.now() - started;
    // A first sync leaves search keys out; the background adds them right after.
    await reindexSearch(db);
    const searchableMs = performance.now() - started;
    const rows = (await Promise.all(ENTITY_NAMES.map((e) => db.records(e).count()))).reduce((a, b) => a + b, 0);
    return { ms, searchableMs, rows, dbName: db.name };
  },

  /** The floor: the same rows written straight into Dexie with bulkPut, fetched beforehand. */
  async dexieFloor(apiUrl: string, token: string) {
    const api = createApiClient(apiUrl, token);
    const items: PullItem[] = [];
    for (let cursor = 0; ; ) {
      const page = await api.pull(cursor, 1000);
      items.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const db = new AppDb(`floor-${ulid()}`);
    await db.open();
    db.deferSearchKeys = true; // the same rows the first sync writes: list keys, no search keys
    const byEntity = new Map<string, unknown[]>();
    for (const item of items) if (!isRemoval(item)) (byEntity.get(item.entity) ?? byEntity.set(item.entity, []).get(item.entity)!).push(item.row);
    const started = performance.now();
    for (const [entity, rows] of byEntity) {
      for (let i = 0; i < rows.length; i += 500) await db.table(entity).bulkPut(rows.slice(i, i + 500));
    }
    const ms = performance.now() - started;
    db.close();
    return { ms, rows: items.length };
  },

  /** Queue `count` new contacts offline in an already synced cache, then time the sync round that pushes them. */
  async push(apiUrl: string, token: string, dbName: string, user: { id: string; teamId: string }, count: number) {
    const db = new AppDb(dbName);
    await db.open();
    for (let i = 0; i < count; i += 100) {
      await writeLocal(
        db,
        user,
        Array.from({ length: Math.min(100, count - i) }, (_, k) => ({
          entity: 'contact' as const,
          op: 'create' as const,
          fields: { name: `Bench push ${i + k}`, emails: [`push${i + k}@bench.example`], phones: [], title: null, companyId: null, source: 'manual' as const, sourceUrl: null },
        })),
      );
    }
    const api = createApiClient(apiUrl, token);
    let pushMs = 0;
    const timed = { ...api, push: async (...args: Parameters<typeof api.push>) => {
      const t = performance.now();
      try {
        return await api.push(...args);
      } finally {
        pushMs += performance.now() - t;
      }
    } };
    const started = performance.now();
    const report = await syncOnce(db, timed, ulid());
    const ms = performance.now() - started;
    db.close();
    return { ms, pushMs, pushed: report.pushed, left: await new AppDb(dbName).outbox.count() };
  },
};

/**
 * From the capture action to the record saved locally: read the message DOM (a Gmail fixture
 * parsed here), extract the lead, and write company, contact, deal and activity to Dexie.
 * Messaging and rendering are left out; they are the same for any record.
 */
async function captureToSaved(html: string, runs: number) {
  const db = new AppDb(`capture-${ulid()}`);
  await db.open();
  const viewer = { id: ulid(), teamId: ulid() };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const doc = new DOMParser().parseFromString(html.replaceAll('wangqiang@', `wangqiang${i}@`), 'text/html');
    const started = performance.now();
    const input = readCapture(doc);
    const draft = input.kind === 'mail' ? extractFromMail(input, 'CN') : extractFromPage(input, 'CN');
    await saveCapture(db, viewer, { name: draft.lead.name ?? '', title: draft.lead.title ?? '', company: draft.lead.company ?? '', emails: draft.lead.emails, phones: draft.lead.phones, website: draft.lead.website ?? '', address: draft.lead.address ?? '' }, {
      source: draft.source,
      sourceUrl: 'https://mail.google.com/mail/u/0/#inbox/bench',
      companyId: null,
      attachTo: null,
      createDeal: true,
      firstStageId: 'lead',
      currency: 'CNY',
      activity: draft.activity,
    });
    times.push(performance.now() - started);
  }
  const saved = await db.contact.count();
  db.close();
  return { times, saved };
}

/**
 * bench:ui: fills the side panel's own cache (the connected user's database) with a team's worth
 * of rows, written like pulled rows (bulkPut, so the search keys are derived as in real use).
 */
async function fillCache(counts: UiRowCounts) {
  const db = getDb();
  await ensurePinyin();
  const me = await getMeta(db, 'me');
  if (!me) throw new Error('connect first');
  const rows = generateUiRows(counts, me.team.id, me.members.map((m) => m.id), Date.now());
  const started = performance.now();
  for (const [table, list] of [['company', rows.companies], ['contact', rows.contacts], ['deal', rows.deals]] as const) {
    for (let i = 0; i < list.length; i += 2000) await db.table(table).bulkPut(list.slice(i, i + 2000));
  }
  return { ms: performance.now() - started, cached: await db.contact.count(), sample: { contact: rows.contacts[123]!.name, phone: rows.contacts[123]!.phones[0]! } };
}

/** Where list time goes: counting the contacts index range, reading its first block, both at once. */
async function listCosts() {
  const db = getDb();
  let t = performance.now();
  await countLive(db, 'contact', null);
  const count = performance.now() - t;
  t = performance.now();
  await pageLive(db, 'contact', null, 0, 100);
  const page = performance.now() - t;
  t = performance.now();
  const both = await Promise.all([countLive(db, 'contact', null).then(() => performance.now() - t), pageLive(db, 'contact', null, 0, 100).then(() => performance.now() - t)]);
  t = performance.now();
  await db.contact.count();
  const storeCount = performance.now() - t;
  return { count, page, countAlongside: both[0], pageAlongside: both[1], storeCount };
}

/** bench:ui, board: the floor for its first render, an indexed read of every deal in the cache. */
async function dealsFloor(runs: number) {
  const db = getDb();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await db.deal.orderBy('stageId').toArray();
    times.push(performance.now() - t);
  }
  return times;
}

/** Per keystroke of each query: the panel's search function, and a raw indexed lookup as the floor. */
async function searchTimings(queries: string[]) {
  const db = getDb();
  await ensurePinyin();
  const search: number[] = [];
  const floor: number[] = [];
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      const typed = query.slice(0, n);
      let t = performance.now();
      await searchList(db, 'contact', typed, null);
      search.push(performance.now() - t);
      const probe = parseQuery(typed)?.probes[0] ?? typed;
      t = performance.now();
      await db.contact.where('_words').startsWith(probe).limit(50).toArray();
      floor.push(performance.now() - t);
    }
  }
  return { search, floor };
}

/** bench:sync, live: the connected user's first own contact (the record the writes go to). */
async function liveTarget() {
  const db = getDb();
  const me = await getMeta(db, 'me');
  const row = await db.contact.filter((c) => c.ownerId === me?.user.id && c.deletedAt === null).first();
  return row?.id ?? null;
}

/** Resolves once this device has finished its first sync's search keys (steady state). */
async function settled(timeoutMs: number) {
  const db = getDb();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await getMeta(db, 'searchKeysVersion')) !== undefined && (await db.outbox.count()) === 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Writes a new title on this device and asks the background to push; returns when, and when the outbox emptied. */
async function liveWrite(contactId: string, title: string) {
  const db = getDb();
  const me = (await getMeta(db, 'me'))!;
  const at = Date.now();
  await writeLocal(db, me.user, [{ entity: 'contact', op: 'update', recordId: contactId, fields: { title } }]);
  await sendToBackground({ type: 'sync-now' });
  while ((await db.outbox.count()) > 0) await new Promise((r) => setTimeout(r, 5));
  return { at, pushedAt: Date.now() };
}

/** On the other device: resolves with the time the title shows in its cache (which the panel renders from). */
async function waitForTitle(contactId: string, title: string, timeoutMs: number) {
  const db = getDb();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await db.contact.get(contactId))?.title === title) return Date.now();
    await new Promise((r) => setTimeout(r, 5));
  }
  return null;
}

(globalThis as unknown as { sidecarBench: unknown }).sidecarBench = { ...bench, captureToSaved, dealsFloor, fillCache, searchTimings, listCosts, liveTarget, liveWrite, waitForTitle, settled };
document.body.dataset.ready = 'true';
