import { DurableObject } from 'cloudflare:workers';
import type { ErrorCode } from '../../shared/api/errors';
import type { MutationResult, PushRequest } from '../../shared/api/sync';
import { createDb } from '../db/client';
import type { D1Counter } from '../db/countingD1';
import type { Env, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import { applyPush } from './push/applyPush';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PipelineUpdate, PipelineUpdateResult } from '../../shared/api/pipeline';
import { updatePipeline } from '../pipeline/updatePipeline';
import type { Audit } from './push/planner';

export type PushOutcome =
  | { ok: true; results: MutationResult[]; queries: D1Counter }
  | { ok: false; status: 503; code: ErrorCode; message: string; details?: Record<string, unknown>; queries: D1Counter };

/**
 * One per team (named by team id): applies that team's pushes one at a time. Cloudflare runs
 * at most one instance of a Durable Object, so the queue below is the team's single writer and
 * two pushes can never decide on the same rows at once. The guard in every write batch still
 * checks the team version, for writers that do not come through here (the cron); with the queue
 * it never fires between pushes, so concurrent devices cost no retries.
 */
export class TeamWriter extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve();

  /** `audits` are written with the push's changes (a handover's summary entry). */
  async push(viewer: Viewer, request: PushRequest, audits: Audit[] = []): Promise<PushOutcome> {
    const run = this.tail.then(() => this.apply(viewer, request, audits));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** A pipeline change and the deal moves it orders, queued like a push (see worker/pipeline/updatePipeline.ts). */
  async updatePipeline(viewer: Viewer, update: PipelineUpdate): Promise<PipelineOutcome> {
    const run = this.tail.then(async (): Promise<PipelineOutcome> => {
      const queries = { n: 0, statements: 0 };
      try {
        return { ok: true, ...(await updatePipeline(createDb(this.env.DB, queries), viewer, update)), queries };
      } catch (err) {
        if (err instanceof ApiError) return { ok: false, status: err.status, code: err.code, message: err.message, details: err.details, queries };
        throw err;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async apply(viewer: Viewer, request: PushRequest, audits: Audit[]): Promise<PushOutcome> {
    const queries = { n: 0, statements: 0 };
    try {
      return { ok: true, results: await applyPush(createDb(this.env.DB, queries), viewer, request, Date.now(), audits), queries };
    } catch (err) {
      if (err instanceof ApiError && err.status === 503) return { ok: false, status: 503, code: err.code, message: err.message, details: err.details, queries };
      throw err;
    }
  }
}

export type PipelineOutcome =
  | { ok: true; result: PipelineUpdateResult; newestVersion: number; queries: D1Counter }
  | { ok: false; status: ContentfulStatusCode; code: ErrorCode; message: string; details?: Record<string, unknown>; queries: D1Counter };

/** Sends a push to its team's writer and waits for the answers. */
export async function pushThroughTeamWriter(env: Env, viewer: Viewer, request: PushRequest, counter: D1Counter, audits: Audit[] = []): Promise<MutationResult[]> {
  const writer = env.TEAM_WRITER.get(env.TEAM_WRITER.idFromName(viewer.teamId));
  const outcome = (await writer.push(viewer, request, audits)) as PushOutcome;
  counter.n += outcome.queries.n;
  counter.statements += outcome.queries.statements;
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message, outcome.details);
  return outcome.results;
}

/** Sends a pipeline change to its team's writer and waits for the answer. */
export async function updatePipelineThroughTeamWriter(env: Env, viewer: Viewer, update: PipelineUpdate, counter: D1Counter): Promise<{ result: PipelineUpdateResult; newestVersion: number }> {
  const writer = env.TEAM_WRITER.get(env.TEAM_WRITER.idFromName(viewer.teamId));
  const outcome = (await writer.updatePipeline(viewer, update)) as PipelineOutcome;
  counter.n += outcome.queries.n;
  counter.statements += outcome.queries.statements;
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message, outcome.details);
  return { result: outcome.result, newestVersion: outcome.newestVersion };
}
