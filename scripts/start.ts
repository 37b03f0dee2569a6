/**
 * `npm start`: the whole product locally. Applies migrations to the local D1, seeds the demo team
 * on first start, runs the API (wrangler dev, with cron fired every 15 minutes through the
 * scheduled test endpoint), builds the extension in watch mode against it, and prints what to
 * load and one JSON line per demo user.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyMigrations, queryJson, seedDemo, startApi } from './lib/localD1';
import { mintDemoTokens } from './lib/demoTokens';
import { ROOT, startInGroup, type Started } from './lib/processes';

const PORT = Number(process.env.PORT ?? 8787);
/** Where the local D1 lives; wrangler's default (.wrangler/state) unless a test or second copy sets it. */
const STATE_DIR = process.env.SIDECAR_STATE_DIR || undefined;
const OUT_DIR = process.env.SIDECAR_OUT_DIR ?? '.output';
/** wrangler logs every request; only its problems are worth a developer's attention. */
// Offline machines also see wrangler's update check fail (ENOTFOUND); that one is harmless.
const apiProblems = (line: string) => /✘|\[ERROR\]|\[WARNING\]|error|exception|uncaught/i.test(line) && !/^\s*\[wrangler:info\]|ENOTFOUND/.test(line);
// Where wrangler wrote each sent email (sign-in codes): read it there, no mail server needed.
const mailFiles = (line: string) => /Email: \S+\.eml/.test(line);
const CRON = '*/15 * * * *';
const running: Started[] = [];

async function main() {
  console.log('Applying migrations to the local D1…');
  applyMigrations(STATE_DIR);
  const [{ n } = { n: 0 }] = queryJson<{ n: number }>(STATE_DIR, 'SELECT count(*) AS n FROM teams');
  const logins = n === 0 ? (console.log('Seeding the demo team…'), await seedDemo(STATE_DIR)) : await mintDemoTokens(STATE_DIR);

  console.log(`Starting the API on http://127.0.0.1:${PORT}…`);
  const api = await startApi({ port: PORT, persistTo: STATE_DIR, echo: { prefix: '[api]', keep: (line) => apiProblems(line) || mailFiles(line) } });
  running.push(api);
  const fireCron = () => fetch(`${api.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`).catch(() => undefined);
  await fireCron();
  setInterval(fireCron, 15 * 60_000);

  console.log('Building the extension in watch mode…');
  // WXT's own output is shown as it comes: a failing dev build must say why here, not only as a
  // blank side panel.
  const wxt = startInGroup('wxt', [], { env: { WXT_API_URL: api.url }, echo: { prefix: '[wxt]' } });
  running.push(wxt);
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (wxt.child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`WXT stopped (exit ${wxt.child.exitCode}); its output is above.`));
      } else if (/Built extension/.test(wxt.output())) {
        clearInterval(check);
        resolve();
      }
    }, 250);
  });
  await checkDevServer(resolve(ROOT, OUT_DIR, 'chrome-mv3-dev', 'sidepanel.html'));

  console.log('');
  console.log(`API:        ${api.url}  (OpenAPI: ${api.url}/api/openapi.json)`);
  console.log(`Extension:  load unpacked from ${resolve(ROOT, OUT_DIR, 'chrome-mv3-dev')}`);
  console.log('            (chrome://extensions → Developer mode → Load unpacked), then open the side panel.');
  console.log('Demo users (paste a token into the side panel):');
  for (const login of logins) console.log(JSON.stringify({ email: login.email, role: login.role, token: login.token }));
  console.log('\nPress Ctrl+C to stop.');
}

/**
 * The dev build loads the side panel's modules from WXT's dev server. If that server cannot
 * transform them (as when mismatched Vite plugins answered 500 to every module), the panel is
 * blank with only CORS errors in Chromium; asking for the panel's entry here says so at start.
 */
async function checkDevServer(panelHtml: string): Promise<void> {
  const html = readFileSync(panelHtml, 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
  for (const src of scripts) {
    const res = await fetch(src).catch((err: Error) => err);
    if (res instanceof Error) throw new Error(`The side panel's code at ${src} is unreachable (${res.message}), so the panel would be blank.`);
    if (!res.ok) throw new Error(`The WXT dev server answers ${res.status} for ${src}, so the panel would be blank:\n${(await res.text()).slice(0, 500)}`);
  }
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
