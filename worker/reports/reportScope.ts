import { and, eq } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import type { ReportQuery } from '../../shared/api/reports';
import { periodRange, previousRange, type Range } from '../../shared/reports/period';
import { seesWholeTeam } from '../../shared/rules/visibility';
import type { Stage } from '../../shared/schema/pipeline';
import { pipelines, teams, users } from '../db/schema';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';

/** Who and what a report covers: the team, one member or all, one grade or all, and when. */
export interface ReportScope {
  teamId: string;
  /** null: the whole team (managers and admins only). */
  ownerId: string | null;
  grade: string | null;
  timeZone: string;
  range: Range;
  previousRange: Range;
  stages: Stage[];
  firstResponseHours: number;
  now: number;
}

/**
 * Resolves a report request against the viewer: a rep's figures are always their own (asking
 * for a teammate's is refused, as is anything of another team), a manager's the team's or one
 * member's. The period is in the asked time zone, else the viewer's.
 */
export async function reportScope(db: Db, viewer: Viewer, query: ReportQuery, now = Date.now()): Promise<ReportScope> {
  const team = seesWholeTeam(viewer.role);
  if (!team && query.ownerId && query.ownerId !== viewer.id) throw new ApiError(403, 'forbidden', "Reps see their own figures only", { field: 'ownerId' });
  const [[profile], [pipeline], [settings], member] = await db.batch([
    db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, viewer.id)),
    db.select({ stages: pipelines.stages }).from(pipelines).where(eq(pipelines.teamId, viewer.teamId)),
    db.select({ firstResponseHours: teams.firstResponseHours }).from(teams).where(eq(teams.id, viewer.teamId)),
    db.select({ id: users.id }).from(users).where(and(eq(users.id, query.ownerId ?? viewer.id), eq(users.teamId, viewer.teamId))),
  ]);
  if (query.ownerId && member.length === 0) throw new ApiError(404, 'not_found', 'No team member with this id', { field: 'ownerId' });
  const timeZone = query.timeZone ?? profile?.timeZone ?? 'UTC';
  const range = periodRange(query.period, now, timeZone, query.from && query.to ? { from: query.from, to: query.to } : undefined);
  return {
    teamId: viewer.teamId,
    ownerId: team ? (query.ownerId ?? null) : viewer.id,
    grade: query.grade ?? null,
    timeZone,
    range,
    previousRange: previousRange(query.period, range, timeZone),
    stages: pipeline?.stages ?? [],
    firstResponseHours: settings?.firstResponseHours ?? 24,
    now,
  };
}

/**
 * The scope as SQL over a table aliased `alias` with team_id, owner_id and deleted_at: the
 * team's live rows, the member's if one is asked for, and with `companyOf` (an SQL expression
 * for the row's company) the grade's.
 */
export function scoped(scope: ReportScope, alias: string, companyOf?: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`${a}.team_id = ${scope.teamId}`, sql`${a}.deleted_at IS NULL`];
  if (scope.ownerId) parts.push(sql`${a}.owner_id = ${scope.ownerId}`);
  if (scope.grade && companyOf) parts.push(sql`${sql.raw(companyOf)} IN (SELECT id FROM companies WHERE team_id = ${scope.teamId} AND grade = ${scope.grade})`);
  return sql.join(parts, sql` AND `);
}

/** The pipeline as a table `st(id, idx, kind, probability, required)` for the query's WITH clause. */
export function stagesTable(scope: ReportScope): SQL {
  const rows = scope.stages.map((s, idx) => ({ id: s.id, idx, kind: s.kind, probability: s.probability, required: s.requiredFields }));
  return sql`st AS (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.idx') AS idx, json_extract(value, '$.kind') AS kind, json_extract(value, '$.probability') AS probability, json_extract(value, '$.required') AS required FROM json_each(${JSON.stringify(rows)}))`;
}

/** Nearest-rank percentile as SQL over a window's row number `rn` and count `n` (see shared/reports/kpi.ts). */
export const rankOf = (p: number) => sql.raw(`((n * ${p} + 99) / 100)`);
