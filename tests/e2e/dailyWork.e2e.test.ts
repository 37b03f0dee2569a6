import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en, zhCN } from '../../extension/i18n/messages';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken, waitUntil } from './harness';

/**
 * A rep's daily loop in the English UI (李雷 switched his language), watched live by the manager
 * in the Chinese UI in a second profile. The sync alarm fires once a minute; every change here
 * must reach the other panel within LIVE_MS, so only the live channel can make these pass.
 */
const LIVE_MS = 8_000;

/** English catalogue strings that a Chinese screen must never show (short ones are too ambiguous). */
const englishOnly = Object.entries(en)
  .filter(([key, text]) => text.length >= 5 && zhCN[key as keyof typeof zhCN] !== text && !/\{/.test(text))
  .map(([, text]) => text);

async function noEnglish(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return englishOnly.filter((phrase) => text.includes(phrase));
}

async function openFromSearch(page: Page, tab: string, query: string, title: string): Promise<void> {
  if ((await page.getByTestId('search').count()) === 0) {
    // Esc goes back to the lists (when no text field has focus).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
  }
  await page.getByRole('tab', { name: tab }).click();
  await page.getByTestId('search').fill(query);
  await page.getByRole('button', { name: new RegExp(title) }).first().click();
}

describe("the rep's daily work, seen live by the manager", () => {
  let stack: Stack;
  let rep: ExtensionBrowser;
  let manager: ExtensionBrowser;
  let repPanel: Page;
  let managerPanel: Page;

  beforeAll(async () => {
    stack = await startStack();
    rep = await launchWithExtension(stack.extensionDir);
    manager = await launchWithExtension(stack.extensionDir, 'zh-CN');
    repPanel = await rep.openSidePanel();
    await submitToken(repPanel, stack.token('lilei@sidecar.test'), { english: false });
    // 李雷's profile says zh-CN: the panel follows it. He switches to English for this test.
    await waitUntil(async () => (await repPanel.getByRole('tab', { name: '商机' }).count()) === 1, 30_000, 'Chinese UI from the profile');
    await repPanel.getByLabel('语言').selectOption('en');
    managerPanel = await manager.openSidePanel();
    await managerPanel.getByRole('button', { name: '改用设备令牌' }).click();
    await managerPanel.getByLabel('令牌').fill(stack.token('manager@sidecar.test'));
    await managerPanel.getByRole('button', { name: '连接' }).click();
    // The manager's profile says English; on this device he picks Chinese.
    await waitUntil(async () => (await managerPanel.getByTestId('signed-in-as').count()) === 1, 30_000, 'manager connected');
    await managerPanel.getByLabel('Language').selectOption('zh-CN');
    await waitUntil(async () => ((await managerPanel.getByTestId('deal-list').textContent()) ?? '').includes('云启 CRM 年度订阅'), 30_000, "manager's deals");
  });
  afterAll(async () => {
    await rep?.close();
    await manager?.close();
    await stack?.stop();
  });

  it('edits a contact; the manager sees it live, in Chinese', async () => {
    await openFromSearch(repPanel, 'Contacts', 'zw', '张伟');
    await openFromSearch(managerPanel, '联系人', '张伟', '张伟');
    const title = repPanel.getByLabel('Job title');
    await title.fill('首席信息官 CIO');
    await title.blur();
    await expect.poll(() => repPanel.getByTestId('toast').textContent()).toContain('Saved');
    await expect.poll(() => managerPanel.getByLabel('职位').inputValue(), { timeout: LIVE_MS }).toBe('首席信息官 CIO');
    // Phones show in the national format, dial and copy in E.164.
    const link = managerPanel.locator('.phone-links a').first();
    await expect.poll(() => link.getAttribute('href')).toMatch(/^tel:\+86\d+$/);
    expect(await link.textContent()).not.toContain('+86');
    expect(await noEnglish(managerPanel)).toEqual([]);

    // Undo puts the old title back, everywhere.
    await repPanel.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => managerPanel.getByLabel('职位').inputValue(), { timeout: LIVE_MS }).not.toBe('首席信息官 CIO');
  });

  it('edits a deal and logs a call with a next follow-up; the manager sees both live', async () => {
    await openFromSearch(repPanel, 'Deals', '云启', '云启 CRM 年度订阅');
    await openFromSearch(managerPanel, '商机', 'yunqi', '云启 CRM 年度订阅');
    const amount = repPanel.getByLabel('Amount', { exact: true });
    await amount.fill('123456.78');
    await amount.blur();
    await expect.poll(() => managerPanel.getByLabel('金额', { exact: true }).inputValue(), { timeout: LIVE_MS }).toBe('123456.78');

    await repPanel.getByRole('button', { name: '+ Log activity' }).click();
    const form = repPanel.getByTestId('log-activity');
    await form.getByLabel('Kind').first().selectOption('call');
    await form.getByLabel('Subject').fill('电话跟进报价');
    await form.getByLabel('Notes').fill('客户要求下周提供折扣方案');
    await form.getByLabel('Next step').fill('发送折扣方案');
    await form.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => repPanel.getByTestId('timeline').textContent()).toContain('电话跟进报价');

    await expect.poll(() => managerPanel.getByTestId('timeline').textContent(), { timeout: LIVE_MS }).toContain('电话跟进报价');
    await expect.poll(() => managerPanel.getByTestId('follow-up-list').textContent(), { timeout: LIVE_MS }).toContain('发送折扣方案');
    expect(await managerPanel.getByTestId('timeline').textContent()).toContain('电话'); // the kind, in Chinese
    expect(await noEnglish(managerPanel)).toEqual([]);

    const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
    const call = changes.find((c) => c.entity === 'activity' && c.row.subject === '电话跟进报价');
    expect(call?.row).toMatchObject({ kind: 'call', body: '客户要求下周提供折扣方案' });
    const next = changes.find((c) => c.entity === 'followUp' && c.row.title === '发送折扣方案');
    expect(next?.row).toMatchObject({ dealId: (call!.row as { dealId: string }).dealId, doneAt: null });
  });

  it('a stage gate asks for what is missing in place, focused on the first field; filling it in moves the deal', async () => {
    await repPanel.getByTestId('deal-fields').getByLabel('Expected close').fill('');
    await repPanel.getByTestId('deal-fields').getByLabel('Expected close').blur();
    await repPanel.getByLabel('Stage').selectOption('contract');
    await repPanel.getByRole('button', { name: 'Move' }).click();
    const gate = repPanel.getByTestId('gate-form');
    await expect.poll(() => repPanel.getByTestId('gate-error').textContent()).toContain('Expected close');
    expect(await repPanel.getByTestId('gate-error').textContent()).toContain('Contract number');
    expect(await repPanel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('deal.expectedCloseAt');
    // Submitting with a field still empty moves nothing and marks what is left.
    await gate.getByLabel('Expected close').fill('2026-12-31');
    await gate.getByRole('button', { name: 'Fill in and move' }).click();
    expect(await gate.getByLabel('Contract number').getAttribute('aria-invalid')).toBe('true');
    await gate.getByLabel('Contract number').fill('HT-2026-118');
    await gate.getByLabel('Contract signed').fill('2026-12-01');
    await gate.getByRole('button', { name: 'Fill in and move' }).click();
    await expect.poll(() => repPanel.getByTestId('gate-form').count()).toBe(0);
    await expect.poll(() => repPanel.locator('.stages li.current').textContent()).toBe('Contract');
    await expect.poll(async () => {
      const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
      return changes.find((c) => c.entity === 'deal' && c.row.title === '云启 CRM 年度订阅')?.row;
    }, { timeout: 30_000 }).toMatchObject({ stageId: 'contract', contractNumber: 'HT-2026-118' });
  });

  it('the manager reassigns the deal to Emma; it leaves the rep’s panel live', async () => {
    await managerPanel.getByLabel('新负责人').selectOption({ label: 'Emma Wilson' });
    await managerPanel.getByRole('button', { name: '转交' }).click();
    await expect.poll(() => managerPanel.getByTestId('toast').textContent()).toContain('已转交给Emma Wilson');
    await expect.poll(() => repPanel.getByText('This record is no longer here', { exact: false }).count(), { timeout: LIVE_MS }).toBe(1);
    // Back returns to the deals tab with the search the rep came from.
    await repPanel.getByRole('button', { name: 'Back' }).click();
    expect(await repPanel.getByTestId('search').inputValue()).toBe('云启');
    expect(await noEnglish(managerPanel)).toEqual([]);
    // The owner filter narrows every list, and rows name their owner.
    await managerPanel.getByRole('button', { name: '返回' }).click();
    await managerPanel.getByTestId('search').fill('');
    await managerPanel.getByTestId('owner-filter').selectOption({ label: 'Emma Wilson' });
    await expect.poll(() => managerPanel.getByTestId('deal-list').textContent()).toContain('云启 CRM 年度订阅');
    expect(await managerPanel.getByTestId('deal-list').textContent()).not.toContain('远航');
  });
});
