import { createApp } from './app';
import { runScheduled } from './cron/scheduled';
import type { Env } from './env';

export { TeamChannel } from './live/teamChannel';
export { TeamWriter } from './sync/teamWriter';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller, env));
  },
} satisfies ExportedHandler<Env>;
