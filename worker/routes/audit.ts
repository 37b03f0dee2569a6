import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { AuditPageSchema, AuditQuerySchema, RecordHistoryParamSchema, type AuditEntry } from '../../shared/api/audit';
import { ENTITY_NAMES, type EntityName } from '../../shared/api/entities';
import { ApiErrorSchema } from '../../shared/api/errors';
import { canSee, seesWholeTeam } from '../../shared/rules/visibility';
import { apiTokens, auditLog, invites, users } from '../db/schema';
import type { AppEnv, Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { entityTables } from '../sync/tables';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const listAuditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  operationId: 'listAudit',
  summary: "The team's audit log, newest first, by person, entity and time (managers and admins)",
  security: bearerSecurity,
  middleware: signedIn('listAudit'),
  request: { query: AuditQuerySchema },
  responses: { 200: jsonContent(AuditPageSchema, 'One page of entries'), ...errorResponses, 403: jsonContent(ApiErrorSchema, 'Reps see only the history of their own records') },
});

const recordHistoryRoute = createRoute({
  method: 'get',
  path: '/api/audit/{entity}/{recordId}',
  operationId: 'getRecordHistory',
  summary: 'Every recorded change of one record, newest first, for anyone who may see the record',
  security: bearerSecurity,
  middleware: signedIn('getRecordHistory'),
  request: { params: RecordHistoryParamSchema },
  responses: { 200: jsonContent(AuditPageSchema, 'The history'), ...errorResponses, 404: jsonContent(ApiErrorSchema, 'No such record the caller may see') },
});

/** Entries with the label of the device they came through (while its token row exists). */
function selectEntries(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.userId,
      deviceId: auditLog.deviceId,
      deviceLabel: apiTokens.label,
      action: auditLog.action,
      entity: auditLog.entity,
      recordId: auditLog.recordId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.deviceId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** Whether the viewer may read a record's history: they may see the record (or, for team things, manage the team). */
async function mayReadHistory(db: Db, viewer: Viewer, entity: string, recordId: string): Promise<boolean> {
  if ((ENTITY_NAMES as string[]).includes(entity)) {
    const table = entityTables[entity as EntityName];
    const [row] = await db.select({ teamId: table.teamId, ownerId: table.ownerId }).from(table).where(eq(table.id, recordId));
    return !!row && row.teamId === viewer.teamId && canSee(viewer, entity as EntityName, row);
  }
  if (entity === 'user') {
    const [row] = await db.select({ teamId: users.teamId }).from(users).where(eq(users.id, recordId));
    return !!row && row.teamId === viewer.teamId && (recordId === viewer.id || seesWholeTeam(viewer.role));
  }
  const [row] = await db.select({ teamId: invites.teamId }).from(invites).where(eq(invites.id, recordId));
  return !!row && row.teamId === viewer.teamId && seesWholeTeam(viewer.role);
}

export const auditRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure })
  .openapi(listAuditRoute, async (c) => {
    const { db, viewer } = c.var;
    const query = c.req.valid('query');
    const conditions: SQL[] = [eq(auditLog.teamId, viewer.teamId)];
    if (query.actorId) conditions.push(eq(auditLog.userId, query.actorId));
    if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
    if (query.from !== undefined) conditions.push(gte(auditLog.at, query.from));
    if (query.to !== undefined) conditions.push(lte(auditLog.at, query.to));
    if (query.before) conditions.push(lt(auditLog.id, query.before));
    const rows = (await selectEntries(db, and(...conditions), query.limit + 1)) as AuditEntry[];
    const entries = rows.slice(0, query.limit);
    return c.json({ entries, nextBefore: rows.length > query.limit ? entries[entries.length - 1]!.id : null }, 200);
  })
  .openapi(recordHistoryRoute, async (c) => {
    const { db, viewer } = c.var;
    const { entity, recordId } = c.req.valid('param');
    if (!(await mayReadHistory(db, viewer, entity, recordId))) throw new ApiError(404, 'not_found', `No ${entity} with id ${recordId}`, { field: 'recordId' });
    const entries = (await selectEntries(db, and(eq(auditLog.teamId, viewer.teamId), eq(auditLog.recordId, recordId), eq(auditLog.entity, entity)), 500)) as AuditEntry[];
    return c.json({ entries, nextBefore: null }, 200);
  });
