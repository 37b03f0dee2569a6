import { cronRuns } from '../db/schema';
import { createDb } from '../db/client';
import type { Env } from '../env';
import { purgeTombstones } from './purgeTombstones';
import { rebuildLookupKeys } from './rebuildLookupKeys';

/**
 * Cron entry point: purges expired tombstones, rebuilds lookup keys made by older key functions
 * (a few pages a run), and records the run so operators (and tests) can see the trigger fire.
 * Cron is at-least-once and may overlap a push; every step tolerates a repeat and is guarded.
 */
export async function runScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env): Promise<void> {
  const db = createDb(env.DB);
  await purgeTombstones(db, controller.scheduledTime);
  await rebuildLookupKeys(db);
  await db.insert(cronRuns).values({ cron: controller.cron, scheduledAt: controller.scheduledTime, ranAt: Date.now() });
}
