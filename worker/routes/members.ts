import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { ulid } from 'ulidx';
import type { AuditAction, FieldChange } from '../../shared/api/audit';
import { ApiErrorSchema } from '../../shared/api/errors';
import { MemberIdParamSchema, MemberUpdateSchema } from '../../shared/api/team';
import { MemberSchema } from '../../shared/schema/team';
import { runBatch, type Statement } from '../db/rawBatch';
import { apiTokens, auditLog, teams, users } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const updateMemberRoute = createRoute({
  method: 'patch',
  path: '/api/team/members/{id}',
  operationId: 'updateMember',
  summary: "Change a teammate's role, or disable (every token revoked at once) or enable them (admins)",
  security: bearerSecurity,
  middleware: signedIn('updateMember'),
  request: { params: MemberIdParamSchema, body: { required: true, content: { 'application/json': { schema: MemberUpdateSchema } } } },
  responses: {
    200: jsonContent(MemberSchema, 'The member after the change'),
    ...errorResponses,
    403: jsonContent(ApiErrorSchema, 'Not an admin, or the admin tried to change themselves'),
    404: jsonContent(ApiErrorSchema, 'No such member of this team'),
    409: jsonContent(ApiErrorSchema, 'The team would be left without an active admin, or the member changed meanwhile'),
  },
});

const memberColumns = { id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt };

export const memberRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(updateMemberRoute, async (c) => {
  const { db, viewer } = c.var;
  const { id } = c.req.valid('param');
  const update = c.req.valid('json');
  if (id === viewer.id) throw new ApiError(403, 'forbidden', 'Admins cannot change their own role or disable themselves; ask another admin', { field: 'id' });
  const [before] = await db.select(memberColumns).from(users).where(and(eq(users.id, id), eq(users.teamId, viewer.teamId)));
  if (!before) throw new ApiError(404, 'not_found', `No team member with id ${id}`, { field: 'id' });

  const now = Date.now();
  const role = update.role ?? before.role;
  const disabledAt = update.disabled === undefined ? before.disabledAt : update.disabled ? (before.disabledAt ?? now) : null;
  const changes: Record<string, FieldChange> = {};
  if (role !== before.role) changes.role = { from: before.role, to: role };
  if (disabledAt !== before.disabledAt) changes.disabledAt = { from: before.disabledAt, to: disabledAt };
  if (Object.keys(changes).length === 0) return c.json(before, 200);

  // Every statement applies only while the member is as read, the caller is still an active
  // admin, and an active admin other than the member remains: checked inside the one batch,
  // so two admins demoting or disabling each other at once cannot leave the team without one.
  const unchanged: SQL = sql`EXISTS (SELECT 1 FROM users t WHERE t.id = ${id} AND t.team_id = ${viewer.teamId} AND t.role = ${before.role} AND t.disabled_at IS ${before.disabledAt})
    AND EXISTS (SELECT 1 FROM users a WHERE a.id = ${viewer.id} AND a.team_id = ${viewer.teamId} AND a.role = 'admin' AND a.disabled_at IS NULL)
    AND EXISTS (SELECT 1 FROM users o WHERE o.team_id = ${viewer.teamId} AND o.id <> ${id} AND o.role = 'admin' AND o.disabled_at IS NULL)`;
  const action: AuditAction = changes.role ? 'role' : disabledAt === null ? 'enable' : 'disable';
  const statements: Statement[] = [
    sql`INSERT INTO ${auditLog} (id, team_id, user_id, device_id, action, entity, record_id, at, detail)
        SELECT ${ulid(now)}, ${viewer.teamId}, ${viewer.id}, ${viewer.tokenId}, ${action}, 'user', ${id}, ${now}, ${JSON.stringify({ changes })} WHERE ${unchanged}`,
  ];
  if (changes.role) {
    // What the member may see changed: their devices pull again from scratch (users.minCursor).
    statements.push(db.update(teams).set({ version: sql`${teams.version} + 1` }).where(and(eq(teams.id, viewer.teamId), unchanged)));
  }
  statements.push(
    db
      .update(users)
      .set({ role, disabledAt, ...(changes.role ? { minCursor: sql`(SELECT version FROM teams WHERE id = ${viewer.teamId})` } : {}) })
      .where(and(eq(users.id, id), unchanged)),
  );
  if (disabledAt !== null && changes.disabledAt) {
    statements.push(
      db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt), sql`EXISTS (SELECT 1 FROM users WHERE id = ${id} AND disabled_at = ${disabledAt})`)),
    );
  }
  const results = await runBatch(db, statements);
  if (results[0]!.meta.changes === 0) {
    throw new ApiError(409, 'conflict', 'The team must keep an active admin, or this member changed meanwhile; reload and try again', { field: changes.role ? 'role' : 'disabled' });
  }
  return c.json({ ...before, role, disabledAt }, 200);
});
