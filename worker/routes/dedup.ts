import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { DedupCheckRequestSchema, DedupCheckResponseSchema } from '../../shared/api/dedup';
import { findDuplicates } from '../../shared/rules/dedup';
import { canSee } from '../../shared/rules/visibility';
import { companies, contacts, users } from '../db/schema';
import type { AppEnv } from '../env';
import { requireAuth } from '../middleware/auth';
import { onValidationFailure } from '../middleware/errors';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const route = createRoute({
  method: 'post',
  path: '/api/dedup/check',
  summary: 'Existing contacts and companies a new lead would duplicate, with their owners',
  security: bearerSecurity,
  middleware: [requireAuth] as const,
  request: { body: { required: true, content: { 'application/json': { schema: DedupCheckRequestSchema } } } },
  responses: { 200: jsonContent(DedupCheckResponseSchema, 'Matches, strongest first'), ...errorResponses },
});

const inJson = (column: typeof contacts.emails | typeof contacts.phones, values: string[]) =>
  sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value IN (${sql.join(values.map((v) => sql`${v}`), sql`, `)}))`;

export const dedupRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(route, async (c) => {
  const { db, viewer } = c.var;
  const candidate = c.req.valid('json');
  const contactFilters = [
    ...(candidate.emails.length ? [inJson(contacts.emails, candidate.emails)] : []),
    ...(candidate.phones.length ? [inJson(contacts.phones, candidate.phones)] : []),
  ];
  const [contactRows, companyRows, members] = await Promise.all([
    contactFilters.length
      ? db.select().from(contacts).where(and(eq(contacts.teamId, viewer.teamId), isNull(contacts.deletedAt), or(...contactFilters))).limit(20)
      : Promise.resolve([]),
    candidate.companyName || candidate.domain
      ? db.select().from(companies).where(and(eq(companies.teamId, viewer.teamId), isNull(companies.deletedAt)))
      : Promise.resolve([]),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.teamId, viewer.teamId)),
  ]);
  const ownerName = (id: string) => members.find((m) => m.id === id)?.name ?? '';
  const found = findDuplicates(candidate, { contacts: contactRows, companies: companyRows });
  return c.json(
    {
      contacts: found.contacts.map(({ record, reasons }) => ({
        id: record.id,
        name: canSee(viewer, 'contact', record) ? record.name : null,
        ownerId: record.ownerId,
        ownerName: ownerName(record.ownerId),
        reasons,
      })),
      companies: found.companies.slice(0, 20).map(({ record, reasons }) => ({ id: record.id, name: record.name, ownerId: record.ownerId, ownerName: ownerName(record.ownerId), reasons })),
    },
    200,
  );
});
