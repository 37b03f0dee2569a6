/**
 * `npm run bench:sync`: initial sync of 10,000 contacts + 2,000 deals + 20,000 activities into an
 * empty cache (worker under wrangler dev, the extension's Dexie and sync code in Chromium), and
 * a push of 1,000 queued mutations; each compared with raw floors measured in the same run:
 * the same rows written straight into D1 in raw batches, and straight into Dexie with bulkPut.
 * Printed and written to bench/results/sync.json, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types/index.ts';
import { getTableColumns, type Table } from 'drizzle-orm';
import { getPlatformProxy } from 'wrangler';
import { activities, contacts, deals } from '../worker/db/schema';
import { applyMigrations, queryJson, seedDemo, startApi, tableName } from '../scripts/lib/localD1';
import { freePort, ROOT, runBin } from '../scripts/lib/processes';
import { launchWithExtension, submitToken } from '../tests/e2e/harness';
import { generateBulkRows } from './lib/bulkRows';
import { percentile, report, type Figure } from './lib/stats';

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-sync-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
const rep = logins.find((l) => l.email.startsWith('lilei'))!;
const [team] = queryJson<{ team_id: string; version: number }>(persistTo, `SELECT u.team_id, t.version FROM users u JOIN teams t ON t.id = u.team_id WHERE u.id = '${rep.userId}'`);
const owner = { id: rep.userId, teamId: team!.team_id };
const bulk = generateBulkRows(owner, team!.version);
const totalRows = bulk.contacts.length + bulk.deals.length + bulk.activities.length;

/**
 * Multi-row INSERTs within D1's 100 bound parameters, run as batches of 50 statements. INSERT OR
 * REPLACE makes a batch safe to resend: wrangler's local proxy has dropped its connection after
 * 12–22 s of batches on a busy 2-core machine ("fetch failed … other side closed"), so a failed
 * batch is sent again on a fresh proxy (at most 3 times; the retry's time is counted).
 */
async function rawInsert(db: () => D1Database, table: unknown, rows: Record<string, unknown>[]): Promise<void> {
  const columns = getTableColumns(table as Table);
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const perStatement = Math.floor(100 / keys.length);
  const sqlFor = (n: number) =>
    `INSERT OR REPLACE INTO "${tableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES ${Array.from({ length: n }, () => `(${keys.map(() => '?').join(', ')})`).join(', ')}`;
  // Kept as SQL and values so a retried batch can be prepared again on a new proxy.
  const statements: { sql: string; args: unknown[] }[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const values = part.flatMap((row) => keys.map((k) => (Array.isArray(row[k]) ? JSON.stringify(row[k]) : row[k])));
    statements.push({ sql: sqlFor(part.length), args: values });
  }
  for (let i = 0; i < statements.length; i += 50) {
    for (let attempt = 1; ; attempt++) {
      try {
        const d1 = db();
        await d1.batch(statements.slice(i, i + 50).map((st) => d1.prepare(st.sql).bind(...st.args)));
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        console.warn(`raw D1 batch failed (${err instanceof Error ? err.message : err}); retrying on a fresh proxy`);
        await reopenProxy();
      }
    }
  }
}

// Raw D1 floors, through wrangler's own local D1 (the same engine wrangler dev serves).
const openProxy = () => getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(persistTo, 'v3') } });
let proxy = await openProxy();
async function reopenProxy(): Promise<void> {
  await proxy.dispose().catch(() => undefined);
  proxy = await openProxy();
}
let d1AllMs: number;
let d1PushFloorMs: number;
try {
  const db = () => proxy.env.DB;
  let started = performance.now();
  await rawInsert(db, contacts, bulk.contacts);
  await rawInsert(db, deals, bulk.deals);
  await rawInsert(db, activities, bulk.activities);
  d1AllMs = performance.now() - started;
  await db().prepare('UPDATE teams SET version = ? WHERE id = ?').bind(bulk.lastVersion, owner.teamId).run();
  const probe = generateBulkRows(owner, 0).contacts.slice(0, 1000).map((c, i) => ({ ...c, version: 0, emails: [`probe${i}@x.example`] }));
  started = performance.now();
  await rawInsert(db, contacts, probe);
  d1PushFloorMs = performance.now() - started;
  await db().prepare("DELETE FROM contacts WHERE emails LIKE '%@x.example%'").run();
} finally {
  await proxy.dispose();
}

const api = await startApi({ port: await freePort(), persistTo });
const extensionOut = join(scratch, 'extension');
runBin('wxt', ['build'], { env: { SIDECAR_BENCH: '1', SIDECAR_OUT_DIR: extensionOut, WXT_API_URL: api.url } });
const browser = await launchWithExtension(join(extensionOut, 'chrome-mv3'));
let second: Awaited<ReturnType<typeof launchWithExtension>> | undefined;

/**
 * Two connected devices: the rep's extension in this profile, the manager's in a second one.
 * Each of LIVE_WRITES edits on the rep's side is timed until the manager's cache has it.
 */
async function measureLive(): Promise<{ latency: number[]; push: number[] }> {
  const LIVE_WRITES = 20;
  const manager = logins.find((l) => l.role === 'manager')!;
  second = await launchWithExtension(join(extensionOut, 'chrome-mv3'));
  const open = async (b: typeof browser, token: string) => {
    const panel = await b.openSidePanel();
    await submitToken(panel, token);
    await panel.waitForSelector('[data-testid="deal-list"] [data-index="0"] button', { timeout: 60_000 });
    const hooks = await b.context.newPage();
    await hooks.goto(`chrome-extension://${b.extensionId}/bench.html`);
    await hooks.waitForSelector('body[data-ready="true"]');
    return <T>(name: string, ...args: unknown[]) =>
      hooks.evaluate(([n, a]) => (globalThis as unknown as { sidecarBench: Record<string, (...x: unknown[]) => unknown> }).sidecarBench[n]!(...(a as unknown[])), [name, args] as const) as Promise<T>;
  };
  const writer = await open(browser, rep.token);
  const reader = await open(second, manager.token);
  const contactId = await writer<string>('liveTarget');
  const latency: number[] = [];
  const push: number[] = [];
  // Steady state: both devices done with their first sync's search keys, live sockets open.
  if (!(await writer<boolean>('settled', 60_000)) || !(await reader<boolean>('settled', 60_000))) throw new Error('devices did not settle');
  await new Promise((r) => setTimeout(r, 1000));
  for (let i = 0; i < LIVE_WRITES; i++) {
    const title = `live ${i} ${Date.now()}`;
    const seen = reader<number | null>('waitForTitle', contactId, title, 60_000);
    const { at, pushedAt } = await writer<{ at: number; pushedAt: number }>('liveWrite', contactId, title);
    const shownAt = await seen;
    if (shownAt === null) throw new Error(`write ${i} never reached the other device`);
    latency.push(shownAt - at);
    push.push(pushedAt - at);
  }
  return { latency, push };
}

try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/bench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  type Bench = {
    initialSync: (u: string, t: string) => Promise<{ ms: number; searchableMs: number; rows: number; dbName: string }>;
    dexieFloor: (u: string, t: string) => Promise<{ ms: number; rows: number }>;
    push: (u: string, t: string, db: string, user: { id: string; teamId: string }, n: number) => Promise<{ ms: number; pushMs: number; pushed: number; left: number }>;
  };
  const call = <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) =>
    page.evaluate(([n, a]) => (globalThis as unknown as { sidecarBench: Record<string, (...x: unknown[]) => unknown> }).sidecarBench[n]!(...a), [name, args] as const) as ReturnType<Bench[K]>;

  const initial = await call('initialSync', api.url, rep.token);
  const floor = await call('dexieFloor', api.url, rep.token);
  const push = await call('push', api.url, rep.token, initial.dbName, owner, 1000);
  if (push.pushed !== 1000 || push.left !== 0) throw new Error(`push bench did not push everything: ${JSON.stringify(push)}`);

  const live = await measureLive();

  const figures: Figure[] = [
    { name: 'live: write on one device until cached on another, p50', unit: 'ms', value: percentile(live.latency, 50) },
    { name: 'live: write on one device until cached on another, p95', unit: 'ms', value: percentile(live.latency, 95) },
    { name: "floor: the writer's own push round, p50", unit: 'ms', value: percentile(live.push, 50) },
    { name: 'initial sync, 32,000 rows, end to end', unit: 'ms', value: initial.ms },
    { name: 'initial sync until searchable (search keys added after)', unit: 'ms', value: initial.searchableMs },
    { name: 'floor: same rows bulkPut into Dexie', unit: 'ms', value: floor.ms },
    { name: 'floor: same rows raw-batched into D1', unit: 'ms', value: d1AllMs },
    { name: 'initial sync / Dexie floor', unit: 'ratio', value: initial.ms / floor.ms },
    { name: 'initial sync / (Dexie + D1 floors)', unit: 'ratio', value: initial.ms / (floor.ms + d1AllMs) },
    { name: 'push of 1,000 queued mutations, round incl. pull-back', unit: 'ms', value: push.ms },
    { name: 'push of 1,000: time in push requests', unit: 'ms', value: push.pushMs },
    { name: 'floor: 1,000 contacts raw-batched into D1', unit: 'ms', value: d1PushFloorMs },
    { name: 'push requests / D1 floor', unit: 'ratio', value: push.pushMs / d1PushFloorMs },
  ];
  report('sync', figures, [
    `(live: ${live.latency.length} writes by a rep in one Chromium profile, read by the manager's extension in another; the sync alarm fires once a minute, so anything under a minute came over the live channel)`,`(${initial.rows} rows cached after the initial sync of ${totalRows} bulk rows plus the demo team; Chromium ${browser.context.browser()?.version() ?? ''})`]);
} finally {
  await browser.close();
  await second?.close();
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
