import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixturePages } from './fixtureServer';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';


describe('capture from webmail', () => {
  let stack: Stack;
  let browser: ExtensionBrowser;
  let pages: Awaited<ReturnType<typeof serveFixturePages>>;
  beforeAll(async () => {
    stack = await startStack();
    pages = await serveFixturePages();
    browser = await launchWithExtension(stack.extensionDir);
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await stack?.stop();
  });

  it('clips a lead from a Gmail conversation: signature fields, not quoted history; existing company reused; email logged', async () => {
    const panel = await browser.openSidePanel();
    await submitToken(panel, stack.token('lilei@sidecar.test'));
    await expect.poll(() => panel.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('云启 CRM 年度订阅');

    const gmail = await browser.context.newPage();
    await gmail.goto(pages.url('gmail.html'));
    const button = gmail.locator('.sidecar-capture').last();
    await button.waitFor({ timeout: 15_000 });
    await button.click();

    const capture = panel.getByTestId('capture-view');
    await capture.waitFor({ timeout: 15_000 });
    expect(await capture.getByLabel('Name *').inputValue()).toBe('王强');
    expect(await capture.getByLabel('Job title').inputValue()).toBe('采购经理');
    expect(await capture.getByLabel('Company', { exact: true }).inputValue()).toBe('上海云启信息技术有限公司');
    expect(await capture.getByLabel('Emails (one per line)').inputValue()).toBe('wangqiang@yunqi-tech.cn');
    // 李雷's full signature sits in the quoted history: none of it may reach 王强's form.
    expect(await capture.getByLabel('Phones (one per line)').inputValue()).toBe('+8613900001234');
    expect(await capture.getByLabel('Website').inputValue()).toBe('');
    expect(await capture.getByLabel('Address').inputValue()).toBe('');
    expect(await capture.getByTestId('phone-notes').textContent()).not.toContain('2150801234');
    const duplicates = capture.getByTestId('duplicates');
    await expect.poll(() => duplicates.textContent()).toContain('上海云启信息技术有限公司');
    expect(await duplicates.getByLabel('Use this company').isChecked()).toBe(true);
    expect(await capture.getByLabel('Person').locator('option').allTextContents()).toEqual(['王强 (Sender)', '张伟']);

    await capture.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.getByTestId('contact-view').textContent(), { timeout: 15_000 }).toContain('王强');
    const status = panel.getByTestId('sync-status');
    await expect.poll(async () => [await status.getAttribute('data-pending'), await status.textContent()], { timeout: 30_000 }).toEqual(['0', 'Synced']);

    const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
    const yunqi = changes.find((c) => c.entity === 'company' && c.row.name === '上海云启信息技术有限公司')!;
    expect(changes.filter((c) => c.entity === 'company' && c.row.name === '上海云启信息技术有限公司')).toHaveLength(1);
    const contact = changes.find((c) => c.entity === 'contact' && c.row.name === '王强');
    expect(contact?.row).toMatchObject({ title: '采购经理', companyId: yunqi.row.id, emails: ['wangqiang@yunqi-tech.cn'], phones: ['+8613900001234'], source: 'gmail' });
    const activity = changes.find((c) => c.entity === 'activity' && c.row.contactId === contact!.row.id);
    expect(activity?.row).toMatchObject({ kind: 'email', subject: 'Re: 报价单 / Quotation', occurredAt: Date.parse('Nov 3, 2026 9:04 AM') });
    expect((activity!.row as { body: string }).body).toContain('张总让我跟进这个项目');
    expect((activity!.row as { body: string }).body).not.toContain('报价单请查收');
  });

  it('offers another participant and attaches to the existing contact instead of creating a twin', async () => {
    const panel = (await browser.context.pages()).find((p) => p.url().endsWith('sidepanel.html'))!;
    const gmail = (await browser.context.pages()).find((p) => p.url().endsWith('gmail.html'))!;
    await gmail.locator('.sidecar-capture').last().click();
    const capture = panel.getByTestId('capture-view');
    await capture.waitFor({ timeout: 15_000 });
    await capture.getByLabel('Person').selectOption({ label: '张伟' });
    await expect.poll(() => capture.getByLabel('Phones (one per line)').inputValue()).toBe('+862155509999');
    const duplicates = capture.getByTestId('duplicates');
    await expect.poll(() => duplicates.textContent()).toContain('张伟');
    expect(await duplicates.textContent()).toContain('owner: 李雷');
    await duplicates.getByLabel('Add to this contact').check();
    await capture.getByRole('button', { name: 'Save' }).click();
    // Shown in the national format, dialled and copied in E.164.
    await expect.poll(() => panel.getByTestId('contact-view').locator('a[href="tel:+862155509999"]').textContent(), { timeout: 15_000 }).toBe('021 5550 9999');
    const status = panel.getByTestId('sync-status');
    await expect.poll(async () => [await status.getAttribute('data-pending'), await status.textContent()], { timeout: 30_000 }).toEqual(['0', 'Synced']);

    const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
    const zhang = changes.filter((c) => c.entity === 'contact' && c.row.name === '张伟');
    expect(zhang).toHaveLength(1);
    expect(zhang[0]!.row).toMatchObject({ emails: ['zhangwei@yunqi-tech.cn'], phones: ['+8613800138000', '+862155509999'] });
  });

  it('captures any page through "Capture this tab": JSON-LD and hCard, national numbers read in the page\'s region', async () => {
    const panel = (await browser.context.pages()).find((p) => p.url().endsWith('sidepanel.html'))!;
    const site = await browser.context.newPage();
    await site.goto(pages.url('company.html'));
    await site.bringToFront();
    // What the panel's button sends; the page stays the active tab, as when the panel sits beside it.
    const answer = await panel.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ type: 'capture-active-tab' }));
    expect(answer.ok).toBe(true);
    const capture = panel.getByTestId('capture-view');
    await capture.waitFor({ timeout: 15_000 });
    expect(await capture.getByLabel('Name *').inputValue()).toBe('Klaus Müller');
    expect(await capture.getByLabel('Job title').inputValue()).toBe('Geschäftsführer');
    expect(await capture.getByLabel('Company', { exact: true }).inputValue()).toBe('Müller Maschinenbau GmbH');
    expect((await capture.getByLabel('Emails (one per line)').inputValue()).split('\n')).toEqual(['k.mueller@mueller-maschinen.example', 'info@mueller-maschinen.example']);
    expect((await capture.getByLabel('Phones (one per line)').inputValue()).split('\n')).toEqual(['+497111234560']);
    expect(await capture.getByLabel('Website').inputValue()).toBe('https://www.mueller-maschinen.example');
    await capture.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => panel.getByTestId('capture-view').count()).toBe(0);
  });

  it('says the panel may not read a tab on a site it has no access to, rather than "nothing to capture"', async () => {
    const panel = (await browser.context.pages()).find((p) => p.url().endsWith('sidepanel.html'))!;
    const site = await browser.context.newPage();
    // The build may read 127.0.0.1 only; the same page under another host name is a site without access.
    await site.goto(pages.url('company.html').replace('127.0.0.1', 'localhost'));
    await site.bringToFront();
    const answer = await panel.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean; code?: string }> } } }).chrome.runtime.sendMessage({ type: 'capture-active-tab' }));
    expect(answer).toMatchObject({ ok: false, code: 'capture_no_access' });
    expect(await panel.getByTestId('capture-view').count()).toBe(0);
    await site.close();
  });

  it('reads an Outlook on the web message', async () => {
    const panel = (await browser.context.pages()).find((p) => p.url().endsWith('sidepanel.html'))!;
    const outlook = await browser.context.newPage();
    await outlook.goto(pages.url('outlook.html'));
    await outlook.locator('.sidecar-capture').first().click();
    const capture = panel.getByTestId('capture-view');
    await capture.waitFor({ timeout: 15_000 });
    expect(await capture.getByLabel('Name *').inputValue()).toBe('Peter Novak');
    expect(await capture.getByLabel('Job title').inputValue()).toBe('Head of Purchasing');
    expect(await capture.getByLabel('Company', { exact: true }).inputValue()).toBe('Danube Steel AG');
    expect(await capture.getByLabel('Phones (one per line)').inputValue()).toBe('+4312345678');
    expect(await capture.getByLabel('Person').locator('option').allTextContents()).toEqual(['Peter Novak (Sender)', 'Emma Wilson', 'Eva Horváth']);
    await capture.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => panel.getByTestId('capture-view').count()).toBe(0);
  });

  it('reads an Outlook reading pane laid out as recorded from outlook.office.com: sender outside the message wrapper', async () => {
    const panel = (await browser.context.pages()).find((p) => p.url().endsWith('sidepanel.html'))!;
    const outlook = await browser.context.newPage();
    await outlook.goto(pages.url('outlook-recorded.html'));
    await outlook.locator('.sidecar-capture').first().click();
    const capture = panel.getByTestId('capture-view');
    await capture.waitFor({ timeout: 15_000 });
    expect(await capture.getByLabel('Name *').inputValue()).toBe('Klaus Müller');
    expect(await capture.getByLabel('Job title').inputValue()).toBe('Vertriebsleiter');
    expect(await capture.getByLabel('Company', { exact: true }).inputValue()).toBe('Müller Fräsen GmbH');
    // The fax is shown, not saved as a number to call.
    expect(await capture.getByLabel('Phones (one per line)').inputValue()).toBe('+497112345678');
    expect(await capture.getByTestId('phone-notes').textContent()).toContain('Fax: +497112345679');
    await capture.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => panel.getByTestId('capture-view').count()).toBe(0);
  });
});
