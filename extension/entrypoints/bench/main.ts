import { ulid } from 'ulidx';
import { ENTITY_NAMES } from '../../../shared/api/entities';
import { isRemoval, type PullItem } from '../../../shared/api/sync';
import { AppDb } from '../../db/appDb';
import { writeLocal } from '../../db/localWrite';
import { createApiClient } from '../../sync/apiClient';
import { syncOnce } from '../../sync/syncOnce';
import { readCapture } from '../../capture/readCapture';
import { extractFromMail } from '../../../shared/extract/extractMail';
import { extractFromPage } from '../../../shared/extract/extractPage';
import { saveCapture } from '../../features/capture/saveCapture';

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
    const rows = (await Promise.all(ENTITY_NAMES.map((e) => db.records(e).count()))).reduce((a, b) => a + b, 0);
    return { ms, rows, dbName: db.name };
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

(globalThis as unknown as { sidecarBench: typeof bench & { captureToSaved: typeof captureToSaved } }).sidecarBench = { ...bench, captureToSaved };
document.body.dataset.ready = 'true';
