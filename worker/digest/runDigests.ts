import { and, eq, inArray, isNull } from 'drizzle-orm';
import { jsonEach } from '../db/jsonParam';
import { digestSends, users } from '../db/schema';
import type { Db } from '../env';
import type { Mailer } from '../mail/sendMail';
import { claimDigests, recordOutcomes, type SendOutcome } from './digestClaims';
import { buildDigests, isEmpty, type Digest } from './digestData';
import { digestMessage } from './digestMessage';
import { sendIdentity } from './sendIdentity';
import { digestUserColumns, dueUsers, type DigestUser } from './dueUsers';

/** Users per batch: one claim, one read and one outcome statement each. */
const BATCH = 200;
/** Messages handed to the mail binding at once. */
const SEND_CONCURRENCY = 16;

export interface DigestRunStats {
  due: number;
  claimed: number;
  sent: number;
  empty: number;
  failed: number;
  /** Milliseconds spent reading the digests' data, and handing messages to the mail binding. */
  readMs: number;
  sendMs: number;
}


/**
 * One cron step: every active user whose digest hour has come gets today's digest at most once.
 * Already sent or empty today: skipped before claiming. Then, batch by batch: claim, read, send,
 * record. A send that throws is recorded failed (the next run retries it); a run that dies
 * leaves claims that go stale and are retried after STALE_CLAIM_MS.
 */
export async function runDigests(db: Db, options: { now: number; mailer: Mailer; from: string; origin: string }): Promise<DigestRunStats> {
  const { now } = options;
  const active = (await db
    .select(digestUserColumns)
    .from(users)
    .where(and(eq(users.digestEnabled, true), isNull(users.disabledAt)))) as DigestUser[];
  const due = dueUsers(active, now);
  const dates = [...new Set(due.map((u) => u.localDate))];
  const done = new Set(
    dates.length === 0
      ? []
      : (await db
          .select({ userId: digestSends.userId, localDate: digestSends.localDate })
          .from(digestSends)
          .where(and(inArray(digestSends.localDate, jsonEach(dates)), inArray(digestSends.status, ['sent', 'empty'])))).map((r) => `${r.userId}:${r.localDate}`),
  );
  const waiting = due.filter((u) => !done.has(`${u.id}:${u.localDate}`));
  const stats: DigestRunStats = { due: due.length, claimed: 0, sent: 0, empty: 0, failed: 0, readMs: 0, sendMs: 0 };

  for (let start = 0; start < waiting.length; start += BATCH) {
    const batch = waiting.slice(start, start + BATCH);
    const claims = await claimDigests(db, batch, now);
    const mine = batch.filter((u) => claims.has(u.id));
    stats.claimed += mine.length;
    const read = Date.now();
    const digests = await buildDigests(db, mine, now);
    const send = Date.now();
    stats.readMs += send - read;
    const outcomes = await mapLimited(digests, SEND_CONCURRENCY, (digest) => deliver(digest, claims.get(digest.user.id)!, options));
    stats.sendMs += Date.now() - send;
    for (const o of outcomes) stats[o.status]++;
    await recordOutcomes(db, outcomes, Date.now());
  }
  return stats;
}

async function deliver(digest: Digest, sendId: string, options: { now: number; mailer: Mailer; from: string; origin: string }): Promise<SendOutcome> {
  if (isEmpty(digest)) return { sendId, status: 'empty' };
  const { messageId, links, unsubscribeHash } = await sendIdentity(options.origin, sendId);
  try {
    const raw = digestMessage(digest, { from: options.from, messageId, links, now: options.now });
    await options.mailer(digest.user.email, raw);
    return { sendId, status: 'sent', messageId, unsubscribeHash };
  } catch (err) {
    // Never the message itself in the error: only what went wrong.
    return { sendId, status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!);
  });
  await Promise.all(workers);
  return results;
}

