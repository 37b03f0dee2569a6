import { cronRuns } from '../db/schema';
import { createDb } from '../db/client';
import type { Env } from '../env';

/**
 * Cron entry point. Digests arrive in a later issue; for now each run is recorded so
 * operators (and tests) can see the trigger fire. Cron is at-least-once: a repeat only adds a row.
 */
export async function runScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await db.insert(cronRuns).values({ cron: controller.cron, scheduledAt: controller.scheduledTime, ranAt: Date.now() });
}
