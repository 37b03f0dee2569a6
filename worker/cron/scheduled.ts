import { cronRuns } from '../db/schema';
import { createDb } from '../db/client';
import type { Env } from '../env';
import { purgeTombstones } from './purgeTombstones';

/**
 * Cron entry point: purges expired tombstones and records the run so operators (and tests) can
 * see the trigger fire. Digests arrive in a later issue. Cron is at-least-once; every step
 * here tolerates a repeat.
 */
export async function runScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await purgeTombstones(db, controller.scheduledTime);
  await db.insert(cronRuns).values({ cron: controller.cron, scheduledAt: controller.scheduledTime, ranAt: Date.now() });
}
