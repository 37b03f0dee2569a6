import { d1ErrorText, isUniqueViolation } from '../../db/d1Errors';
import { ApiError } from '../../middleware/apiError';
import { GUARD_FIRED } from './writeBatch';

/** Re-plans after the guard or a constraint aborted the batch; each attempt is a few round trips. */
const MAX_ATTEMPTS = 4;

/**
 * Runs a read-decide-write `attempt` again on fresh rows when its guarded batch aborted: the
 * team version moved (a writer outside the team's queue, the cron) or another team took the
 * same id. Past the attempts it answers 503 try_again with `busy`, having written nothing.
 */
export async function retryOnGuard<T>(teamId: string, attempt: () => Promise<T>, busy: string): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!GUARD_FIRED.test(d1ErrorText(err)) && !isUniqueViolation(err)) throw err;
      if (n >= MAX_ATTEMPTS) {
        // Says which rule or key kept colliding; carries no token and no row data.
        console.warn(`write for team ${teamId} gave up after ${n} attempts: ${d1ErrorText(err).slice(0, 300)}`);
        throw new ApiError(503, 'try_again', busy, { retryAfterSeconds: 1 });
      }
    }
  }
}

/** Rows with the versions they are written at: one each, after the version the plan read. */
export function stampVersions<R extends { row: { version: number } }>(rows: R[], teamVersion: number): R[] {
  return rows.map((r, i) => ({ ...r, row: { ...r.row, version: teamVersion + 1 + i } }));
}
