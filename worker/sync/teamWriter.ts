import { DurableObject } from 'cloudflare:workers';
import type { ErrorCode } from '../../shared/api/errors';
import type { MutationResult, PushRequest } from '../../shared/api/sync';
import { createDb } from '../db/client';
import type { D1Counter } from '../db/countingD1';
import type { Db, Env, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { applyPush } from './push/applyPush';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PipelineUpdate, PipelineUpdateResult } from '../../shared/api/pipeline';
import { updatePipeline } from '../pipeline/updatePipeline';
import type { Audit } from './push/planner';
import type { MergeRequest, MergeResult } from '../../shared/api/merge';
import { mergeRecords } from '../merge/mergeRecords';
import { undoMerge } from '../merge/undoMerge';

/** What crosses the Durable Object boundary: an answer, or an API error as data (a thrown class does not survive it). */
type Outcome<T> =
  | { ok: true; value: T; queries: D1Counter }
  | { ok: false; status: ContentfulStatusCode; code: ErrorCode; message: string; details?: Record<string, unknown>; queries: D1Counter };

/**
 * One per team (named by team id): applies that team's pushes, and its pipeline changes, one at
 * a time. Cloudflare runs at most one instance of a Durable Object, so the queue below is the
 * team's single writer and two writes can never decide on the same rows at once. The guard in
 * every write batch still checks the team version, for writers that do not come through here
 * (the cron); with the queue it never fires between pushes, so concurrent devices cost no retries.
 */
export class TeamWriter extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve();

  /** `audits` are written with the push's changes (a handover's summary entry). A push answers only "try again" as an error. */
  async push(viewer: Viewer, request: PushRequest, audits: Audit[] = []): Promise<Outcome<MutationResult[]>> {
    return this.enqueue((db) => applyPush(db, viewer, request, Date.now(), audits), (err) => err.status === 503);
  }

  /** A pipeline change and the deal moves it orders (see worker/pipeline/updatePipeline.ts). */
  async updatePipeline(viewer: Viewer, update: PipelineUpdate): Promise<Outcome<PipelineSaved>> {
    return this.enqueue((db) => updatePipeline(db, viewer, update), () => true);
  }

  /** A merge of two contacts or companies, or its undo (see worker/merge/). */
  async merge(viewer: Viewer, request: MergeRequest): Promise<Outcome<MergeResult>> {
    return this.enqueue((db) => mergeRecords(db, viewer, request), () => true);
  }

  async undoMerge(viewer: Viewer, mergeId: string): Promise<Outcome<MergeResult>> {
    return this.enqueue((db) => undoMerge(db, viewer, mergeId), () => true);
  }

  /** Runs `work` after everything queued before it; the API errors `answers` accepts come back as data. */
  private enqueue<T>(work: (db: Db) => Promise<T>, answers: (err: ApiError) => boolean): Promise<Outcome<T>> {
    const run = this.tail.then(async (): Promise<Outcome<T>> => {
      const queries = { n: 0, statements: 0 };
      try {
        return { ok: true, value: await work(createDb(this.env.DB, queries)), queries };
      } catch (err) {
        if (err instanceof ApiError && answers(err)) return { ok: false, status: err.status, code: err.code, message: err.message, details: err.details, queries };
        throw err;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

type PipelineSaved = { result: PipelineUpdateResult; newestVersion: number };

/** The writer's answer for the caller: its queries counted, an error thrown again as an ApiError. */
function unwrap<T>(outcome: Outcome<T>, counter: D1Counter): T {
  counter.n += outcome.queries.n;
  counter.statements += outcome.queries.statements;
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message, outcome.details);
  return outcome.value;
}

const writerOf = (env: Env, teamId: string) => env.TEAM_WRITER.get(env.TEAM_WRITER.idFromName(teamId));

/** Sends a push to its team's writer and waits for the answers. */
export async function pushThroughTeamWriter(env: Env, viewer: Viewer, request: PushRequest, counter: D1Counter, audits: Audit[] = []): Promise<MutationResult[]> {
  return unwrap((await writerOf(env, viewer.teamId).push(viewer, request, audits)) as Outcome<MutationResult[]>, counter);
}

/** Sends a pipeline change to its team's writer and waits for the answer. */
export async function updatePipelineThroughTeamWriter(env: Env, viewer: Viewer, update: PipelineUpdate, counter: D1Counter): Promise<PipelineSaved> {
  return unwrap((await writerOf(env, viewer.teamId).updatePipeline(viewer, update)) as Outcome<PipelineSaved>, counter);
}

/** Sends a merge, or the undo of one, to its team's writer and waits for the answer. */
export async function mergeThroughTeamWriter(env: Env, viewer: Viewer, work: { request: MergeRequest } | { undo: string }, counter: D1Counter): Promise<MergeResult> {
  const writer = writerOf(env, viewer.teamId);
  const outcome = 'request' in work ? await writer.merge(viewer, work.request) : await writer.undoMerge(viewer, work.undo);
  return unwrap(outcome as Outcome<MergeResult>, counter);
}
