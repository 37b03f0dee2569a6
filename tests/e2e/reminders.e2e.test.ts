import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../shared/api/sync';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';

describe('browser reminders', () => {
  let stack: Stack;
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchWithExtension(stack.extensionDir);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a follow-up falling due shows a notification; its Done button completes it and the change syncs', async () => {
    const rep = stack.logins.find((l) => l.role === 'rep')!;
    const panel = await browser.openSidePanel();
    await submitToken(panel, rep.token);

    // A follow-up due in a few seconds, made on another device (through the API).
    const id = ulid();
    const res = await fetch(`${stack.apiUrl}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: ulid(),
        schemaVersion: SCHEMA_VERSION,
        mutations: [{ id: ulid(), entity: 'followUp', op: 'create', recordId: id, at: Date.now(), fields: { kind: 'call', title: '提醒测试：回电', dueAt: Date.now() + 8_000, doneAt: null, outcome: null, contactId: null, dealId: null } }],
      }),
    });
    expect(res.status).toBe(200);
    await panel.reload(); // opening the panel syncs; the sync schedules the reminder

    const worker = browser.context.serviceWorkers()[0]!;
    type Chrome = { notifications: { getAll: (callback: (all: Record<string, unknown>) => void) => void } };
    const notifications = () => worker.evaluate(() => new Promise<Record<string, unknown>>((resolve) => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll(resolve)));
    await expect.poll(async () => Object.keys(await notifications()), { timeout: 60_000, interval: 500 }).toContain(`followUp:${id}`);

    await worker.evaluate((notificationId) => (globalThis as unknown as { sidecarReminders: { onButton: (id: string, button: number) => Promise<void> } }).sidecarReminders.onButton(notificationId, 1), `followUp:${id}`);
    await expect.poll(async () => Object.keys(await notifications())).not.toContain(`followUp:${id}`);
    // Done went through the outbox to the server.
    await expect
      .poll(async () => (await pullEverything(stack.apiUrl, rep.token)).find((c) => c.row.id === id)?.row as { doneAt: number | null } | undefined, { timeout: 30_000 })
      .toMatchObject({ doneAt: expect.any(Number) });
  });

  it("a digest's record link, opened in the same browser, asks the extension to show that record in the side panel", async () => {
    const rep = stack.logins.find((l) => l.role === 'rep')!;
    const follow = (await pullEverything(stack.apiUrl, rep.token)).find((c) => c.entity === 'followUp' && c.row.ownerId === rep.userId)!;
    const page = await browser.context.newPage();
    await page.goto(`${stack.apiUrl}/open/followUp/${follow.row.id}`);
    await page.getByRole('button', { name: 'Open in Sidecar' }).click();
    // Headless Chromium will not open the panel from a page; the extension keeps the request.
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Opened in the Sidecar side panel|Click the Sidecar button/);
    // The panel already open (from the first test) shows it; a panel opened now would too.
    const panel = browser.context.pages().find((p) => p.url().endsWith('/sidepanel.html')) ?? (await browser.openSidePanel());
    await expect.poll(() => panel.getByTestId('follow-up-view').textContent(), { timeout: 30_000 }).toContain(String((follow.row as { title: string }).title));

    // Another site cannot: a page on another origin gets no chrome.runtime for this extension.
    const elsewhere = await browser.context.newPage();
    await elsewhere.goto(`${stack.apiUrl.replace('127.0.0.1', 'localhost')}/open/followUp/${follow.row.id}`);
    await elsewhere.getByRole('button', { name: 'Open in Sidecar' }).click();
    await expect.poll(() => elsewhere.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Nothing is shown on this page without signing in');
  });
});
