import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { DigestFailuresResponseSchema, DigestPreviewSchema } from '../../shared/api/digest';
import { ApiErrorSchema } from '../../shared/api/errors';
import { localDate } from '../../shared/time/zoned';
import { MAX_DIGEST_ATTEMPTS } from '../digest/digestClaims';
import { buildDigests, isEmpty } from '../digest/digestData';
import { digestMessage } from '../digest/digestMessage';
import { publicOrigin, sendIdentity } from '../digest/sendIdentity';
import { digestUserColumns } from '../digest/dueUsers';
import { digestSends, users } from '../db/schema';
import type { AppEnv } from '../env';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const previewRoute = createRoute({
  method: 'post',
  path: '/api/me/digest-preview',
  operationId: 'previewDigest',
  summary: "Send me today's digest now (a preview: today's scheduled digest still goes out)",
  security: bearerSecurity,
  middleware: signedIn('previewDigest'),
  responses: { 200: jsonContent(DigestPreviewSchema, 'Whether a message went out, and how many items it had'), 401: errorResponses[401], 429: errorResponses[429] },
});

const failuresRoute = createRoute({
  method: 'get',
  path: '/api/team/digest-failures',
  operationId: 'listDigestFailures',
  summary: "Team members whose digest could not be sent (managers and admins)",
  security: bearerSecurity,
  middleware: signedIn('listDigestFailures'),
  responses: { 200: jsonContent(DigestFailuresResponseSchema, 'Newest first'), 401: errorResponses[401], 403: jsonContent(ApiErrorSchema, 'Managers and admins only') },
});

export const digestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(previewRoute, async (c) => {
    const { db, viewer } = c.var;
    const now = Date.now();
    const [user] = await db
      .select(digestUserColumns)
      .from(users)
      .where(eq(users.id, viewer.id));
    const [digest] = await buildDigests(db, [{ ...user!, localDate: localDate(now, user!.timeZone) }], now);
    if (!digest || isEmpty(digest)) return c.json({ sent: false, items: 0 }, 200);
    // The preview's own row (outside the daily claims: its local date is marked) makes its
    // unsubscribe link work like a real digest's.
    const sendId = ulid(now);
    const { messageId, links, unsubscribeHash } = await sendIdentity(publicOrigin(c.env), sendId);
    await db.insert(digestSends).values({ id: sendId, teamId: viewer.teamId, userId: viewer.id, localDate: `preview:${sendId}`, status: 'sent', claimedAt: now, sentAt: now, messageId, unsubscribeHash });
    const raw = digestMessage(digest, { from: c.env.MAIL_FROM, messageId, links, now, preview: true });
    await c.var.mail(digest.user.email, raw);
    return c.json({ sent: true, items: digest.items.length }, 200);
  })
  .openapi(failuresRoute, async (c) => {
    const { db, viewer } = c.var;
    const rows = await db
      .select({ userId: digestSends.userId, name: users.name, email: users.email, localDate: digestSends.localDate, attempts: digestSends.attempts, lastError: digestSends.lastError, claimedAt: digestSends.claimedAt })
      .from(digestSends)
      .innerJoin(users, eq(users.id, digestSends.userId))
      .where(and(eq(digestSends.teamId, viewer.teamId), eq(digestSends.status, 'failed')))
      .orderBy(desc(digestSends.claimedAt))
      .limit(200);
    return c.json({ failures: rows.map((r) => ({ ...r, givenUp: r.attempts >= MAX_DIGEST_ATTEMPTS })) }, 200);
  });
