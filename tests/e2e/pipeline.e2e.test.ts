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

  it('next-step discipline: an open deal without a follow-up says so; completing one with an outcome logs it as an activity', async () => {
    await repPanel.getByRole('tab', { name: 'Deals' }).click();
    await repPanel.getByTestId('search').fill('远航');
    await repPanel.getByRole('button', { name: /远航物流 试点项目/ }).first().click();
    await repPanel.getByTestId('deal-view').waitFor();
    // Whatever the seed planned for this deal is done first, so none is open.
    const openBoxes = repPanel.locator('[data-testid="follow-up-list"] li:not(.done) .done-box');
    for (let left = await openBoxes.count(); left > 0; left--) {
      await openBoxes.first().click(); // written locally, then drawn: wait for the row to turn done
      await expect.poll(() => openBoxes.count()).toBe(left - 1);
    }
    await expect.poll(() => repPanel.getByTestId('next-step-prompt').count()).toBe(1);
    await repPanel.locator('input[name="followUpTitle"]').fill('安排产品演示');
    await repPanel.locator('form:has(input[name="followUpTitle"])').getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => repPanel.getByTestId('next-step-prompt').count()).toBe(0);
    await repPanel.getByTestId('follow-up-list').getByRole('button', { name: /安排产品演示/ }).click();
    const actions = repPanel.getByTestId('follow-up-actions');
    await actions.getByLabel('Outcome').fill('客户同意下周二演示');
    await actions.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => repPanel.getByTestId('toast').textContent()).toContain('Done');
    await expect
      .poll(async () => {
        const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
        const done = changes.findLast((c) => c.entity === 'followUp' && c.row.title === '安排产品演示')?.row as { doneAt: number | null; outcome: string | null } | undefined;
        const logged = changes.findLast((c) => c.entity === 'activity' && c.row.subject === '安排产品演示')?.row as { body: string; kind: string } | undefined;
        return [done?.doneAt !== null && done?.doneAt !== undefined, done?.outcome, logged?.kind, logged?.body];
      }, { timeout: 30_000 })
      .toEqual([true, '客户同意下周二演示', 'call', '客户同意下周二演示']);
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
