import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { ApiErrorSchema } from '../../shared/api/errors';
import { INVITE_TTL_MS, InviteIdParamSchema, InviteRequestSchema, InviteSchema, InvitesResponseSchema } from '../../shared/api/invites';
import { issueCodeOrRefuse } from '../auth/signInCode';
import { auditLog, invites, teams, users } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { signedIn } from '../middleware/permit';
import { onValidationFailure } from '../middleware/errors';
import { signInMessage } from '../mail/signInMessage';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';
import { signInLinkUrl } from './signInLink';
import { auditEntry } from '../audit/auditEntry';

const forbidden = { 403: jsonContent(ApiErrorSchema, 'Only admins manage invitations') };

const createInviteRoute = createRoute({
  method: 'post',
  path: '/api/team/invites',
  operationId: 'inviteMember',
  summary: 'Invite an address to the team with a role; the invitation arrives as a sign-in email (admins)',
  security: bearerSecurity,
  middleware: signedIn('inviteMember'),
  request: { body: { required: true, content: { 'application/json': { schema: InviteRequestSchema } } } },
  responses: { 201: jsonContent(InviteSchema, 'The invitation'), ...errorResponses, ...forbidden, 409: jsonContent(ApiErrorSchema, 'Already a member of this team') },
});

const listInvitesRoute = createRoute({
  method: 'get',
  path: '/api/team/invites',
  operationId: 'listInvites',
  summary: 'Pending invitations of the team (admins)',
  security: bearerSecurity,
  middleware: signedIn('listInvites'),
  responses: { 200: jsonContent(InvitesResponseSchema, 'Pending, newest last'), 401: errorResponses[401], ...forbidden },
});

const revokeInviteRoute = createRoute({
  method: 'delete',
  path: '/api/team/invites/{id}',
  operationId: 'revokeInvite',
  summary: 'Withdraw a pending invitation (admins)',
  security: bearerSecurity,
  middleware: signedIn('revokeInvite'),
  request: { params: InviteIdParamSchema },
  responses: { 204: { description: 'Withdrawn' }, ...errorResponses, ...forbidden, 404: jsonContent(ApiErrorSchema, 'No such pending invitation in this team') },
});

const pending = (now: number) => and(isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, now));

export const inviteRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(createInviteRoute, async (c) => {
    const { db, viewer } = c.var;
    const { email, role, locale } = c.req.valid('json');
    const now = Date.now();
    const [[member], [team], [inviter]] = await db.batch([
      db.select({ teamId: users.teamId }).from(users).where(eq(users.email, email)).limit(1),
      db.select({ name: teams.name }).from(teams).where(eq(teams.id, viewer.teamId)),
      db.select({ name: users.name }).from(users).where(eq(users.id, viewer.id)),
    ]);
    if (member?.teamId === viewer.teamId) throw new ApiError(409, 'conflict', 'This address is already a member of the team', { field: 'email' });
    const invite = { id: ulid(now), teamId: viewer.teamId, email, role, invitedBy: viewer.id, createdAt: now, expiresAt: now + INVITE_TTL_MS };
    // An address that belongs to another team gets nothing, and the admin learns nothing of it:
    // a user belongs to one team, so the invitation simply stays unused. The code comes first,
    // so a refusal (too many codes) leaves no invitation behind.
    const issued = member ? null : await issueCodeOrRefuse(db, email, now);
    // A newer invitation of the same address replaces the team's pending one (its role wins).
    await db.batch([
      db.update(invites).set({ revokedAt: now }).where(and(eq(invites.teamId, viewer.teamId), eq(invites.email, email), pending(now))),
      db.insert(invites).values(invite),
      db.insert(auditLog).values(auditEntry(viewer, now, { action: 'invite', entity: 'invite', recordId: invite.id, detail: { changes: { email: { from: null, to: email }, role: { from: null, to: role } } } })),
    ]);
    if (issued) {
      const link = signInLinkUrl(new URL(c.req.url).origin, issued);
      await c.var.mail(email, signInMessage({ from: c.env.MAIL_FROM, to: email, code: issued.code, link, locale, now, invitation: { by: inviter?.name ?? '', team: team?.name ?? '' } }));
    }
    const { teamId: _team, ...shown } = invite;
    return c.json(shown, 201);
  })
  .openapi(listInvitesRoute, async (c) => {
    const { db, viewer } = c.var;
    const rows = await db
      .select({ id: invites.id, email: invites.email, role: invites.role, invitedBy: invites.invitedBy, createdAt: invites.createdAt, expiresAt: invites.expiresAt })
      .from(invites)
      .where(and(eq(invites.teamId, viewer.teamId), pending(Date.now())))
      .orderBy(asc(invites.createdAt));
    return c.json({ invites: rows }, 200);
  })
  .openapi(revokeInviteRoute, async (c) => {
    const { db, viewer } = c.var;
    const now = Date.now();
    const id = c.req.valid('param').id;
    const revoked = await db
      .update(invites)
      .set({ revokedAt: now })
      .where(and(eq(invites.id, id), eq(invites.teamId, viewer.teamId), pending(now)))
      .returning({ id: invites.id, email: invites.email });
    if (revoked.length === 0) throw new ApiError(404, 'not_found', 'No such pending invitation');
    await db.insert(auditLog).values(auditEntry(viewer, now, { action: 'uninvite', entity: 'invite', recordId: id, detail: { note: { email: revoked[0]!.email } } }));
    return c.body(null, 204);
  });
