/**
 * `npm start`: the whole product locally. Applies migrations to the local D1, seeds the demo team
 * on first start, runs the API (wrangler dev, with cron fired every 15 minutes through the
 * scheduled test endpoint), builds the extension in watch mode against it, and prints what to
 * load and one JSON line per demo user.
 */
import { join } from 'node:path';
import { applyMigrations, queryJson, seedDemo, startApi } from './lib/localD1';
import { mintDemoTokens } from './lib/demoTokens';
import { ROOT, startInGroup, type Started } from './lib/processes';

const PORT = Number(process.env.PORT ?? 8787);
const CRON = '*/15 * * * *';
const running: Started[] = [];

async function main() {
  console.log('Applying migrations to the local D1…');
  applyMigrations(undefined);
  const [{ n } = { n: 0 }] = queryJson<{ n: number }>(undefined, 'SELECT count(*) AS n FROM teams');
  const logins = n === 0 ? (console.log('Seeding the demo team…'), await seedDemo(undefined)) : await mintDemoTokens(undefined);

  console.log(`Starting the API on http://127.0.0.1:${PORT}…`);
  const api = await startApi({ port: PORT, persistTo: undefined });
  running.push(api);
  const fireCron = () => fetch(`${api.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`).catch(() => undefined);
  await fireCron();
  setInterval(fireCron, 15 * 60_000);

  console.log('Building the extension in watch mode…');
  const wxt = startInGroup('wxt', [], { env: { WXT_API_URL: api.url } });
  running.push(wxt);
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (/Started dev server|Built extension|ready/i.test(wxt.output())) {
        clearInterval(check);
        resolve();
      }
    }, 250);
  });

  console.log('');
  console.log(`API:        ${api.url}  (OpenAPI: ${api.url}/api/openapi.json)`);
  console.log(`Extension:  load unpacked from ${join(ROOT, '.output/chrome-mv3-dev')}`);
  console.log('            (chrome://extensions → Developer mode → Load unpacked), then open the side panel.');
  console.log('Demo users (paste a token into the side panel):');
  for (const login of logins) console.log(JSON.stringify({ email: login.email, role: login.role, token: login.token }));
  console.log('\nPress Ctrl+C to stop.');
}

async function shutdown() {
  await Promise.all(running.map((p) => p.stop()));
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await Promise.all(running.map((p) => p.stop()));
  process.exit(1);
});
