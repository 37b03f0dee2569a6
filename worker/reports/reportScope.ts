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

/** The pipeline as a table `st(id, idx, kind, probability)` for the query's WITH clause, built once per query. */
export function stagesTable(scope: ReportScope): SQL {
  const rows = scope.stages.map((s, idx) => ({ id: s.id, idx, kind: s.kind, probability: s.probability }));
  return sql`st AS MATERIALIZED (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.idx') AS idx, json_extract(value, '$.kind') AS kind, json_extract(value, '$.probability') AS probability FROM json_each(${JSON.stringify(rows)}))`;
}

/** Nearest-rank percentile as SQL over a window's row number `rn` and count `n` (see shared/reports/kpi.ts). */
export const rankOf = (p: number) => sql.raw(`((n * ${p} + 99) / 100)`);

/**
 * Time buckets (local weeks, days, months) as a small table `name(key, start, end)` computed
 * once per query, to join rows on `start <= t < end`: far cheaper than walking a JSON list per row.
 */
export function bucketsTable(name: string, buckets: { key: string | number; start: number; end: number }[]): SQL {
  return sql`${sql.raw(name)} AS MATERIALIZED (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.start') AS start, json_extract(value, '$.end') AS "end" FROM json_each(${JSON.stringify(buckets)}))`;
}

/** The join a grade filter needs for rows that reach their company through their deal; none without one. */
export function dealJoin(scope: ReportScope, alias: string): SQL {
  return scope.grade ? sql.raw(`LEFT JOIN deals d ON d.id = ${alias}.deal_id`) : sql``;
}

/**
 * Deals in scope that first entered a stage matching `stage` (an SQL condition on the stage id)
 * during the range, as rows (id, entered_at): read from the period's stage changes by index,
 * keeping only entries with no earlier one into a matching stage.
 */
export function firstEntries(scope: ReportScope, range: Range, stage: SQL): SQL {
  return sql`SELECT sc.deal_id AS id, sc.changed_at AS entered_at FROM stage_changes sc JOIN deals d ON d.id = sc.deal_id
    WHERE sc.team_id = ${scope.teamId} AND sc.changed_at >= ${range.start} AND sc.changed_at < ${range.end} AND sc.deleted_at IS NULL AND sc.to_stage_id ${stage}
      AND ${scoped(scope, 'd', 'd.company_id')}
      AND NOT EXISTS (SELECT 1 FROM stage_changes e WHERE e.deal_id = sc.deal_id AND e.deleted_at IS NULL AND e.to_stage_id ${stage} AND (e.changed_at < sc.changed_at OR (e.changed_at = sc.changed_at AND e.id < sc.id)))`;
}
