import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { SIGN_IN_CODE_MAX_ATTEMPTS, SIGN_IN_CODE_TTL_MS, SIGN_IN_CODES_PER_WINDOW } from '../../shared/api/auth';
import { signInCodes } from '../db/schema';
import type { Db } from '../env';
import { ApiError } from '../middleware/apiError';
import { generateSecret, hashToken } from './token';

/** Six decimal digits, uniform (rejection sampling, so no digit is more likely than another). */
export function generateCode(): string {
  const limit = 4_294_000_000; // the largest multiple of 1,000,000 below 2^32
  for (;;) {
    const [n] = crypto.getRandomValues(new Uint32Array(1));
    if (n! < limit) return String(n! % 1_000_000).padStart(6, '0');
  }
}

/** Salted with the code's id, so equal codes do not share a hash. */
const codeHash = (id: string, code: string) => hashToken(`${id}:${code}`);

/** What a sign-in email carries (code, link key) and what only the asking device gets (requestId). */
export interface IssuedCode {
  id: string;
  code: string;
  linkKey: string;
  requestId: string;
}

/**
 * Stores a new code for `email`, or answers null when the address already had as many codes as
 * the window allows (a flood, or someone mailing a victim): the caller refuses with 429.
 */
export async function issueCode(db: Db, email: string, now: number): Promise<IssuedCode | null> {
  const [recent] = await db
    .select({ n: sql<number>`count(*)` })
    .from(signInCodes)
    .where(and(eq(signInCodes.email, email), gt(signInCodes.createdAt, now - SIGN_IN_CODE_TTL_MS)));
  if ((recent?.n ?? 0) >= SIGN_IN_CODES_PER_WINDOW) return null;
  const id = ulid(now);
  const code = generateCode();
  const linkKey = generateSecret();
  const requestId = generateSecret();
  await db.batch([
    db.insert(signInCodes).values({
      id,
      email,
      codeHash: await codeHash(id, code),
      requestHash: await hashToken(requestId),
      linkHash: await hashToken(linkKey),
      createdAt: now,
      expiresAt: now + SIGN_IN_CODE_TTL_MS,
    }),
    // Expired codes are of no use to anyone; dropping them here keeps the table small.
    db.delete(signInCodes).where(lt(signInCodes.expiresAt, now - SIGN_IN_CODE_TTL_MS)),
  ]);
  return { id, code, linkKey, requestId };
}

/**
 * The emailed link was opened and confirmed: marks the code so the device holding its request
 * id may collect a token. False when the link is wrong, expired or already used.
 */
export async function confirmLink(db: Db, id: string, linkKey: string, now: number): Promise<boolean> {
  const confirmed = await db
    .update(signInCodes)
    .set({ confirmedAt: now })
    .where(and(eq(signInCodes.id, id), eq(signInCodes.linkHash, await hashToken(linkKey)), isNull(signInCodes.usedAt), gt(signInCodes.expiresAt, now)))
    .returning({ id: signInCodes.id });
  return confirmed.length === 1;
}

/**
 * The device that asked for the code, checking whether its link was confirmed. 'pending' while
 * not yet; null when the request id does not match the address's newest live code (no tries are
 * spent: the request id is a 256-bit secret, not a guessable code).
 */
export async function checkLink(db: Db, email: string, requestId: string, now: number): Promise<{ id: string } | 'pending' | null> {
  const [live] = await db
    .select({ id: signInCodes.id, requestHash: signInCodes.requestHash, confirmedAt: signInCodes.confirmedAt })
    .from(signInCodes)
    .where(and(eq(signInCodes.email, email), isNull(signInCodes.usedAt), gt(signInCodes.expiresAt, now)))
    .orderBy(desc(signInCodes.createdAt))
    .limit(1);
  if (!live || live.requestHash !== (await hashToken(requestId))) return null;
  return live.confirmedAt === null ? 'pending' : { id: live.id };
}

/**
 * Checks a code against the address's newest live code. Each check spends one try, taken in the
 * same statement that reads the hash, so concurrent guesses cannot exceed the limit. A right
 * code is consumed only by `consumeCode`, once the sign-in it allows has been decided.
 */
export async function checkCode(db: Db, email: string, code: string, now: number): Promise<{ id: string } | null> {
  const [live] = await db
    .select({ id: signInCodes.id })
    .from(signInCodes)
    .where(and(eq(signInCodes.email, email), isNull(signInCodes.usedAt), gt(signInCodes.expiresAt, now)))
    .orderBy(desc(signInCodes.createdAt))
    .limit(1);
  if (!live) return null;
  const [spent] = await db
    .update(signInCodes)
    .set({ attempts: sql`${signInCodes.attempts} + 1` })
    .where(and(eq(signInCodes.id, live.id), isNull(signInCodes.usedAt), lt(signInCodes.attempts, SIGN_IN_CODE_MAX_ATTEMPTS)))
    .returning({ codeHash: signInCodes.codeHash });
  if (!spent) return null;
  return spent.codeHash === (await codeHash(live.id, code)) ? live : null;
}

/** issueCode, or 429 rate_limited when the address is over its window: every sender of codes refuses alike. */
export async function issueCodeOrRefuse(db: Db, email: string, now: number): Promise<IssuedCode> {
  const code = await issueCode(db, email, now);
  if (!code) throw new ApiError(429, 'rate_limited', 'Too many codes for this address; wait 15 minutes', { retryAfterSeconds: SIGN_IN_CODE_TTL_MS / 1000 });
  return code;
}

/** Marks the code used; false when a concurrent sign-in used it first. */
export async function consumeCode(db: Db, id: string, now: number): Promise<boolean> {
  const used = await db.update(signInCodes).set({ usedAt: now }).where(and(eq(signInCodes.id, id), isNull(signInCodes.usedAt))).returning({ id: signInCodes.id });
  return used.length === 1;
}
