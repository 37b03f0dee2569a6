/**
 * `npm run bench:digest`, against `wrangler dev` on this machine (figures printed and written, never asserted):
 * 1,000 users in 20 time zones (20 teams of 50), 100,000 follow-ups, 20,000 deals and 20,000
 * activities in a local D1; one cron run that sends every digest due (every user's hour has come),
 * through the real send_email binding (wrangler dev writes the .eml files). Reported: the run's
 * wall time and D1 queries (from cron_runs.detail), messages per second, and the same run's
 * figures repeated right after, when every digest is already sent (the claim path's floor).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulidx';
import { DEFAULT_STAGES } from '../shared/rules/defaultPipeline';
import { applyMigrations, executeSql, insertSql, queryJson, startApi } from '../scripts/lib/localD1';
import { freePort } from '../scripts/lib/processes';
import { activities, deals, followUps, pipelines, teams, users } from '../worker/db/schema';
import { report } from './lib/stats';

const ZONES = [
  'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Kolkata', 'Asia/Dubai', 'Europe/Moscow', 'Europe/Berlin', 'Europe/London', 'Atlantic/Reykjavik', 'America/Sao_Paulo',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Auckland', 'Australia/Sydney', 'Asia/Hong_Kong', 'Asia/Taipei', 'Africa/Johannesburg',
];
const TEAMS = 20;
const USERS_PER_TEAM = 50;
const FOLLOW_UPS_PER_USER = 100;
const DEALS_PER_USER = 20;
const ACTIVITIES_PER_USER = 20;
const DAY = 86_400_000;

const nextId = monotonicFactory();
const now = Date.now();

function datasetSql(): string {
  const lines: string[] = [];
  let version = 0;
  for (let t = 0; t < TEAMS; t++) {
    const teamId = nextId(now);
    lines.push(insertSql(teams, { id: teamId, name: `Bench team ${t}`, defaultCurrency: 'CNY', version: 1_000_000, createdAt: now }));
    lines.push(insertSql(pipelines, { teamId, stages: DEFAULT_STAGES, updatedAt: now }));
    for (let u = 0; u < USERS_PER_TEAM; u++) {
      const i = t * USERS_PER_TEAM + u;
      const userId = nextId(now);
      // Hour 0: every user is due whenever the run happens. Two managers per team, the rest reps.
      lines.push(insertSql(users, { id: userId, teamId, email: `user${i}@bench.test`, name: i % 2 ? `User ${i}` : `用户${i}`, role: u < 2 ? 'manager' : 'rep', locale: i % 2 ? 'en' : 'zh-CN', timeZone: ZONES[i % ZONES.length], digestHour: 0, createdAt: now - 90 * DAY }));
      const meta = (ageDays: number) => ({ id: nextId(now), teamId, ownerId: userId, createdAt: now - ageDays * DAY, updatedAt: now, deletedAt: null, version: ++version });
      const dealIds: string[] = [];
      for (let d = 0; d < DEALS_PER_USER; d++) {
        const row = { ...meta(30 - d), title: `Deal ${i}-${d}`, companyId: null, contactId: null, stageId: DEFAULT_STAGES[d % 5]!.id, amountMinor: d % 3 ? d * 100_000 : null, currency: 'CNY', expectedCloseAt: null, lostReason: null };
        dealIds.push(row.id);
        lines.push(insertSql(deals, row));
      }
      for (let f = 0; f < FOLLOW_UPS_PER_USER; f++) {
        // A third overdue, a few due today, the rest ahead; one in ten already done.
        const dueAt = now + (f - 33) * 4 * 3_600_000;
        lines.push(insertSql(followUps, { ...meta(10), kind: 'call', title: `Follow-up ${f}`, dueAt, doneAt: f % 10 === 0 ? now : null, outcome: null, contactId: null, dealId: f < DEALS_PER_USER && f % 2 ? dealIds[f]! : null }));
      }
      for (let a = 0; a < ACTIVITIES_PER_USER; a++) {
        const occurredAt = now - a * 2 * DAY;
        lines.push(insertSql(activities, { ...meta(a * 2), kind: 'call', occurredAt, recordedAt: a === 1 ? occurredAt + 3 * DAY : occurredAt, subject: null, body: `Call ${a}`, sourceUrl: null, contactId: null, dealId: dealIds[a % DEALS_PER_USER]!, companyId: null }));
      }
    }
  }
  return mergeInserts(lines).join('\n');
}

/** Consecutive single-row INSERTs into the same columns as one multi-row INSERT (seeding 140,000 rows takes seconds, not minutes). */
function mergeInserts(lines: string[], perStatement = 300): string[] {
  const out: string[] = [];
  let prefix = '';
  let values: string[] = [];
  const flush = () => {
    if (values.length > 0) out.push(`${prefix} ${values.join(', ')};`);
    values = [];
  };
  for (const line of lines) {
    const at = line.indexOf(' VALUES ');
    const head = line.slice(0, at + ' VALUES'.length);
    if (head !== prefix || values.length >= perStatement) {
      flush();
      prefix = head;
    }
    values.push(line.slice(at + ' VALUES '.length).replace(/;$/, ''));
  }
  flush();
  return out;
}

const scratch = mkdtempSync(join(tmpdir(), 'sidecar-bench-digest-'));
const persistTo = join(scratch, 'state');
applyMigrations(persistTo);
const seedStarted = performance.now();
executeSql(persistTo, datasetSql());
console.log(`seeded ${TEAMS * USERS_PER_TEAM} users, ${TEAMS * USERS_PER_TEAM * FOLLOW_UPS_PER_USER} follow-ups, ${TEAMS * USERS_PER_TEAM * DEALS_PER_USER} deals in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
const api = await startApi({ port: await freePort(), persistTo });

type Detail = { due: number; claimed: number; sent: number; empty: number; failed: number; queries: number; ms: number; readMs: number; sendMs: number };
async function cronRun(): Promise<Detail & { wallMs: number }> {
  const before = queryJson<{ n: number }>(persistTo, 'SELECT COUNT(*) AS n FROM cron_runs')[0]!.n;
  const started = performance.now();
  await fetch(`${api.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
  // The scheduled handler finishes in waitUntil: wait for its cron_runs row.
  for (;;) {
    const rows = queryJson<{ detail: string }>(persistTo, `SELECT detail FROM cron_runs ORDER BY id DESC LIMIT 1 OFFSET 0`);
    const count = queryJson<{ n: number }>(persistTo, 'SELECT COUNT(*) AS n FROM cron_runs')[0]!.n;
    if (count > before && rows[0]) return { ...(JSON.parse(rows[0].detail) as Detail), wallMs: performance.now() - started };
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  const full = await cronRun();
  const again = await cronRun();
  report(
    'digest',
    [
      { name: 'digest run: users due', unit: 'users', value: full.due },
      { name: 'digest run: messages sent', unit: 'messages', value: full.sent },
      { name: 'digest run: nothing to say (no mail)', unit: 'users', value: full.empty },
      { name: 'digest run: worker time', unit: 'ms', value: full.ms },
      { name: 'digest run: wall time seen from outside', unit: 'ms', value: full.wallMs },
      { name: 'digest run: D1 queries', unit: 'queries', value: full.queries },
      { name: 'digest run: reading digest data', unit: 'ms', value: full.readMs },
      { name: 'digest run: building and handing messages to send_email', unit: 'ms', value: full.sendMs },
      { name: 'digest run: messages per second', unit: 'messages/s', value: full.sent / (full.ms / 1000) },
      { name: 'repeat run (all sent already): worker time', unit: 'ms', value: again.ms },
      { name: 'repeat run: D1 queries', unit: 'queries', value: again.queries },
      { name: 'repeat run: messages sent', unit: 'messages', value: again.sent },
    ],
    [`(20 teams × 50 users in ${ZONES.length} zones; D1 queries include the cron's purge and lookup-key steps; each message also written as an .eml file by wrangler dev)`],
  );
} finally {
  await api.stop();
  rmSync(scratch, { recursive: true, force: true });
}
