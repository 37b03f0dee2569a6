import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { ulid } from 'ulidx';
import {
  SIGN_IN_CODE_TTL_MS,
  SignInCodeRequestSchema,
  SignInCodeResponseSchema,
  SignInTokenRequestSchema,
  SignInTokenResponseSchema,
} from '../../shared/api/auth';
import { checkCode, checkLink, consumeCode, issueCodeOrRefuse } from '../auth/signInCode';
import { isUniqueViolation } from '../db/d1Errors';
import { createTeamStatements } from '../auth/createTeam';
import { generateSecret, generateToken, hashToken } from '../auth/token';
import { apiTokens, invites, users } from '../db/schema';
import type { AppEnv, Db, Env } from '../env';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signInMessage } from '../mail/signInMessage';
import { errorResponses, jsonContent } from './openapi';
import { signInLinkUrl } from './signInLink';
import { loadMe } from './me';

const DAY = 86_400_000;

const codeRoute = createRoute({
  method: 'post',
  path: '/api/auth/code',
  operationId: 'requestSignInCode',
  summary: 'Email a one-time sign-in code; the same answer whether or not the address has an account',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: SignInCodeRequestSchema } } } },
  responses: { 200: jsonContent(SignInCodeResponseSchema, 'A code is on its way if the address can sign in'), 400: errorResponses[400], 429: errorResponses[429] },
});

const tokenRoute = createRoute({
  method: 'post',
  path: '/api/auth/token',
  operationId: 'signIn',
  summary: 'Trade the emailed code for a device token; with newTeam, create a team whose admin is the caller',
  security: [],
  request: { body: { required: true, content: { 'application/json': { schema: SignInTokenRequestSchema } } } },
  responses: { 200: jsonContent(SignInTokenResponseSchema, 'The device token and who it belongs to'), ...errorResponses },
});

export const openTeamCreation = (env: Pick<Env, 'ALLOW_TEAM_CREATION'>) => env.ALLOW_TEAM_CREATION !== 'false';

/** Waits for the batch that creates a user; two sign-ins making one for the same address at once: the other won. */
async function newAccount(batch: Promise<unknown>): Promise<void> {
  try {
    await batch;
  } catch (err) {
    if (isUniqueViolation(err, 'users.email')) throw new ApiError(409, 'conflict', 'This address joined a team a moment ago; sign in again', { field: 'email' });
    throw err;
  }
}

/** The newest usable invitation of an address, if any. */
async function pendingInvite(db: Db, email: string, now: number) {
  const [invite] = await db
    .select({ id: invites.id, teamId: invites.teamId, role: invites.role })
    .from(invites)
    .where(and(eq(invites.email, email), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .orderBy(desc(invites.createdAt))
    .limit(1);
  return invite;
}

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(codeRoute, async (c) => {
    const { email, locale } = c.req.valid('json');
    const now = Date.now();
    const [user] = await c.var.db.select({ locale: users.locale }).from(users).where(eq(users.email, email)).limit(1);
    // An unknown address can join by invitation or create a team; when neither is possible,
    // nothing is sent, but the answer is the same, so it does not tell who has an account.
    // The request id of an address that gets nothing is just as random, and never confirms.
    let requestId = generateSecret();
    if (user || openTeamCreation(c.env) || (await pendingInvite(c.var.db, email, now))) {
      const issued = await issueCodeOrRefuse(c.var.db, email, now);
      requestId = issued.requestId;
      const link = signInLinkUrl(new URL(c.req.url).origin, issued);
      await c.var.mail(email, signInMessage({ from: c.env.MAIL_FROM, to: email, code: issued.code, link, locale: user?.locale ?? locale, now }));
    }
    return c.json({ sent: true as const, expiresInSeconds: SIGN_IN_CODE_TTL_MS / 1000, requestId }, 200);
  })
  .openapi(tokenRoute, async (c) => {
    const request = c.req.valid('json');
    const { db } = c.var;
    const now = Date.now();
    const invalid = () => new ApiError(400, 'invalid_code', 'The code is wrong, expired, already used or out of tries; ask for a new one', { field: request.code ? 'code' : 'requestId' });
    const checked = request.code ? await checkCode(db, request.email, request.code, now) : await checkLink(db, request.email, request.requestId!, now);
    if (checked === 'pending') throw new ApiError(409, 'sign_in_pending', 'The emailed link has not been confirmed yet', { field: 'requestId' });
    if (!checked) throw invalid();

    const [user] = await db.select({ id: users.id, teamId: users.teamId }).from(users).where(eq(users.email, request.email)).limit(1);
    let account = user;
    const invite = account ? undefined : await pendingInvite(db, request.email, now);
    if (!account && !invite) {
      if (!request.newTeam) {
        // The code proved the address, so saying it has no account reveals nothing to a stranger.
        throw new ApiError(404, 'no_account', 'This address has no account; send newTeam to create a team', { canCreateTeam: openTeamCreation(c.env) });
      }
      if (!openTeamCreation(c.env)) throw new ApiError(403, 'forbidden', 'Teams are created by an administrator on this server; ask for an invitation');
    }
    if (!(await consumeCode(db, checked.id, now))) throw invalid();

    const token = generateToken();
    const tokenHash = await hashToken(token);
    if (account) {
      await db.insert(apiTokens).values({ ...tokenValues(account.id, account.teamId), tokenHash });
    } else if (invite) {
      // Joining by invitation: the user is created with the invited role, the invitation used up.
      const userId = ulid(now);
      const name = request.newTeam?.userName ?? request.email.split('@')[0]!;
      await newAccount(
        db.batch([
          db.update(invites).set({ acceptedAt: now }).where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt), isNull(invites.revokedAt))),
          db.insert(users).values({ id: userId, teamId: invite.teamId, email: request.email, name, role: invite.role, locale: request.locale, timeZone: request.timeZone ?? 'UTC', createdAt: now }),
          db.insert(apiTokens).values({ ...tokenValues(userId, invite.teamId), tokenHash }),
        ]),
      );
      account = { id: userId, teamId: invite.teamId };
    } else {
      const created = createTeamStatements(db, request.newTeam!, { email: request.email, locale: request.locale }, now);
      await newAccount(db.batch([...created.statements, db.insert(apiTokens).values({ ...tokenValues(created.userId, created.teamId), tokenHash })]));
      account = { id: created.userId, teamId: created.teamId };
    }
    return c.json({ token, me: await loadMe(db, account) }, 200);

    function tokenValues(userId: string, teamId: string) {
      return { id: ulid(now), userId, teamId, label: request.deviceLabel, createdAt: now, expiresAt: now + Number(c.env.TOKEN_TTL_DAYS || 90) * DAY };
    }
  });
