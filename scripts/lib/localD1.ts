import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns, type Table } from 'drizzle-orm';
import { buildDemoTeam, type DemoLogin } from '../../worker/seed/demoTeam';
import { seedTables } from '../../worker/seed/tableOrder';
import { runBin, startInGroup, TimedOut, waitFor, type Started } from './processes';

/** Where wrangler keeps local state; undefined means its default, .wrangler/state. */
export type PersistTo = string | undefined;
const persistArgs = (persistTo: PersistTo) => (persistTo ? ['--persist-to', persistTo] : []);

/**
 * A local `wrangler d1` command. Once in a long while one hangs (seen in CI on a busy machine);
 * it is killed after its time (two minutes unless said) and run once more, instead of stalling a
 * test run for good. Rerunning is safe: migrations apply what is missing, seeds wipe first.
 */
function wranglerD1(args: string[], timeoutMs = 120_000): string {
  try {
    return runBin('wrangler', ['d1', ...args], { timeoutMs });
  } catch (err) {
    if (!(err instanceof TimedOut)) throw err;
    console.warn(`${err.message}; trying once more`);
    return runBin('wrangler', ['d1', ...args], { timeoutMs });
  }
}

export function applyMigrations(persistTo: PersistTo): void {
  wranglerD1(['migrations', 'apply', 'DB', '--local', ...persistArgs(persistTo)]);
}

export function executeSql(persistTo: PersistTo, sql: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-sql-'));
  const file = join(dir, 'statements.sql');
  writeFileSync(file, sql);
  try {
    // Bulk seeds for benchmarks take a while; only a real hang should hit this.
    wranglerD1(['execute', 'DB', '--local', '--file', file, ...persistArgs(persistTo)], 600_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function queryJson<T>(persistTo: PersistTo, sql: string): T[] {
  const out = wranglerD1(['execute', 'DB', '--local', '--json', '--command', sql, ...persistArgs(persistTo)]);
  const parsed = JSON.parse(out) as { results: T[] }[];
  return parsed[0]?.results ?? [];
}

/** Wipes every table and inserts a fresh demo team; returns its logins with plain tokens. */
export async function seedDemo(persistTo: PersistTo): Promise<DemoLogin[]> {
  const team = await buildDemoTeam({ now: Date.now() });
  // audit_log is append-only (its triggers refuse DELETE); old rows name teams that are gone.
  const wipe = ['applied_mutations', 'cron_runs', ...[...seedTables].reverse().map(({ table }) => tableName(table))].map((t) => `DELETE FROM ${t};`);
  const inserts = seedTables.flatMap(({ key, table }) => (team.rows[key] as Record<string, unknown>[]).map((row) => insertSql(table, row)));
  executeSql(persistTo, [...wipe, ...inserts].join('\n'));
  return team.logins;
}

export function tableName(table: unknown): string {
  return (table as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
}

/** Renders one row as a literal INSERT, for wrangler's --file (which binds no parameters). */
export function insertSql(table: unknown, row: Record<string, unknown>): string {
  const columns = getTableColumns(table as Table);
  const names: string[] = [];
  const values: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    names.push(`"${column.name}"`);
    values.push(literal(value));
  }
  return `INSERT INTO "${tableName(table)}" (${names.join(', ')}) VALUES (${values.join(', ')});`;
}

function literal(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/** `wrangler dev` on a port, with the scheduled test endpoint, in its own process group. */
export async function startApi(options: { port: number; persistTo: PersistTo; echo?: boolean | import("./processes").Echo }): Promise<Started & { url: string }> {
  const started = startInGroup(
    'wrangler',
    ['dev', '--port', String(options.port), '--ip', '127.0.0.1', '--test-scheduled', '--show-interactive-dev-session=false', ...persistArgs(options.persistTo)],
    { echo: options.echo },
  );
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitFor(`${url}/api/health`, 90_000, started);
  } catch (err) {
    await started.stop();
    throw err;
  }
  return { ...started, url };
}
