import { sql } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { runBatch, type Statement } from '../db/rawBatch';
import { digestSends } from '../db/schema';
import type { Db } from '../env';
import type { DueUser } from './dueUsers';

/** A claim older than this whose send never reported back (the run died) may be taken again. */
export const STALE_CLAIM_MS = 30 * 60_000;
/** A send that failed this many times is left for a person to look at (the dashboard lists it). */
export const MAX_DIGEST_ATTEMPTS = 5;

/**
 * Takes the (user, local date) claims for a batch of due users in one statement and returns the
 * ids of the users this run may mail. A row that exists already is taken only when its last
 * send failed (and tries remain) or its claim went stale; anything sent, empty, or claimed by a
 * run still going is left alone. Overlapping runs race on the unique key, and one wins.
 */
export async function claimDigests(db: Db, users: DueUser[], now: number): Promise<Map<string, string>> {
  if (users.length === 0) return new Map();
  const rows = users.map((u) => ({ id: ulid(now), team_id: u.teamId, user_id: u.id, local_date: u.localDate }));
  const statement: Statement = sql`
    INSERT INTO ${digestSends} (id, team_id, user_id, local_date, status, attempts, claimed_at)
    SELECT json_extract(value, '$.id'), json_extract(value, '$.team_id'), json_extract(value, '$.user_id'), json_extract(value, '$.local_date'), 'claimed', 1, ${now}
    FROM json_each(${JSON.stringify(rows)}) WHERE true
    ON CONFLICT (user_id, local_date) DO UPDATE SET status = 'claimed', attempts = attempts + 1, claimed_at = ${now}, last_error = NULL
      WHERE (status = 'failed' AND attempts < ${MAX_DIGEST_ATTEMPTS}) OR (status = 'claimed' AND claimed_at < ${now - STALE_CLAIM_MS})
    RETURNING user_id, id`;
  const [result] = await runBatch(db, [statement]);
  return new Map((result!.results as { user_id: string; id: string }[]).map((r) => [r.user_id, r.id]));
}

export type SendOutcome =
  | { sendId: string; status: 'sent'; messageId: string; unsubscribeHash: string }
  | { sendId: string; status: 'empty' }
  | { sendId: string; status: 'failed'; error: string };

/** Records how each claimed send ended, in one batch: sent with its message id, nothing to say, or failed (released). */
export async function recordOutcomes(db: Db, outcomes: SendOutcome[], now: number): Promise<void> {
  if (outcomes.length === 0) return;
  const payload = outcomes.map((o) => ({
    id: o.sendId,
    status: o.status,
    message_id: o.status === 'sent' ? o.messageId : null,
    unsubscribe_hash: o.status === 'sent' ? o.unsubscribeHash : null,
    error: o.status === 'failed' ? o.error.slice(0, 300) : null,
  }));
  await runBatch(db, [
    sql`UPDATE ${digestSends} SET
          status = json_extract(o.value, '$.status'),
          message_id = json_extract(o.value, '$.message_id'),
          unsubscribe_hash = json_extract(o.value, '$.unsubscribe_hash'),
          last_error = json_extract(o.value, '$.error'),
          sent_at = CASE json_extract(o.value, '$.status') WHEN 'sent' THEN ${now} ELSE sent_at END
        FROM json_each(${JSON.stringify(payload)}) AS o
        WHERE ${digestSends.id} = json_extract(o.value, '$.id') AND ${digestSends.status} = 'claimed'`,
  ]);
}
