import PostalMime, { type Email } from 'postal-mime';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { isRemoval, type Change, type PullResponse } from '../../shared/api/sync';
import type { DemoLogin } from '../../worker/seed/demoTeam';
import { applyMigrations, seedDemo, startApi } from '../../scripts/lib/localD1';
import { freePort, ROOT, runBin } from '../../scripts/lib/processes';

export interface Stack {
  apiUrl: string;
  logins: DemoLogin[];
  extensionDir: string;
  token: (email: string) => string;
  /** Messages the worker sent to `address` through send_email, newest last, parsed from the .eml files wrangler dev wrote. */
  mailTo: (address: string) => Promise<Email[]>;
  stop: () => Promise<void>;
}

/**
 * A fresh local D1 (migrated, seeded), `wrangler dev` on a free port in its own process group,
 * and the extension built against it (unless a test needs only the API). stop() tears
 * everything down even after a failure.
 */
export async function startStack(options: { buildExtension?: boolean } = {}): Promise<Stack> {
  const scratch = mkdtempSync(join(tmpdir(), 'sidecar-e2e-'));
  const persistTo = join(scratch, 'state');
  const extensionOut = join(scratch, 'extension');
  applyMigrations(persistTo);
  const logins = await seedDemo(persistTo);
  const api = await startApi({ port: await freePort(), persistTo });
  try {
    // Fixture pages on 127.0.0.1 stand in for Gmail and Outlook: the test build grants that host
    // up front, as a user turning on the in-page button would.
    if (options.buildExtension !== false) runBin('wxt', ['build'], { env: { WXT_API_URL: api.url, SIDECAR_OUT_DIR: extensionOut, WXT_CAPTURE_HOSTS: 'http://127.0.0.1/*' } });
  } catch (err) {
    await api.stop();
    throw err;
  }
  return {
    apiUrl: api.url,
    logins,
    extensionDir: join(extensionOut, 'chrome-mv3'),
    token: (email) => logins.find((l) => l.email === email)!.token,
    mailTo: async (address) => {
      // wrangler dev prints where it wrote each message ("Email: /…/x.eml").
      const files = [...api.output().matchAll(/Email: (\S+\.eml)/g)].map((m) => m[1]!);
      const parsed = await Promise.all(files.map((f) => PostalMime.parse(readFileSync(f))));
      return parsed.filter((mail) => mail.to?.some((to) => to.address?.toLowerCase() === address.toLowerCase()));
    },
    stop: async () => {
      await api.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  openSidePanel: () => Promise<Page>;
  close: () => Promise<void>;
}

/** Debian's Chromium with the unpacked extension loaded, in a throwaway profile. */
export async function launchWithExtension(extensionDir: string, locale = 'en-US'): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sidecar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--lang=${locale}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    openSidePanel: async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export { ROOT };

/** Everything a user may see, straight from the API (row changes only). */
export async function pullEverything(apiUrl: string, token: string): Promise<Change[]> {
  const changes: Change[] = [];
  for (let cursor = 0; ; ) {
    const res = await fetch(`${apiUrl}/api/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as PullResponse;
    changes.push(...page.changes.filter((c): c is Change => !isRemoval(c)));
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

/** Waits until `check` is true (for hooks, where expect.poll is not allowed). */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Fills the side panel's connect screen (English UI) with a token and submits it. Once connected
 * the panel speaks the user's profile language; tests written against the English UI switch it
 * back to English on this device (demo 李雷's profile is Chinese).
 */
export async function submitToken(panel: Page, token: string, options: { english?: boolean } = { english: true }): Promise<void> {
  // Email sign-in comes first; demo tokens are behind "Use a device token instead".
  if ((await panel.getByLabel('Token').count()) === 0) await panel.getByRole('button', { name: 'Use a device token instead' }).click();
  await panel.getByLabel('Token').fill(token);
  await panel.getByRole('button', { name: 'Connect' }).click();
  const connected = panel.getByTestId('signed-in-as');
  const refused = panel.getByRole('alert');
  // A plain wait (not expect.poll): this also runs in beforeAll hooks and benchmarks.
  for (const deadline = Date.now() + 30_000; (await connected.count()) + (await refused.count()) === 0; ) {
    if (Date.now() > deadline) throw new Error('the panel neither connected nor said why within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (options.english && (await connected.count()) > 0) await panel.locator('header select').first().selectOption('en');
}
