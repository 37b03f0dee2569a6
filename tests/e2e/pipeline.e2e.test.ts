import type { Page } from 'playwright-core';
import { ulid } from 'ulidx';
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
    // Any later change to the deal (here a logged call) offers to set the next step again.
    expect(await repPanel.getByTestId('next-step-offer').count()).toBe(0);
    await repPanel.getByRole('button', { name: '+ Log activity' }).click();
    await repPanel.getByTestId('log-activity').getByLabel('Subject').fill('电话确认需求');
    await repPanel.getByTestId('log-activity').getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => repPanel.getByTestId('next-step-offer').count()).toBe(1);
    await repPanel.getByTestId('next-step-offer').getByRole('button', { name: 'Set the next follow-up' }).click();
    expect(await repPanel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('followUpTitle');
    expect(await repPanel.getByTestId('next-step-offer').count()).toBe(0);
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


  it('merging a duplicate contact from its warning moves its follow-up over; undo puts both back; two picked in the list merge again', async () => {
    // A duplicate of 张伟 reaches the cache as if clipped on another device: same name and phone.
    const now = Date.now();
    const dup = { id: ulid(), entity: 'contact', op: 'create', recordId: ulid(), at: now, fields: { name: '张伟', emails: ['zhang.wei@gmail.example'], phones: ['+8613800138000'], title: 'Director', companyId: null, source: 'gmail', sourceUrl: null } };
    const call = { id: ulid(), entity: 'followUp', op: 'create', recordId: ulid(), at: now, fields: { kind: 'call', title: '回电 私人邮箱', dueAt: now + 86_400_000, doneAt: null, outcome: null, contactId: dup.recordId, dealId: null } };
    const pushed = await fetch(`${stack.apiUrl}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token('lilei@sidecar.test')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: ulid(), schemaVersion: 1, mutations: [dup, call] }),
    });
    expect(pushed.status).toBe(200);
    const contactRow = async (id: string) => (await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'))).findLast((c) => c.entity === 'contact' && c.row.id === id)?.row as Record<string, unknown> | undefined;
    const followUpContact = async () => ((await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'))).findLast((c) => c.entity === 'followUp' && c.row.id === call.recordId)?.row as { contactId: string } | undefined)?.contactId;

    await repPanel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await repPanel.keyboard.press('Escape');
    await repPanel.getByRole('tab', { name: 'Contacts' }).click();
    await repPanel.getByTestId('search').fill('张伟');
    await expect.poll(() => repPanel.getByTestId('contact-list').getAttribute('data-count'), { timeout: 60_000 }).toBe('2');
    // The seeded 张伟 (采购总监) shows the duplicate warning.
    await repPanel.getByRole('button', { name: /张伟.*采购总监/ }).click();
    const warning = repPanel.getByTestId('possible-duplicates');
    await expect.poll(() => warning.textContent(), { timeout: 30_000 }).toContain('same name');
    await warning.getByRole('button', { name: 'Merge…' }).click();

    const view = repPanel.getByTestId('merge-view');
    await expect.poll(() => view.getByTestId('merge-moves').textContent()).toContain('1 follow-up');
    expect(await view.getByTestId('merge-survivor').textContent()).toBe('张伟');
    await view.locator('tr[data-field="title"]').getByLabel('Director').check();
    await view.getByRole('button', { name: 'Merge', exact: true }).click();
    await repPanel.getByTestId('contact-view').waitFor({ timeout: 30_000 });
    await expect.poll(() => repPanel.getByTestId('toast').textContent()).toContain('Merged “张伟” into this record.');
    await expect.poll(() => repPanel.getByTestId('contact-view').textContent(), { timeout: 30_000 }).toContain('回电 私人邮箱');
    const seededId = (await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'))).find((c) => c.entity === 'contact' && c.row.name === '张伟' && c.row.id !== dup.recordId)!.row.id;
    await expect.poll(() => contactRow(dup.recordId), { timeout: 30_000 }).toMatchObject({ mergedIntoId: seededId });
    expect(await contactRow(seededId)).toMatchObject({ title: 'Director', emails: ['zhangwei@yunqi-tech.cn', 'zhang.wei@gmail.example'] });
    expect(await followUpContact()).toBe(seededId);

    // Undo from the kept record's merge history: both as they were.
    const history = repPanel.getByTestId('merge-history');
    await history.getByRole('button', { name: 'Undo merge' }).click();
    await expect.poll(() => repPanel.getByTestId('toast').textContent(), { timeout: 30_000 }).toContain('Merge undone.');
    await expect.poll(() => contactRow(dup.recordId), { timeout: 30_000 }).toMatchObject({ mergedIntoId: null, deletedAt: null, title: 'Director' });
    expect(await contactRow(seededId)).toMatchObject({ title: '采购总监', emails: ['zhangwei@yunqi-tech.cn'] });
    expect(await followUpContact()).toBe(dup.recordId);
    await expect.poll(() => history.textContent(), { timeout: 30_000 }).toContain('undone on');

    // Picked two in the list this time; the one clipped later is merged into the older.
    await repPanel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await repPanel.keyboard.press('Escape');
    await repPanel.getByRole('tab', { name: 'Contacts' }).click();
    await repPanel.getByTestId('search').fill('张伟');
    await expect.poll(() => repPanel.getByTestId('contact-list').getAttribute('data-count'), { timeout: 60_000 }).toBe('2');
    await repPanel.getByTestId('merge-select').getByRole('button', { name: 'Select two to merge' }).click();
    for (const box of await repPanel.getByTestId('contact-list').getByRole('checkbox', { name: 'Select 张伟' }).all()) await box.check();
    await repPanel.getByRole('button', { name: 'Merge selected' }).click();
    await expect.poll(() => repPanel.getByTestId('merge-view').getByTestId('merge-moves').textContent(), { timeout: 30_000 }).toContain('1 follow-up');
    await repPanel.getByTestId('merge-view').getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => contactRow(dup.recordId), { timeout: 30_000 }).toMatchObject({ mergedIntoId: seededId });
    await expect.poll(() => followUpContact(), { timeout: 30_000 }).toBe(seededId);
  });
});
