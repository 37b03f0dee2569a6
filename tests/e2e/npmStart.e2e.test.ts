import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../../scripts/lib/processes';
import { type ExtensionBrowser, launchWithExtension, submitToken } from './harness';

/**
 * README's quick start, as a new user runs it: `npm start`, then load the folder it prints.
 * This is the dev build (served by WXT's dev server), which the other end-to-end tests do not
 * use: a dev server that cannot transform the panel's modules shows up here as a blank panel.
 * Only the port, the D1 folder and the output folder differ from the defaults, so the test can
 * run beside a developer's own `npm start`.
 */
/** The environment of a user's terminal: without vitest's markers, which silence WXT's logger. */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$|TEST$|MODE$)/.test(key)));
}

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let browser: ExtensionBrowser | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'sidecar-start-'));

  beforeAll(async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...userEnv(), PORT: String(port), SIDECAR_STATE_DIR: join(scratch, 'state'), SIDECAR_OUT_DIR: join(scratch, 'out'), WRANGLER_SEND_METRICS: 'false' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/Press Ctrl\+C to stop/.test(output)) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not get ready in 240 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  afterAll(async () => {
    await browser?.close();
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* the group is gone */
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  });

  it('prints a folder that loads into Chromium, whose side panel renders, connects and shows the demo data', async () => {
    const folder = /load unpacked from (\S+)/.exec(output)?.[1];
    expect(folder).toBe(join(scratch, 'out', 'chrome-mv3-dev'));
    expect(output).toContain('[wxt]'); // WXT's own output reaches the terminal
    const rep = /\{"email":"lilei@sidecar\.test","role":"rep","token":"([^"]+)"\}/.exec(output)?.[1];
    expect(rep).toMatch(/^sc_/);

    browser = await launchWithExtension(folder!);
    const panel = await browser.openSidePanel();
    const failed: string[] = [];
    panel.on('response', (res) => res.status() >= 400 && failed.push(`${res.status()} ${res.url()}`));
    await panel.reload();
    await expect.poll(() => panel.getByRole('button', { name: 'Email me a code' }).count(), { timeout: 30_000 }).toBe(1);
    await submitToken(panel, rep!);
    await expect.poll(() => panel.getByTestId('signed-in-as').textContent(), { timeout: 30_000 }).toContain('李雷');
    await expect.poll(() => panel.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('云启 CRM 年度订阅');
    expect(failed).toEqual([]);
  });
});
