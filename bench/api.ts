/**
 * `npm run bench:api`, against `wrangler dev` on this machine (figures printed and written, never asserted):
 *   - latency of one pull page (500 rows) and of a push of 100 mutations, and D1 queries per
 *     request (from the worker's X-D1-Queries and X-D1-Statements headers);
 *   - pushes from 8 clients of one team at once (each team's pushes are applied one at a time),
 *     against the same pushes from one client alone in the same run;
 *   - the most D1 queries a valid push can cost, on a push built to touch everything;
 *   - a duplicate check in a team of 20,000 companies, against one of 100, in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { NEW_DEAL_DEFAULTS } from '../shared/schema/deal';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { SCHEMA_VERSION, type Mutation } from '../shared/api/sync';
import { applyMigrations, executeSql, insertSql, queryJson, seedDemo, startApi } from '../scripts/lib/localD1';
import { buildDemoTeam } from '../worker/seed/demoTeam';
import { seedTables } from '../worker/seed/tableOrder';
import { companies, lookupKeys } from '../worker/db/schema';
import { lookupKeysOf } from '../worker/dedup/lookupKeys';
import { monotonicFactory } from 'ulidx';
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

const CONCURRENT_CLIENTS = 8;
const PUSHES_PER_CLIENT = 12;
const DEDUP_RUNS = 200;

/** Extra companies (and their lookup keys) for a team, as SQL for wrangler's --file. */
function companiesSql(teamId: string, ownerId: string, count: number, label: string): string {
  const nextId = monotonicFactory();
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = {
      id: nextId(now), teamId, ownerId, createdAt: now, updatedAt: now, deletedAt: null, version: 1_000 + i,
      name: i % 2 ? `${label} Trading ${i} Co., Ltd.` : `${label}贸易${i}有限公司`, domain: `${label.toLowerCase()}${i}.example`, website: null, phone: null, address: null, industry: null, grade: null,
    };
    lines.push(insertSql(companies, row));
    for (const key of lookupKeysOf('company', row)) lines.push(insertSql(lookupKeys, { teamId, ...key, recordId: row.id }));
  }
  return lines.join('\n');
}

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
const token = logins.find((l) => l.role === 'manager')!.token;
const demoTeamId = queryJson<{ id: string }>(persistTo, 'SELECT id FROM teams LIMIT 1')[0]!.id;
const demoOwner = queryJson<{ id: string }>(persistTo, "SELECT id FROM users WHERE role = 'manager' LIMIT 1")[0]!.id;
// A second team with 20,000 companies; the demo team gets 100, so both are measured in one run.
const bigTeam = await buildDemoTeam({ now: Date.now(), emailDomain: 'big.test', teamName: 'Big team' });
const bigOwner = bigTeam.logins.find((l) => l.role === 'manager')!;
executeSql(
  persistTo,
  [
    ...seedTables.flatMap(({ key, table }) => (bigTeam.rows[key] as Record<string, unknown>[]).map((row) => insertSql(table, row))),
    companiesSql(bigTeam.teamId, bigOwner.userId, 20_000, 'Big'),
    companiesSql(demoTeamId, demoOwner, 100, 'Small'),
  ].join('\n'),
);
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

  // 8 clients of one team push at once; then the same pushes from one client alone.
  const teamLogins = logins.map((l) => l.token);
  const pushAs = async (as: string, mutations: Mutation[]) => {
    const res = await fetch(`${api.url}/api/sync/push`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${as}` }, body: JSON.stringify({ clientId: ulid(), schemaVersion: SCHEMA_VERSION, mutations }) });
    if (res.status !== 200) throw new Error(`push ${res.status}: ${await res.text()}`);
    await res.json();
  };
  const clientRun = async (as: string, into: number[]) => {
    for (let i = 0; i < PUSHES_PER_CLIENT; i++) {
      const batch = Array.from({ length: 10 }, () => contactCreate(n++));
      into.push((await time(() => pushAs(as, batch))).ms);
    }
  };
  const aloneTimes: number[] = [];
  await clientRun(teamLogins[0]!, aloneTimes);
  const concurrentTimes: number[] = [];
  const wall = await time(() => Promise.all(Array.from({ length: CONCURRENT_CLIENTS }, (_, c) => clientRun(teamLogins[c % teamLogins.length]!, concurrentTimes))));

  // The constructed worst case: one push of 100 mutations that writes every entity table with
  // both new and changed rows, replaces 20 emails on each of 25 contacts, moves deals (new stage
  // history) and reassigns deals with long histories (history rewritten, revocations, audits).
  const [lilei, emma] = logins.filter((l) => l.role === 'rep');
  const setupContacts = Array.from({ length: 25 }, (_, i) => contactCreate(n + i));
  n += 25;
  const dealCreate = (i: number, contactId: string | null): Mutation => ({
    id: ulid(), entity: 'deal', op: 'create', recordId: ulid(), at: Date.now(),
    fields: { ...NEW_DEAL_DEFAULTS, title: `Worst ${i}`, companyId: null, contactId, stageId: 'lead', amountMinor: 100_000, currency: 'CNY', expectedCloseAt: Date.now() + 86_400_000 },
  });
  const setupDeals = Array.from({ length: 15 }, (_, i) => dealCreate(i, setupContacts[i]!.recordId));
  await pushAs(lilei!.token, setupContacts);
  await pushAs(lilei!.token, setupDeals);
  for (const stageId of ['first_visit', 'needs', 'proposal', 'quote']) {
    await pushAs(lilei!.token, setupDeals.map((d) => ({ id: ulid(), entity: 'deal', op: 'update', recordId: d.recordId, at: Date.now(), fields: { stageId } }) as Mutation));
  }
  const companyCreate = (i: number): Mutation => ({ id: ulid(), entity: 'company', op: 'create', recordId: ulid(), at: Date.now(), fields: { name: `Worst company ${i}`, domain: `worst${i}-${ulid().toLowerCase()}.example`, website: null, phone: null, address: null, industry: null, grade: null } });
  const setupCompanies = Array.from({ length: 5 }, (_, i) => companyCreate(i));
  await pushAs(token, setupCompanies);
  const twentyEmails = (i: number) => Array.from({ length: 20 }, (_, k) => `worst${i}-${k}-${ulid().toLowerCase()}@example.com`);
  const worst: Mutation[] = [
    ...setupContacts.map((c, i) => ({ id: ulid(), entity: 'contact', op: 'update', recordId: c.recordId, at: Date.now(), fields: { emails: twentyEmails(i), phones: ['+8613800138000', '+8651266668888 ext. 302'] } }) as Mutation),
    ...setupDeals.map((d) => ({ id: ulid(), entity: 'deal', op: 'reassign', recordId: d.recordId, at: Date.now(), ownerId: emma!.userId }) as Mutation),
    ...Array.from({ length: 15 }, (_, i) => dealCreate(100 + i, setupContacts[i]!.recordId)),
    ...Array.from({ length: 10 }, (_, i) => contactCreate(n + i)),
    ...Array.from({ length: 10 }, (_, i) => companyCreate(100 + i)),
    ...setupCompanies.map((c) => ({ id: ulid(), entity: 'company', op: 'update', recordId: c.recordId, at: Date.now(), fields: { industry: '制造业', grade: 'A' } }) as Mutation),
    ...Array.from({ length: 10 }, (_, i) => ({ id: ulid(), entity: 'followUp', op: 'create', recordId: ulid(), at: Date.now(), fields: { kind: 'call', title: `Call ${i}`, dueAt: Date.now() + 3_600_000, doneAt: null, outcome: null, contactId: setupContacts[i]!.recordId, dealId: null } }) as Mutation),
    ...Array.from({ length: 10 }, (_, i) => ({ id: ulid(), entity: 'activity', op: 'create', recordId: ulid(), at: Date.now(), fields: { kind: 'call', occurredAt: Date.now(), subject: `Worst ${i}`, body: '长'.repeat(2000), sourceUrl: null, contactId: setupContacts[i]!.recordId, dealId: null, companyId: null } }) as Mutation),
  ].slice(0, 100);
  n += 10;
  const worstCounts = await push(worst);

  // Duplicate checks in a team of 100 companies and in one of 20,000, by name and domain.
  const dedup = async (as: string, body: unknown) => {
    const res = await fetch(`${api.url}/api/dedup/check`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${as}` }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`dedup ${res.status}: ${await res.text()}`);
    return (await res.json()) as { companies: unknown[] };
  };
  const dedupTimes = async (as: string, label: string, size: number) => {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < WARMUP + DEDUP_RUNS; i++) {
      const k = (i * 7919) % size;
      const body = { emails: [`nobody${i}@example.com`], phones: ['+8613800138000'], companyName: k % 2 ? `${label} Trading ${k} Co., Ltd.` : `${label}贸易${k}`, domain: `https://www.${label.toLowerCase()}${k}.example/about` };
      const { ms, value } = await time(() => dedup(as, body));
      if (i >= WARMUP) times.push(ms);
      found += value.companies.length > 0 ? 1 : 0;
    }
    return { times, found };
  };
  const small = await dedupTimes(token, 'Small', 100);
  const big = await dedupTimes(bigOwner.token, 'Big', 20_000);
  const plan = queryJson<{ detail: string }>(
    persistTo,
    `EXPLAIN QUERY PLAN SELECT record_id FROM lookup_keys WHERE team_id = 'x' AND (kind, key) IN (SELECT j.value ->> '$.kind', j.value ->> '$.key' FROM json_each('[]') AS j)`,
  ).map((r) => r.detail);

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
      { name: `push of 10, ${CONCURRENT_CLIENTS} clients of one team at once p50`, unit: 'ms', value: percentile(concurrentTimes, 50) },
      { name: `push of 10, ${CONCURRENT_CLIENTS} clients of one team at once p99`, unit: 'ms', value: percentile(concurrentTimes, 99) },
      { name: 'push of 10, one client alone p50 (baseline)', unit: 'ms', value: percentile(aloneTimes, 50) },
      { name: 'D1 queries per push, constructed worst case (statements, each counted)', unit: 'queries', value: worstCounts.statements },
      { name: 'D1 round trips per push, constructed worst case', unit: 'queries', value: worstCounts.queries },
      { name: 'duplicate check, team of 20,000 companies p50', unit: 'ms', value: percentile(big.times, 50) },
      { name: 'duplicate check, team of 20,000 companies p99', unit: 'ms', value: percentile(big.times, 99) },
      { name: 'duplicate check, team of 100 companies p50 (baseline)', unit: 'ms', value: percentile(small.times, 50) },
    ],
    [
      `(pull page held ${pullRows} rows; ${PULL_RUNS} pulls and ${PUSH_RUNS} pushes after ${WARMUP} warm-up runs each; wrangler dev on 127.0.0.1)`,
      `(${CONCURRENT_CLIENTS} clients × ${PUSHES_PER_CLIENT} pushes took ${wall.ms.toFixed(0)} ms of wall time; the worst-case push held ${worst.length} mutations)`,
      `(duplicate checks found a company in ${big.found}/${DEDUP_RUNS + WARMUP} and ${small.found}/${DEDUP_RUNS + WARMUP} runs; lookup plan: ${plan.join(' | ')})`,
    ],
  );
} finally {
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
