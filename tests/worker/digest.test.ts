import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import PostalMime, { type Email } from 'postal-mime';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../worker/app';
import { createDb } from '../../worker/db/client';
import { runDigests } from '../../worker/digest/runDigests';
import type { Mailer } from '../../worker/mail/sendMail';
import { seedTeam } from './helpers';

type Sent = { to: string; raw: string };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORIGIN = 'https://sidecar.test';

/** Runs the digest step at `now` with a mailer that keeps what it sends (or fails as told). */
async function run(now: number, outbox: Sent[], fail?: (to: string) => boolean) {
  const mailer: Mailer = async (to, raw) => {
    if (fail?.(to)) throw new Error('mail service unavailable');
    outbox.push({ to, raw });
  };
  return runDigests(createDb(env.DB), { now, mailer, from: 'digest@sidecar.example', origin: ORIGIN });
}

const parse = (sent: Sent): Promise<Email> => PostalMime.parse(sent.raw);
const to = (outbox: Sent[], email: string) => outbox.filter((m) => m.to === email);

async function exec(query: string, ...values: unknown[]) {
  return env.DB.prepare(query).bind(...values).run();
}

/** A user in the team with no records at all, so their digest has nothing to say. */
async function quietUser(teamId: string, timeZone = 'Asia/Shanghai'): Promise<string> {
  const email = `quiet-${ulid().toLowerCase()}@example.cn`;
  await exec("INSERT INTO users (id, team_id, email, name, role, locale, time_zone, created_at) VALUES (?, ?, ?, '安静', 'rep', 'zh-CN', ?, ?)", ulid(), teamId, email, timeZone, Date.now());
  return email;
}

/** A follow-up of the owner due at `dueAt`, written straight into D1 (the digest reads D1). */
async function followUp(team: { teamId: string }, ownerId: string, title: string, dueAt: number): Promise<string> {
  const id = ulid();
  await exec("INSERT INTO follow_ups (id, team_id, owner_id, created_at, updated_at, version, kind, title, due_at) VALUES (?, ?, ?, ?, ?, 1, 'call', ?, ?)", id, team.teamId, ownerId, Date.now(), Date.now(), title, dueAt);
  return id;
}

/** 08:30 in Shanghai on the next UTC day (00:30 UTC): a fixed instant whatever the machine's clock. */
function shanghaiMorning(): number {
  const next = new Date(Date.now() + DAY);
  return Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), 0, 30);
}

describe('reminder digests', () => {
  it('mails each due user once, in their language and zone, with links and one-click unsubscribe; nothing to say sends nothing', async () => {
    const team = await seedTeam();
    const lilei = team.logins.find((l) => l.email.startsWith('lilei@'))!;
    const emma = team.logins.find((l) => l.email.startsWith('emma@'))!;
    await exec("UPDATE users SET time_zone = 'America/New_York' WHERE id = ?", emma.userId);
    const quiet = await quietUser(team.teamId);
    const now = shanghaiMorning();
    const overdue = await followUp(team, lilei.userId, '回电王总', now - 2 * DAY);
    const today = await followUp(team, lilei.userId, '发报价单', now + 2 * HOUR);
    await followUp(team, lilei.userId, '下周拜访', now + 5 * DAY);
    await followUp(team, emma.userId, 'Call Dana back', now - 3 * DAY);

    // 07:30 in Shanghai: not yet 李雷's hour.
    const early: Sent[] = [];
    await run(now - HOUR, early);
    expect(to(early, lilei.email)).toHaveLength(0);

    const outbox: Sent[] = [];
    const stats = await run(now, outbox);
    expect(stats.sent).toBeGreaterThanOrEqual(2);
    expect(to(outbox, quiet)).toHaveLength(0);
    const [mail] = await Promise.all(to(outbox, lilei.email).map(parse));
    expect(to(outbox, lilei.email)).toHaveLength(1);
    expect(mail!.subject).toMatch(/^Sidecar 每日摘要 \d{4}-\d{2}-\d{2}：\d+ 项待办$/);
    expect(mail!.text).toContain('已逾期的跟进');
    expect(mail!.text).toContain('回电王总');
    expect(mail!.text).toContain(`${ORIGIN}/open/followUp/${overdue}`);
    expect(mail!.html).toContain(`${ORIGIN}/open/followUp/${today}`);
    expect(mail!.text).not.toContain('下周拜访'); // not due yet
    // The overdue date is written in Shanghai time (it would read differently in New York).
    const inShanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(now - 2 * DAY);
    expect(mail!.text).toContain(inShanghai);
    const headers = new Map(mail!.headers.map((h) => [h.key, h.value]));
    expect(headers.get('list-unsubscribe')).toMatch(new RegExp(`^<${ORIGIN}/digest/unsubscribe\\?s=\\w+&k=[\\w-]+>$`));
    expect(headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headers.get('message-id')).toMatch(/@sidecar\.digest>$/);

    // Emma, in New York (18:30 the evening before at the early run), was past her hour already:
    // one message, in English, with her own date.
    expect(to([...early, ...outbox], emma.email)).toHaveLength(1);
    const emmaMail = await parse(to([...early, ...outbox], emma.email)[0]!);
    expect(emmaMail.subject).toMatch(/^Sidecar daily digest \d{4}-\d{2}-\d{2}: \d+ items?$/);
    expect(emmaMail.text).toContain('Call Dana back');
    expect(emmaMail.subject).toContain(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(now));

    // One-click unsubscribe (what a mail client POSTs): no digest tomorrow. A wrong key does nothing.
    const link = new URL(headers.get('list-unsubscribe')!.slice(1, -1));
    const post = (url: string) => createApp().fetch(new Request(url.replace(ORIGIN, 'https://api.test'), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), env as never, createExecutionContext());
    expect((await post(link.href.replace(/k=[^&]+/, 'k=wrong'))).status).toBe(400);
    expect((await post(link.href)).status).toBe(200);
    const tomorrow: Sent[] = [];
    await run(now + DAY, tomorrow);
    expect(to(tomorrow, lilei.email)).toHaveLength(0);
    expect(to(tomorrow, emma.email)).toHaveLength(1);
  });

  it('sends one message per user however the runs overlap, repeat, fail half-way or die', async () => {
    const team = await seedTeam();
    const reps = team.logins.filter((l) => l.role === 'rep');
    // 18:30 in Shanghai, 10:30 in London: every demo user is past their hour.
    const now = shanghaiMorning() + 2 * DAY + 10 * HOUR;
    for (const rep of reps) await followUp(team, rep.userId, '逾期任务', now - DAY);
    const emails = team.logins.map((l) => l.email);

    // Two runs at the same instant, then the next quarter hour: one message each.
    const outbox: Sent[] = [];
    await Promise.all([run(now, outbox), run(now, outbox)]);
    await run(now + 15 * 60_000, outbox);
    for (const email of reps.map((r) => r.email)) expect(to(outbox, email)).toHaveLength(1);

    // The next day the mail service fails for one rep: the others go, the failure is recorded,
    // listed for the managers, and the next run sends it, once.
    const dayTwo: Sent[] = [];
    const failing = reps[0]!.email;
    const second = await run(now + DAY, dayTwo, (address) => address === failing);
    expect(second.failed).toBe(1);
    expect(to(dayTwo, failing)).toHaveLength(0);
    expect(to(dayTwo, reps[1]!.email)).toHaveLength(1);
    const failures = await (await createApp().fetch(new Request('https://api.test/api/team/digest-failures', { headers: { authorization: `Bearer ${team.token('manager')}` } }), env as never, createExecutionContext())).json<{ failures: { email: string; attempts: number; lastError: string }[] }>();
    expect(failures.failures).toEqual([expect.objectContaining({ email: failing, attempts: 1, lastError: 'mail service unavailable' })]);
    await run(now + DAY + 15 * 60_000, dayTwo);
    for (const email of emails) expect(to(dayTwo, email).length).toBeLessThanOrEqual(1);
    expect(to(dayTwo, failing)).toHaveLength(1);

    // A run that died after claiming: its claim is retried once stale, not while fresh.
    const dayThree = now + 2 * DAY;
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(dayThree);
    await exec("INSERT INTO digest_sends (id, team_id, user_id, local_date, status, claimed_at) VALUES (?, ?, ?, ?, 'claimed', ?)", ulid(), team.teamId, reps[1]!.userId, date, dayThree - 60_000);
    const dayThreeBox: Sent[] = [];
    await run(dayThree, dayThreeBox);
    expect(to(dayThreeBox, reps[1]!.email)).toHaveLength(0);
    await run(dayThree + 45 * 60_000, dayThreeBox);
    expect(to(dayThreeBox, reps[1]!.email)).toHaveLength(1);
  });

  it('DST in New York: a digest hour the clocks skip still comes once; an hour that repeats comes once', async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.role === 'rep')!;
    // 2026-03-08 02:00 does not exist in New York (01:59 EST → 03:00 EDT).
    await exec("UPDATE users SET time_zone = 'America/New_York', digest_hour = 2 WHERE id = ?", rep.userId);
    const spring = Date.UTC(2026, 2, 8, 7, 10); // 03:10 EDT
    await followUp(team, rep.userId, 'Spring task', spring - DAY);
    const springBox: Sent[] = [];
    await run(Date.UTC(2026, 2, 8, 6, 50), springBox); // 01:50 EST: not yet
    await run(spring, springBox);
    await run(spring + HOUR, springBox);
    expect(to(springBox, rep.email)).toHaveLength(1);

    // 2026-11-01 01:00–02:00 happens twice (EDT, then EST).
    await exec('UPDATE users SET digest_hour = 1 WHERE id = ?', rep.userId);
    const fallBox: Sent[] = [];
    await run(Date.UTC(2026, 10, 1, 5, 30), fallBox); // 01:30 EDT
    await run(Date.UTC(2026, 10, 1, 6, 30), fallBox); // 01:30 EST
    expect(to(fallBox, rep.email)).toHaveLength(1);
  });

  it("managers get each rep's overdue, stale, waiting and back-filled counts and the week against the last", async () => {
    const team = await seedTeam();
    const manager = team.logins.find((l) => l.role === 'manager')!;
    const rep = team.logins.find((l) => l.email.startsWith('lilei@'))!;
    const now = shanghaiMorning() + 5 * DAY;
    await followUp(team, rep.userId, '逾期', now - DAY);
    // Recorded yesterday (Shanghai) about something three days earlier: back-filled.
    const recorded = now - 10 * HOUR;
    await exec("INSERT INTO activities (id, team_id, owner_id, created_at, updated_at, version, kind, occurred_at, recorded_at, body) VALUES (?, ?, ?, ?, ?, 1, 'call', ?, ?, '补录')", ulid(), team.teamId, rep.userId, recorded, recorded, recorded - 3 * DAY, recorded);
    const outbox: Sent[] = [];
    await run(now, outbox);
    const mail = await parse(to(outbox, manager.email)[0]!);
    expect(mail.subject).toMatch(/^Sidecar daily digest/);
    expect(mail.text).toContain('Your team');
    const line = mail.text!.split('\n').find((l) => l.includes('李雷'))!;
    const [, overdue, stale, waiting, backfilled] = line.split('|').map((s) => Number(s.trim()));
    expect(overdue).toBeGreaterThanOrEqual(1);
    expect(stale).toBeGreaterThanOrEqual(0);
    expect(waiting).toBeGreaterThanOrEqual(0);
    expect(backfilled).toBe(1);
    expect(mail.text).toMatch(/This week \d+ activities \(last week \d+\), \d+ new leads \(last week \d+\)\./);
    expect(mail.html).toContain('<table');
  });

  it("'send me today's digest now' mails a preview and leaves today's scheduled digest to come", async () => {
    const team = await seedTeam();
    const rep = team.logins.find((l) => l.email.startsWith('lilei@'))!;
    await followUp(team, rep.userId, '预览用的逾期任务', Date.now() - 2 * DAY);
    const outbox: Sent[] = [];
    const app = createApp({ mailer: () => async (address, raw) => void outbox.push({ to: address, raw }) });
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request('https://api.test/api/me/digest-preview', { method: 'POST', headers: { authorization: `Bearer ${rep.token}` } }), env as never, ctx);
    await waitOnExecutionContext(ctx);
    expect(await res.json()).toMatchObject({ sent: true, items: expect.any(Number) });
    const mail = await parse(outbox[0]!);
    expect(mail.subject).toContain('（预览）');
    expect(mail.text).toContain('预览用的逾期任务');
    // The scheduled run still sends today's digest.
    const scheduled: Sent[] = [];
    await run(Date.now(), scheduled);
    const due = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', hour: 'numeric' }).format(Date.now());
    expect(to(scheduled, rep.email)).toHaveLength(Number(due) >= 8 ? 1 : 0);
  });
});
