import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';

/** The deal as the server has it now: the newest of its versions in a full pull. */
const dealRow = async (stack: Stack, title: string) => (await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'))).findLast((c) => c.entity === 'deal' && c.row.title === title)?.row;

async function openBoard(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/dashboard.html#board`);
  await page.getByTestId('board').waitFor({ timeout: 30_000 });
  return page;
}

describe('the sales process in the tool: pipeline settings and gates', () => {
  let stack: Stack;
  let admin: ExtensionBrowser;
  let rep: ExtensionBrowser;
  let manager: ExtensionBrowser;
  let settings: Page;
  let repPanel: Page;
  let repBoard: Page;

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
    await manager?.close();
    await stack?.stop();
  });

  it("an admin adds a required custom field to a stage; a rep drags a deal there on the board, fills it in, and the manager's board shows the move", async () => {
    await settings.getByRole('button', { name: 'Add field' }).click();
    await settings.getByLabel('Chinese name · field 1').fill('招标编号');
    await settings.getByLabel('English name · field 1').fill('Tender no.');
    await settings.locator('tr[data-stage="proposal"]').getByLabel('Tender no.').check();
    await settings.getByRole('button', { name: 'Save pipeline' }).click();
    await expect.poll(() => settings.getByTestId('toast').textContent(), { timeout: 30_000 }).toContain('Pipeline saved; 0 deal(s) moved');

    // The rep drags the deal on the board into the stage that now asks for the field.
    rep = await launchWithExtension(stack.extensionDir);
    repPanel = await rep.openSidePanel();
    await submitToken(repPanel, stack.token('lilei@sidecar.test'));
    repBoard = await openBoard(rep);
    const card = repBoard.locator('[data-deal]', { hasText: '远航物流 试点项目' });
    await card.waitFor({ timeout: 30_000 });
    await card.dragTo(repBoard.locator('.board-column[data-stage="proposal"]'));
    const drawer = repBoard.getByTestId('deal-drawer');
    await expect.poll(() => drawer.getByTestId('gate-error').textContent(), { timeout: 10_000 }).toContain('Tender no.');
    await drawer.getByTestId('gate-form').getByLabel('Tender no.').fill('ZB-2026-07');
    await drawer.getByRole('button', { name: 'Fill in and move' }).click();
    await expect.poll(() => repBoard.locator('.board-column[data-stage="proposal"]').textContent()).toContain('远航物流 试点项目');
    // Stored under the field's generated key, whatever its label.
    await expect
      .poll(async () => {
        const row = (await dealRow(stack, '远航物流 试点项目')) as { stageId: string; custom: Record<string, unknown> } | undefined;
        return [row?.stageId, Object.values(row?.custom ?? {})];
      }, { timeout: 30_000 })
      .toEqual(['proposal', ['ZB-2026-07']]);

    // The manager's board shows it in its new column, live.
    manager = await launchWithExtension(stack.extensionDir);
    const managerPanel = await manager.openSidePanel();
    await submitToken(managerPanel, stack.token('manager@sidecar.test'));
    const managerBoard = await openBoard(manager);
    await expect.poll(() => managerBoard.locator('.board-column[data-stage="proposal"]').textContent(), { timeout: 30_000 }).toContain('远航物流 试点项目');

    // Keys move a card too: back one stage (no gate going back), focus staying on the card.
    await repBoard.locator('[data-deal]', { hasText: '远航物流 试点项目' }).focus();
    await repBoard.keyboard.press('ArrowLeft');
    await expect.poll(() => repBoard.locator('.board-column[data-stage="needs"]').textContent()).toContain('远航物流 试点项目');
    expect(await repBoard.evaluate(() => document.activeElement?.textContent ?? '')).toContain('远航物流 试点项目');
    await repBoard.keyboard.press('ArrowRight');
    await expect.poll(() => repBoard.locator('.board-column[data-stage="proposal"]').textContent()).toContain('远航物流 试点项目');
    await expect.poll(() => managerBoard.locator('.board-column[data-stage="proposal"]').textContent(), { timeout: 30_000 }).toContain('远航物流 试点项目');
  });

  it("removing a stage that holds deals asks where they go; the deals move for the rep's board too", async () => {
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
    // The rep's board follows: the deals in 报价, no 方案 column (the pipeline comes with the next sync).
    await expect.poll(() => repBoard.locator('.board-column[data-stage="quote"]').textContent(), { timeout: 60_000 }).toContain('远航物流 试点项目');
    await expect.poll(() => repBoard.locator('.board-column[data-stage="proposal"]').count(), { timeout: 60_000 }).toBe(0);
  });
});
