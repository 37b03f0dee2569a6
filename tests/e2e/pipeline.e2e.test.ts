import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';

/** The deal as the server has it now: the newest of its versions in a full pull. */
const dealRow = async (stack: Stack, title: string) => (await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'))).findLast((c) => c.entity === 'deal' && c.row.title === title)?.row;

describe('the sales process in the tool: pipeline settings and gates', () => {
  let stack: Stack;
  let admin: ExtensionBrowser;
  let rep: ExtensionBrowser;
  let settings: Page;
  let repPanel: Page;

  beforeAll(async () => {
    stack = await startStack();
    admin = await launchWithExtension(stack.extensionDir);
    const adminPanel = await admin.openSidePanel();
    await submitToken(adminPanel, stack.token('admin@sidecar.test'));
    settings = await admin.context.newPage();
    settings.on('dialog', (dialog) => void dialog.accept());
    await settings.goto(`chrome-extension://${admin.extensionId}/dashboard.html#pipeline`);
    await settings.getByTestId('pipeline-settings').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await admin?.close();
    await rep?.close();
    await stack?.stop();
  });

  it('an admin adds a required custom field to a stage; the rep moving a deal there is asked for it in place, and the move syncs', async () => {
    await settings.getByRole('button', { name: 'Add field' }).click();
    await settings.getByLabel('Chinese name · field 1').fill('招标编号');
    await settings.getByLabel('English name · field 1').fill('Tender no.');
    await settings.locator('tr[data-stage="proposal"]').getByLabel('Tender no.').check();
    await settings.getByRole('button', { name: 'Save pipeline' }).click();
    await expect.poll(() => settings.getByTestId('toast').textContent(), { timeout: 30_000 }).toContain('Pipeline saved; 0 deal(s) moved');

    rep = await launchWithExtension(stack.extensionDir);
    repPanel = await rep.openSidePanel();
    await submitToken(repPanel, stack.token('lilei@sidecar.test'));
    await repPanel.getByRole('tab', { name: 'Deals' }).click();
    await repPanel.getByTestId('search').fill('远航');
    await repPanel.getByRole('button', { name: /远航物流 试点项目/ }).first().click();
    // The custom field shows with the deal's fields, in the rep's language.
    await expect.poll(() => repPanel.getByTestId('deal-fields').getByLabel('Tender no.').count(), { timeout: 30_000 }).toBe(1);
    await repPanel.getByLabel('Stage').selectOption('proposal');
    await repPanel.getByRole('button', { name: 'Move' }).click();
    const gate = repPanel.getByTestId('gate-form');
    await expect.poll(() => repPanel.getByTestId('gate-error').textContent()).toContain('Tender no.');
    await gate.getByLabel('Tender no.').fill('ZB-2026-07');
    await gate.getByRole('button', { name: 'Fill in and move' }).click();
    await expect.poll(() => repPanel.locator('.stages li.current').textContent()).toBe('Proposal');
    // Stored under the field's generated key, whatever its label.
    await expect
      .poll(async () => {
        const row = (await dealRow(stack, '远航物流 试点项目')) as { stageId: string; custom: Record<string, unknown> } | undefined;
        return [row?.stageId, Object.values(row?.custom ?? {})];
      }, { timeout: 30_000 })
      .toEqual(['proposal', ['ZB-2026-07']]);
  });

  it("removing a stage that holds deals asks where they go; the deals move for the rep's panel too", async () => {
    // The admin's cache (the whole team) shows how many deals the stage holds.
    await settings.reload();
    await settings.getByRole('button', { name: 'Remove stage “Proposal”' }).click();
    await expect.poll(() => settings.getByText('“Proposal” holds', { exact: false }).count(), { timeout: 30_000 }).toBe(1);
    await settings.getByRole('button', { name: 'Save pipeline' }).click();
    await expect.poll(() => settings.getByTestId('pipeline-problem').textContent()).toContain('Move them to');
    await settings.getByLabel(/“Proposal” holds \d+ deal/).selectOption('quote');
    await settings.getByRole('button', { name: 'Save pipeline' }).click();
    await expect.poll(() => settings.getByTestId('toast').textContent(), { timeout: 30_000 }).toMatch(/Pipeline saved; [1-9]\d* deal\(s\) moved/);
    await expect.poll(() => dealRow(stack, '远航物流 试点项目'), { timeout: 30_000 }).toMatchObject({ stageId: 'quote' });
    await expect.poll(() => repPanel.locator('.stages li.current').textContent(), { timeout: 60_000 }).toBe('Quote');
    await expect.poll(() => repPanel.locator('.stages li').allTextContents(), { timeout: 60_000 }).not.toContain('Proposal');
  });
});
