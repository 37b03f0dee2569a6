/**
 * `npm run bench:api`: latency of one pull page (500 rows) and of a push of 100 mutations
 * against `wrangler dev` on this machine, plus D1 statements per request (from the worker's
 * X-D1-Queries header). Figures are printed and written, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { SCHEMA_VERSION, type Mutation } from '../shared/api/sync';
import { applyMigrations, seedDemo, startApi } from '../scripts/lib/localD1';
import { freePort } from '../scripts/lib/processes';
import { percentile, report, time } from './lib/stats';

const PULL_RUNS = 60;
const PUSH_RUNS = 30;
const WARMUP = 5;

const contactCreate = (i: number): Mutation => ({
  id: ulid(),
  entity: 'contact',
  op: 'create',
  recordId: ulid(),
  at: Date.now(),
  fields: { name: `Bench 联系人 ${i}`, emails: [`bench${i}-${ulid().toLowerCase()}@example.com`], phones: ['+8613800138000'], title: '采购经理', companyId: null, source: 'manual', sourceUrl: null },
});

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
const token = logins.find((l) => l.role === 'manager')!.token;
const api = await startApi({ port: await freePort(), persistTo });

try {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const push = async (mutations: Mutation[]) => {
    const res = await fetch(`${api.url}/api/sync/push`, { method: 'POST', headers, body: JSON.stringify({ clientId: ulid(), schemaVersion: SCHEMA_VERSION, mutations }) });
    if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
    await res.json();
    return { queries: Number(res.headers.get('x-d1-queries')), statements: Number(res.headers.get('x-d1-statements')) };
  };
  const pull = async (limit: number) => {
    const res = await fetch(`${api.url}/api/sync/pull?cursor=0&limit=${limit}`, { headers });
    const body = (await res.json()) as { changes: unknown[] };
    return { queries: Number(res.headers.get('x-d1-queries')), statements: Number(res.headers.get('x-d1-statements')), rows: body.changes.length };
  };

  let n = 0;
  const pushTimes: number[] = [];
  let pushCounts = { queries: 0, statements: 0 };
  for (let i = 0; i < WARMUP + PUSH_RUNS; i++) {
    const batch = Array.from({ length: 100 }, () => contactCreate(n++));
    const { ms, value } = await time(() => push(batch));
    if (i >= WARMUP) pushTimes.push(ms);
    pushCounts = value;
  }

  const pullTimes: number[] = [];
  let pullCounts = { queries: 0, statements: 0 };
  let pullRows = 0;
  for (let i = 0; i < WARMUP + PULL_RUNS; i++) {
    const { ms, value } = await time(() => pull(500));
    if (i >= WARMUP) pullTimes.push(ms);
    pullCounts = value;
    pullRows = value.rows;
  }
  const smallPage = await pull(10);

  report(
    'api',
    [
      { name: 'pull page of 500 rows p50', unit: 'ms', value: percentile(pullTimes, 50) },
      { name: 'pull page of 500 rows p99', unit: 'ms', value: percentile(pullTimes, 99) },
      { name: 'push of 100 mutations p50', unit: 'ms', value: percentile(pushTimes, 50) },
      { name: 'push of 100 mutations p99', unit: 'ms', value: percentile(pushTimes, 99) },
      { name: 'D1 queries per pull (500 rows)', unit: 'queries', value: pullCounts.queries },
      { name: 'D1 queries per pull (10 rows)', unit: 'queries', value: smallPage.queries },
      { name: 'D1 queries per push of 100 (a batch is one)', unit: 'queries', value: pushCounts.queries },
      { name: 'D1 statements per push of 100', unit: 'statements', value: pushCounts.statements },
    ],
    [`(pull page held ${pullRows} rows; ${PULL_RUNS} pulls and ${PUSH_RUNS} pushes after ${WARMUP} warm-up runs each; wrangler dev on 127.0.0.1)`],
  );
} finally {
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
