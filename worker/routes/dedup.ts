import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { DedupCheckRequestSchema, DedupCheckResponseSchema, type DedupMatch } from '../../shared/api/dedup';
import { DUPLICATE_REASONS, type DuplicateReason } from '../../shared/rules/dedup';
import { canSee } from '../../shared/rules/visibility';
import { candidateKeys, type LookupKey } from '../dedup/lookupKeys';
import { companies, contacts, lookupKeys, users } from '../db/schema';
import type { AppEnv } from '../env';
import { signedIn } from '../middleware/permit';
import { onValidationFailure } from '../middleware/errors';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';

const route = createRoute({
  method: 'post',
  path: '/api/dedup/check',
  operationId: 'checkDuplicates',
  summary: 'Existing contacts and companies a new lead would duplicate, with their owners',
  security: bearerSecurity,
  middleware: signedIn('checkDuplicates'),
  request: { body: { required: true, content: { 'application/json': { schema: DedupCheckRequestSchema } } } },
  responses: { 200: jsonContent(DedupCheckResponseSchema, 'Matches, strongest first'), ...errorResponses },
});

const MAX_MATCHES = 20;

/** Rows of lookup_keys whose (kind, key) is one of the candidate's: a probe of the primary key, not a scan. */
const keyMatches = (keys: LookupKey[]) =>
  sql`(${lookupKeys.kind}, ${lookupKeys.key}) IN (SELECT j.value ->> '$.kind', j.value ->> '$.key' FROM json_each(${JSON.stringify(keys)}) AS j)`;

/**
 * Answers from the team's lookup keys (kept by every push, see worker/dedup/lookupKeys.ts), so
 * the cost follows the number of matches, not the size of the team: one batch of three reads.
 */
export const dedupRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure }).openapi(route, async (c) => {
  const { db, viewer } = c.var;
  const keys = candidateKeys(c.req.valid('json'));
  if (keys.length === 0) return c.json({ contacts: [], companies: [] }, 200);

  const matchesOf = <T extends typeof contacts | typeof companies>(table: T) =>
    db
      .select({ id: table.id, name: table.name, ownerId: table.ownerId, kind: lookupKeys.kind })
      .from(lookupKeys)
      .innerJoin(table, and(eq(table.id, lookupKeys.recordId), eq(table.teamId, lookupKeys.teamId), isNull(table.deletedAt)))
      .where(and(eq(lookupKeys.teamId, viewer.teamId), keyMatches(keys)))
      .limit(MAX_MATCHES * 4);
  const [contactHits, companyHits, members] = await db.batch([
    matchesOf(contacts),
    matchesOf(companies),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.teamId, viewer.teamId)),
  ]);

  const ownerName = (id: string) => members.find((m) => m.id === id)?.name ?? '';
  const toMatches = (entity: 'contact' | 'company', hits: { id: string; name: string; ownerId: string; kind: DuplicateReason }[]): DedupMatch[] => {
    const byId = new Map<string, DedupMatch>();
    for (const hit of hits) {
      const match = byId.get(hit.id) ?? {
        id: hit.id,
        // A rep learns that a teammate has this person and who, never the teammate's record.
        name: canSee(viewer, entity, hit) ? hit.name : null,
        ownerId: hit.ownerId,
        ownerName: ownerName(hit.ownerId),
        reasons: [],
      };
      if (!match.reasons.includes(hit.kind)) match.reasons.push(hit.kind);
      byId.set(hit.id, match);
    }
    for (const match of byId.values()) match.reasons.sort((a, b) => DUPLICATE_REASONS.indexOf(a) - DUPLICATE_REASONS.indexOf(b));
    return [...byId.values()].sort((a, b) => b.reasons.length - a.reasons.length).slice(0, MAX_MATCHES);
  };
  return c.json({ contacts: toMatches('contact', contactHits), companies: toMatches('company', companyHits) }, 200);
});
