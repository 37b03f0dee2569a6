import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/api/errors';
import type { Mutation } from '../../shared/api/sync';
import { runBatch, type Statement } from '../db/rawBatch';
import type { Db, Viewer } from '../env';
import { ApiError } from '../middleware/apiError';
import type { Audit, Planner } from '../sync/push/planner';
import { stampVersions } from '../sync/push/guardRetry';
import { writeBatch, type Versioned } from '../sync/push/writeBatch';

/** A refusal from the push rules, as the status a merge request answers with. */
const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = { not_found: 404, forbidden: 403, bad_request: 400 };

/**
 * Runs the mutations a merge or an undo amounts to through the push rules (visibility,
 * ownership, one email per contact, valid phones, references), refusing the whole request on
 * the first one refused: a merge happens entirely or not at all.
 */
export function planOrRefuse(planner: Planner, mutations: Mutation[]): void {
  for (const m of mutations) {
    const outcome = planner.decide(m);
    if (outcome.status === 'rejected') {
      const { code, message, field, existing } = outcome.error;
      throw new ApiError(STATUS[code] ?? 409, code, message, { ...(field ? { field } : {}), ...(existing ? { existing } : {}) });
    }
  }
}

/**
 * Writes rows with fresh versions in one guarded batch (see writeBatch), with the merge's own
 * statements. Returns the newest version written, which devices pull up to.
 */
export async function writeVersioned(db: Db, viewer: Viewer, teamVersion: number, rows: Versioned[], audits: Audit[], extra: Statement[], now: number): Promise<number> {
  const stamped = stampVersions(rows, teamVersion);
  await runBatch(db, [...writeBatch(db, viewer, { expectedVersion: teamVersion, rows: stamped, revocations: [], answers: [], audits }, now), ...extra]);
  return teamVersion + stamped.length;
}
