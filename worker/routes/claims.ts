import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq, gt, inArray, or } from 'drizzle-orm';
import { ulid } from 'ulidx';
import { CLAIM_OUTCOME_DAYS, ClaimDecisionSchema, ClaimIdParamSchema, ClaimRequestSchema, ClaimSchema, ClaimsResponseSchema, type Claim } from '../../shared/api/claims';
import { ApiErrorSchema } from '../../shared/api/errors';
import { mayTarget } from '../../shared/rules/permissions';
import { seesWholeTeam } from '../../shared/rules/visibility';
import { isUniqueViolation } from '../db/d1Errors';
import { jsonEach } from '../db/jsonParam';
import { auditLog, claimRequests, contacts, users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { applyHandover } from '../handover/applyHandover';
import { auditEntry } from '../audit/auditEntry';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const DAY = 86_400_000;

const requestRoute = createRoute({
  method: 'post',
  path: '/api/claims',
  operationId: 'requestClaim',
  summary: "Ask for a teammate's customer (撞单) instead of creating a twin",
  security: bearerSecurity,
  middleware: signedIn('requestClaim'),
  request: { body: { required: true, content: { 'application/json': { schema: ClaimRequestSchema } } } },
  responses: {
    201: jsonContent(ClaimSchema, 'The open request'),
    ...errorResponses,
    403: jsonContent(ApiErrorSchema, 'The customer is already yours'),
    404: jsonContent(ApiErrorSchema, 'No such live contact in the team'),
    409: jsonContent(ApiErrorSchema, 'You already asked for this customer'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/claims',
  operationId: 'listClaims',
  summary: 'Open requests for your customers (all of the team’s for managers) and the outcome of your own',
  security: bearerSecurity,
  middleware: signedIn('listClaims'),
  responses: { 200: jsonContent(ClaimsResponseSchema, 'Newest first'), 401: errorResponses[401] },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/api/claims/{id}/decide',
  operationId: 'decideClaim',
  summary: 'Approve (the customer with its deals, open follow-ups and activities goes to the requester) or decline with a reason',
  security: bearerSecurity,
  middleware: signedIn('decideClaim'),
  request: { params: ClaimIdParamSchema, body: { required: true, content: { 'application/json': { schema: ClaimDecisionSchema } } } },
  responses: {
    200: jsonContent(ClaimSchema, 'The decided request'),
    ...errorResponses,
    404: jsonContent(ApiErrorSchema, 'No such request you may decide'),
    409: jsonContent(ApiErrorSchema, 'Already decided'),
  },
});

/** A request as its reader may see it: the customer's name is the owner's and managers' to see, and the requester's once approved. */
async function shown(db: Db, viewer: Viewer, rows: (typeof claimRequests.$inferSelect)[]): Promise<Claim[]> {
  const found = rows.length === 0 ? [] : await db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, jsonEach(rows.map((r) => r.contactId))));
  const names = new Map(found.map((c) => [c.id, c.name]));
  return rows.map(({ teamId: _team, ...row }) => ({
    ...row,
    contactName: seesWholeTeam(viewer.role) || row.ownerId === viewer.id || row.status === 'approved' ? (names.get(row.contactId) ?? null) : null,
  }));
}

export const claimRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(requestRoute, async (c) => {
    const { db, viewer } = c.var;
    const { contactId, note } = c.req.valid('json');
    const [contact] = await db
      .select({ ownerId: contacts.ownerId, teamId: contacts.teamId, deletedAt: contacts.deletedAt })
      .from(contacts)
      .where(eq(contacts.id, contactId));
    if (!contact || contact.teamId !== viewer.teamId || contact.deletedAt !== null) throw new ApiError(404, 'not_found', `No contact with id ${contactId}`, { field: 'contactId' });
    if (contact.ownerId === viewer.id) throw new ApiError(403, 'forbidden', 'This customer is already yours', { field: 'contactId' });
    const now = Date.now();
    const row = { id: ulid(now), teamId: viewer.teamId, contactId, requesterId: viewer.id, ownerId: contact.ownerId, status: 'open' as const, note, reason: null, decidedBy: null, createdAt: now, decidedAt: null };
    try {
      await db.batch([
        db.insert(claimRequests).values(row),
        db.insert(auditLog).values(auditEntry(viewer, now, { action: 'claim', entity: 'contact', recordId: contactId, detail: { note: { request: row.id, owner: contact.ownerId } } })),
      ]);
    } catch (err) {
      // The partial unique index: an open request of this rep for this customer exists (two clicks at once).
      if (isUniqueViolation(err)) throw new ApiError(409, 'conflict', 'You already asked for this customer', { field: 'contactId' });
      throw err;
    }
    return c.json((await shown(db, viewer, [row]))[0]!, 201);
  })
  .openapi(listRoute, async (c) => {
    const { db, viewer } = c.var;
    const since = Date.now() - CLAIM_OUTCOME_DAYS * DAY;
    const mine = and(eq(claimRequests.requesterId, viewer.id), gt(claimRequests.createdAt, since));
    const forMe = seesWholeTeam(viewer.role) ? eq(claimRequests.status, 'open') : and(eq(claimRequests.ownerId, viewer.id), eq(claimRequests.status, 'open'));
    const rows = await db
      .select()
      .from(claimRequests)
      .where(and(eq(claimRequests.teamId, viewer.teamId), or(mine, forMe)))
      .orderBy(desc(claimRequests.createdAt))
      .limit(200);
    return c.json({ claims: await shown(db, viewer, rows) }, 200);
  })
  .openapi(decideRoute, async (c) => {
    const { db, viewer } = c.var;
    const { id } = c.req.valid('param');
    const decision = c.req.valid('json');
    const [claim] = await db.select().from(claimRequests).where(and(eq(claimRequests.id, id), eq(claimRequests.teamId, viewer.teamId)));
    const [contact] = claim ? await db.select({ ownerId: contacts.ownerId }).from(contacts).where(eq(contacts.id, claim.contactId)) : [];
    // The customer's current owner decides, or a manager; anyone else is told it does not exist.
    if (!claim || !contact || !mayTarget('decideClaim', viewer.role, contact.ownerId === viewer.id ? 'self' : 'teammate')) {
      throw new ApiError(404, 'not_found', `No request with id ${id}`, { field: 'id' });
    }
    const now = Date.now();
    const status = decision.decision === 'approve' ? 'approved' : 'declined';
    const reason = decision.decision === 'decline' ? decision.reason.trim() : null;
    // Taking the decision is one conditional write: of two people deciding at once, one wins.
    const [decided] = await db
      .update(claimRequests)
      .set({ status, reason, decidedBy: viewer.id, decidedAt: now })
      .where(and(eq(claimRequests.id, id), eq(claimRequests.status, 'open')))
      .returning();
    if (!decided) throw new ApiError(409, 'conflict', 'This request was already decided', { field: 'id' });
    if (status === 'approved') {
      const [requester] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, claim.requesterId));
      try {
        if (!requester || requester.disabledAt !== null) throw new ApiError(409, 'conflict', 'The requester is disabled', { field: 'id' });
        const summary = () => ({ action: 'claim' as const, entity: 'contact' as const, recordId: claim.contactId, detail: { note: { request: id, decision: status, to: claim.requesterId } } });
        await applyHandover(c.env, db, viewer, { fromUserId: contact.ownerId, toUserId: claim.requesterId, contactIds: [claim.contactId] }, c.var.queryCount, summary, (work) => c.executionCtx.waitUntil(work));
      } catch (err) {
        // Nothing moved: the request is open again for another try.
        await db.update(claimRequests).set({ status: 'open', reason: null, decidedBy: null, decidedAt: null }).where(eq(claimRequests.id, id));
        throw err;
      }
    } else {
      await db.insert(auditLog).values(auditEntry(viewer, now, { action: 'claim', entity: 'contact', recordId: claim.contactId, detail: { note: { request: id, decision: status, reason } } }));
    }
    return c.json((await shown(db, viewer, [decided]))[0]!, 200);
  });
