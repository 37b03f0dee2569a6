/**
 * `npm run bench:reports`, against `wrangler dev` on this machine (figures printed and written,
 * never asserted): a team of 20,000 deals (with their stage history), 200,000 activities and
 * 50,000 follow-ups in local D1, spread over the past year; each report endpoint asked for this
 * quarter as the manager (the whole team): p50 and p95, and the D1 queries per request. In the
 * same run, GET /api/me as the floor every request pays (auth, routing, one read).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_NAMES } from '../shared/api/reports';
import { applyMigrations, executeSql, queryJson, seedDemo, startApi } from '../scripts/lib/localD1';
import { freePort } from '../scripts/lib/processes';
import { percentile, report, time } from './lib/stats';

const DEALS = 20_000;
const ACTIVITIES = 200_000;
const FOLLOW_UPS = 50_000;
const RUNS = 30;
const WARMUP = 3;
const DAY = 86_400_000;

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-reports-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const logins = await seedDemo(persistTo);
const manager = logins.find((l) => l.role === 'manager')!;
const teamId = queryJson<{ id: string }>(persistTo, 'SELECT id FROM teams LIMIT 1')[0]!.id;
const owners = queryJson<{ id: string }>(persistTo, "SELECT id FROM users WHERE role IN ('rep', 'manager') ORDER BY id").map((u) => u.id);
const now = Date.now();
const yearAgo = now - 365 * DAY;

// Generated inside SQLite (recursive CTEs), which is far quicker than 270,000 literal INSERTs.
// Ids are ULID-shaped text; each deal reaches a stage between 线索 and 回款 (or is lost), with one
// stage-history row per stage it passed; activities fall within their deal's life.
const stages = ['lead', 'first_visit', 'needs', 'proposal', 'quote', 'contract', 'payment'];
const owner = (expr: string) => `json_extract('${JSON.stringify(owners)}', '$[' || ((${expr}) % ${owners.length}) || ']')`;
const seq = (n: number) => `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})`;
const stageOf = (top: string) => `json_extract('${JSON.stringify(stages)}', '$[' || (${top}) || ']')`;
executeSql(
  persistTo,
  [
    `${seq(DEALS)} INSERT INTO deals (id, team_id, owner_id, created_at, updated_at, deleted_at, version, title, company_id, contact_id, stage_id, amount_minor, currency, expected_close_at, lost_reason, contract_number, signed_at, collected_amount_minor, collected_at, custom)
      SELECT printf('01JD%022d', i), '${teamId}', ${owner('i')}, ${yearAgo} + (i * 7919 % 360) * ${DAY} + (i % 86400) * 1000, ${now}, NULL, 100 + i, 'Bench deal ' || i, NULL, NULL,
        CASE WHEN i % 9 = 0 THEN 'lost' ELSE ${stageOf('i % 7')} END, CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 1000) * 10000 END, 'CNY',
        ${now} + ((i % 180) - 60) * ${DAY}, CASE WHEN i % 9 = 0 THEN '价格太高' ELSE NULL END, NULL, NULL, NULL, NULL, '{}'
      FROM seq;`,
    // Stage history: lead at creation, then one stage every 5 days up to the deal's stage (lost after its last).
    `${seq(7)} INSERT INTO stage_changes (id, team_id, owner_id, created_at, updated_at, deleted_at, version, deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
      SELECT printf('01JS%016d%06d', substr(d.id, 5) + 0, seq.i), d.team_id, d.owner_id, d.created_at, d.created_at, NULL, 1, d.id,
        CASE WHEN seq.i = 1 THEN NULL ELSE ${stageOf('seq.i - 2')} END, ${stageOf('seq.i - 1')}, d.created_at + (seq.i - 1) * 5 * ${DAY}, d.owner_id
      FROM deals d JOIN seq ON seq.i - 1 <= (substr(d.id, 5) + 0) % 7 WHERE d.team_id = '${teamId}' AND d.id LIKE '01JD%';`,
    `INSERT INTO stage_changes (id, team_id, owner_id, created_at, updated_at, deleted_at, version, deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
      SELECT printf('01JL%022d', substr(d.id, 5) + 0), d.team_id, d.owner_id, d.created_at, d.created_at, NULL, 1, d.id, ${stageOf('(substr(d.id, 5) + 0) % 7')}, 'lost', d.created_at + 40 * ${DAY}, d.owner_id
      FROM deals d WHERE d.team_id = '${teamId}' AND d.stage_id = 'lost' AND d.id LIKE '01JD%';`,
    `${seq(ACTIVITIES)} INSERT INTO activities (id, team_id, owner_id, created_at, updated_at, deleted_at, version, kind, occurred_at, recorded_at, subject, body, source_url, contact_id, deal_id, company_id)
      SELECT printf('01JA%022d', i), '${teamId}', ${owner('i / 10')}, o.t, o.t, NULL, 1, json_extract('["call","email","visit","meeting","note"]', '$[' || (i % 5) || ']'),
        o.t, o.t + CASE WHEN i % 10 = 0 THEN 3 * ${DAY} ELSE 600000 END, 'Bench activity ' || i, '', NULL, NULL, printf('01JD%022d', (i % ${DEALS}) + 1), NULL
      FROM (SELECT i, ${yearAgo} + (i * 104729 % 365) * ${DAY} + (i % 36000) * 1000 AS t FROM seq) o;`,
    `${seq(FOLLOW_UPS)} INSERT INTO follow_ups (id, team_id, owner_id, created_at, updated_at, deleted_at, version, kind, title, due_at, done_at, outcome, contact_id, deal_id)
      SELECT printf('01JF%022d', i), '${teamId}', ${owner('i')}, o.t, o.t, NULL, 1, 'call', 'Bench follow-up ' || i, o.t,
        CASE WHEN i % 10 < 7 THEN o.t + (i % 3) * 43200000 ELSE NULL END, NULL, NULL, printf('01JD%022d', (i % ${DEALS}) + 1)
      FROM (SELECT i, ${yearAgo} + (i * 7919 % 400) * ${DAY} + (i % 86400) * 1000 AS t FROM seq) o;`,
    'ANALYZE;',
  ].join('\n'),
);
const counts = queryJson<{ deals: number; activities: number; followUps: number; stageChanges: number }>(
  persistTo,
  `SELECT (SELECT count(*) FROM deals) AS deals, (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM follow_ups) AS followUps, (SELECT count(*) FROM stage_changes) AS stageChanges`,
)[0]!;
const api = await startApi({ port: await freePort(), persistTo });

try {
  const headers = { authorization: `Bearer ${manager.token}` };
  const get = async (path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.json();
    return Number(res.headers.get('x-d1-queries'));
  };
  const measure = async (path: string) => {
    const times: number[] = [];
    let queries = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const { ms, value } = await time(() => get(path));
      if (i >= WARMUP) times.push(ms);
      queries = value;
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95), queries };
  };

  const figures = [];
  const floor = await measure('/api/me');
  // REPORTS=stageTime,funnel measures only those (while working on one).
  const only = process.env.REPORTS?.split(',');
  for (const name of REPORT_NAMES.filter((n) => !only || only.includes(n))) {
    const m = await measure(`/api/reports/${name}?period=quarter`);
    figures.push(
      { name: `${name} report, quarter, whole team p50`, unit: 'ms', value: m.p50 },
      { name: `${name} report, quarter, whole team p95`, unit: 'ms', value: m.p95 },
      { name: `${name} report D1 queries per request`, unit: 'queries', value: m.queries },
    );
  }
  const drill = await measure('/api/reports/funnel/records?period=quarter&key=stage:quote');
  figures.push(
    { name: 'drill-down (funnel stage:quote) p50', unit: 'ms', value: drill.p50 },
    { name: 'drill-down (funnel stage:quote) p95', unit: 'ms', value: drill.p95 },
    { name: 'drill-down D1 queries per request', unit: 'queries', value: drill.queries },
    { name: 'floor: GET /api/me p50, same run', unit: 'ms', value: floor.p50 },
  );
  report('reports', figures, [
    `data: ${counts.deals} deals, ${counts.stageChanges} stage changes, ${counts.activities} activities, ${counts.followUps} follow-ups; ${RUNS} runs each after ${WARMUP} warm-up`,
    'each report answers the period and the one before: two computations per request',
  ]);
} finally {
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
