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
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types/index.ts';
import { getTableColumns, type Table } from 'drizzle-orm';
import { getPlatformProxy } from 'wrangler';
import { activities, contacts, deals } from '../worker/db/schema';
import { applyMigrations, queryJson, seedDemo, startApi, tableName } from '../scripts/lib/localD1';
import { freePort, ROOT, runBin } from '../scripts/lib/processes';
import { launchWithExtension } from '../tests/e2e/harness';
import { generateBulkRows } from './lib/bulkRows';
import { report, type Figure } from './lib/stats';

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-sync-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
const rep = logins.find((l) => l.email.startsWith('lilei'))!;
const [team] = queryJson<{ team_id: string; version: number }>(persistTo, `SELECT u.team_id, t.version FROM users u JOIN teams t ON t.id = u.team_id WHERE u.id = '${rep.userId}'`);
const owner = { id: rep.userId, teamId: team!.team_id };
const bulk = generateBulkRows(owner, team!.version);
const totalRows = bulk.contacts.length + bulk.deals.length + bulk.activities.length;

/** Multi-row INSERTs within D1's 100 bound parameters, run as batches of 50 statements. */
async function rawInsert(db: D1Database, table: unknown, rows: Record<string, unknown>[]): Promise<void> {
  const columns = getTableColumns(table as Table);
  const keys = Object.keys(rows[0]!).filter((k) => columns[k]);
  const perStatement = Math.floor(100 / keys.length);
  const sqlFor = (n: number) =>
    `INSERT INTO "${tableName(table)}" (${keys.map((k) => `"${columns[k]!.name}"`).join(', ')}) VALUES ${Array.from({ length: n }, () => `(${keys.map(() => '?').join(', ')})`).join(', ')}`;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const values = part.flatMap((row) => keys.map((k) => (Array.isArray(row[k]) ? JSON.stringify(row[k]) : row[k])));
    statements.push(db.prepare(sqlFor(part.length)).bind(...values));
  }
  for (let i = 0; i < statements.length; i += 50) await db.batch(statements.slice(i, i + 50));
}

// Raw D1 floors, through wrangler's own local D1 (the same engine wrangler dev serves).
const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(persistTo, 'v3') } });
let d1AllMs: number;
let d1PushFloorMs: number;
try {
  const db = proxy.env.DB;
  let started = performance.now();
  await rawInsert(db, contacts, bulk.contacts);
  await rawInsert(db, deals, bulk.deals);
  await rawInsert(db, activities, bulk.activities);
  d1AllMs = performance.now() - started;
  await db.prepare('UPDATE teams SET version = ? WHERE id = ?').bind(bulk.lastVersion, owner.teamId).run();
  const probe = generateBulkRows(owner, 0).contacts.slice(0, 1000).map((c, i) => ({ ...c, version: 0, emails: [`probe${i}@x.example`] }));
  started = performance.now();
  await rawInsert(db, contacts, probe);
  d1PushFloorMs = performance.now() - started;
  await db.prepare("DELETE FROM contacts WHERE emails LIKE '%@x.example%'").run();
} finally {
  await proxy.dispose();
}

const api = await startApi({ port: await freePort(), persistTo });
const extensionOut = join(scratch, 'extension');
runBin('wxt', ['build'], { env: { SIDECAR_BENCH: '1', SIDECAR_OUT_DIR: extensionOut, WXT_API_URL: api.url } });
const browser = await launchWithExtension(join(extensionOut, 'chrome-mv3'));
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/bench.html`);
  await page.waitForSelector('body[data-ready="true"]');
  type Bench = {
    initialSync: (u: string, t: string) => Promise<{ ms: number; rows: number; dbName: string }>;
    dexieFloor: (u: string, t: string) => Promise<{ ms: number; rows: number }>;
    push: (u: string, t: string, db: string, user: { id: string; teamId: string }, n: number) => Promise<{ ms: number; pushMs: number; pushed: number; left: number }>;
  };
  const call = <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) =>
    page.evaluate(([n, a]) => (globalThis as unknown as { sidecarBench: Record<string, (...x: unknown[]) => unknown> }).sidecarBench[n]!(...a), [name, args] as const) as ReturnType<Bench[K]>;

  const initial = await call('initialSync', api.url, rep.token);
  const floor = await call('dexieFloor', api.url, rep.token);
  const push = await call('push', api.url, rep.token, initial.dbName, owner, 1000);
  if (push.pushed !== 1000 || push.left !== 0) throw new Error(`push bench did not push everything: ${JSON.stringify(push)}`);

  const figures: Figure[] = [
    { name: 'initial sync, 32,000 rows, end to end', unit: 'ms', value: initial.ms },
    { name: 'floor: same rows bulkPut into Dexie', unit: 'ms', value: floor.ms },
    { name: 'floor: same rows raw-batched into D1', unit: 'ms', value: d1AllMs },
    { name: 'initial sync / Dexie floor', unit: 'ratio', value: initial.ms / floor.ms },
    { name: 'initial sync / (Dexie + D1 floors)', unit: 'ratio', value: initial.ms / (floor.ms + d1AllMs) },
    { name: 'push of 1,000 queued mutations, round incl. pull-back', unit: 'ms', value: push.ms },
    { name: 'push of 1,000: time in push requests', unit: 'ms', value: push.pushMs },
    { name: 'floor: 1,000 contacts raw-batched into D1', unit: 'ms', value: d1PushFloorMs },
    { name: 'push requests / D1 floor', unit: 'ratio', value: push.pushMs / d1PushFloorMs },
  ];
  report('sync', figures, [`(${initial.rows} rows cached after the initial sync of ${totalRows} bulk rows plus the demo team; Chromium ${browser.context.browser()?.version() ?? ''})`]);
} finally {
  await browser.close();
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
