import { and, eq, inArray, isNull, not, sql } from 'drizzle-orm';
import { ulid } from 'ulidx';
import type { PipelineUpdate, PipelineUpdateResult } from '../../shared/api/pipeline';
import { SCHEMA_VERSION, type Mutation } from '../../shared/api/sync';
import { jsonEach } from '../db/jsonParam';
import { runBatch } from '../db/rawBatch';
import { auditLog, deals, pipelines } from '../db/schema';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { applyPush } from '../sync/push/applyPush';

/** Deal moves applied per write batch, as in a handover. */
const MOVE_CHUNK = 500;

/**
 * Saves an admin's pipeline and moves the deals of stages it no longer has, as asked. Runs in
 * the team's writer, so no push lands between the save and the moves.
 *
 * Which deals must move is read from the deals, not from the difference of two pipelines: any
 * live deal whose stage the new pipeline lacks needs a target. So a request repeated after a
 * crash between the save and the moves finishes the moves. The save itself is a compare-and-set
 * on the `updatedAt` the admin edited: two admins saving at once, one wins and the other is told.
 * The moves are stage updates by the admin through the push rules (versions, stage history,
 * revocations, audit), with the stage gates not applied: the admin chose the target.
 */
export async function updatePipeline(db: Db, viewer: Viewer, update: PipelineUpdate, now = Date.now()): Promise<{ result: PipelineUpdateResult; newestVersion: number }> {
  const [current] = await db.select().from(pipelines).where(eq(pipelines.teamId, viewer.teamId));
  if (!current) throw new ApiError(404, 'not_found', 'This team has no pipeline');
  if (current.updatedAt !== update.expectedUpdatedAt) throw new ApiError(409, 'conflict', 'The pipeline was changed meanwhile; reload it and make your change again', { field: 'expectedUpdatedAt' });

  const kept = new Set(update.settings.stages.map((s) => s.id));
  for (const [from, to] of Object.entries(update.moveDeals)) {
    if (!kept.has(to)) throw new ApiError(400, 'bad_request', `Deals cannot move to "${to}": the pipeline has no such stage`, { field: `moveDeals.${from}` });
  }
  // Read once: in the team's writer no push changes a deal between this read and the moves.
  const stranded = await strandedDeals(db, viewer.teamId, kept);
  const unplaced = stranded.find((d) => !update.moveDeals[d.stageId]);
  if (unplaced) {
    const count = stranded.filter((d) => d.stageId === unplaced.stageId).length;
    throw new ApiError(400, 'bad_request', `Stage "${unplaced.stageId}" still holds ${count} deal(s): say which stage they move to`, { field: `moveDeals.${unplaced.stageId}` });
  }

  const updatedAt = Math.max(now, current.updatedAt + 1);
  const saved = eq(pipelines.updatedAt, update.expectedUpdatedAt);
  const [write] = await runBatch(db, [
    db
      .update(pipelines)
      .set({ stages: update.settings.stages, customFields: update.settings.customFields, allowSkip: update.settings.allowSkip, updatedAt })
      .where(and(eq(pipelines.teamId, viewer.teamId), saved)),
    sql`INSERT INTO ${auditLog} (id, team_id, user_id, device_id, action, entity, record_id, at, detail)
        SELECT ${ulid(now)}, ${viewer.teamId}, ${viewer.id}, ${viewer.tokenId}, 'pipeline', 'pipeline', ${viewer.teamId}, ${now}, ${JSON.stringify(auditDetail(current, update))}
        WHERE EXISTS (SELECT 1 FROM ${pipelines} WHERE team_id = ${viewer.teamId} AND updated_at = ${updatedAt})`,
  ]);
  if (write!.meta.changes === 0) throw new ApiError(409, 'conflict', 'The pipeline was changed meanwhile; reload it and make your change again', { field: 'expectedUpdatedAt' });

  const { moved, newestVersion } = await moveStranded(db, viewer, stranded, update.moveDeals, now);
  return { result: { pipeline: { teamId: viewer.teamId, ...update.settings, updatedAt }, moved }, newestVersion };
}

/** Live deals in stages the pipeline no longer has. */
function strandedDeals(db: Db, teamId: string, kept: Set<string>): Promise<{ id: string; stageId: string }[]> {
  return db
    .select({ id: deals.id, stageId: deals.stageId })
    .from(deals)
    .where(and(eq(deals.teamId, teamId), isNull(deals.deletedAt), not(inArray(deals.stageId, jsonEach([...kept])))));
}

async function moveStranded(db: Db, viewer: Viewer, rows: { id: string; stageId: string }[], moveDeals: Record<string, string>, now: number): Promise<{ moved: number; newestVersion: number }> {
  const mutations: Mutation[] = rows.flatMap((d) => (moveDeals[d.stageId] ? [{ id: ulid(now), entity: 'deal', op: 'update', recordId: d.id, at: now, fields: { stageId: moveDeals[d.stageId]! } } as Mutation] : []));
  let moved = 0;
  let newestVersion = 0;
  for (let start = 0; start < mutations.length; start += MOVE_CHUNK) {
    const chunk = mutations.slice(start, start + MOVE_CHUNK);
    const results = await applyPush(db, viewer, { clientId: ulid(now), schemaVersion: SCHEMA_VERSION, mutations: chunk }, now, [], 'skip');
    for (const r of results) {
      if (r.status !== 'applied') continue;
      moved++;
      newestVersion = Math.max(newestVersion, r.version);
    }
  }
  return { moved, newestVersion };
}

/** What the audit log keeps of a pipeline change: the stages before and after, and where deals went. */
function auditDetail(before: { stages: { id: string }[]; allowSkip: boolean }, update: PipelineUpdate) {
  return {
    changes: {
      stages: { from: before.stages.map((s) => s.id), to: update.settings.stages.map((s) => s.id) },
      ...(before.allowSkip !== update.settings.allowSkip ? { allowSkip: { from: before.allowSkip, to: update.settings.allowSkip } } : {}),
    },
    moveDeals: update.moveDeals,
  };
}
