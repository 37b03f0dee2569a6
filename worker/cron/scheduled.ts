import { cronRuns } from '../db/schema';
import { createDb } from '../db/client';
import type { Env } from '../env';
import { purgeTombstones } from './purgeTombstones';
import { rebuildLookupKeys } from './rebuildLookupKeys';
import { runDigests } from '../digest/runDigests';
import { publicOrigin } from '../digest/sendIdentity';
import { bindingMailer, type Mailer } from '../mail/sendMail';

/**
 * Cron entry point: purges expired tombstones, rebuilds lookup keys made by older key functions
 * (a few pages a run), sends the digests that are due, and records the run with its figures so
 * operators (and tests, and bench:digest) can see the trigger fire.
 * Cron is at-least-once and may overlap a push; every step tolerates a repeat and is guarded.
 */
export async function runScheduled(controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>, env: Env, mailer: Mailer = bindingMailer(env)): Promise<void> {
  const started = Date.now();
  const queries = { n: 0, statements: 0 };
  const db = createDb(env.DB, queries);
  await purgeTombstones(db, controller.scheduledTime);
  await rebuildLookupKeys(db);
  // The digest goes by the clock now, not the scheduled time: a late run still catches up.
  const digests = await runDigests(db, { now: Date.now(), mailer, from: env.MAIL_FROM, origin: publicOrigin(env) });
  const detail = { ...digests, queries: queries.n, ms: Date.now() - started };
  await db.insert(cronRuns).values({ cron: controller.cron, scheduledAt: controller.scheduledTime, ranAt: Date.now(), detail });
}

