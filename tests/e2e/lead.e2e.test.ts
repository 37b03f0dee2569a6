import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';


describe('side panel to D1 and back', () => {
  let stack: Stack;
  let rep: ExtensionBrowser;

  beforeAll(async () => {
    stack = await startStack();
    rep = await launchWithExtension(stack.extensionDir);
  });
  afterAll(async () => {
    await rep?.close();
    await stack?.stop();
  });

  it('a rep connects, creates a lead with a follow-up and a stage move, and the manager reads it through the API', async () => {
    const page = await rep.openSidePanel();
    await submitToken(page, stack.token('lilei@sidecar.test'));

    // The rep's seeded deals arrive from the API into Dexie and render.
    await expect.poll(() => page.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('云启 CRM 年度订阅');
    expect(await page.getByTestId('signed-in-as').textContent()).toContain('李雷');

    await page.getByRole('button', { name: '+ New lead' }).click();
    await page.getByLabel('Name *').fill('周杰 Jay Zhou');
    await page.getByLabel('Email').fill('jay.zhou@hangzhou-tea.example');
    await page.getByLabel('Phone').fill('+86 138 0013 8000');
    await page.getByLabel('Job title').fill('采购经理');
    await page.getByLabel('Company').fill('杭州龙井茶业有限公司');
    await page.getByLabel('Amount', { exact: true }).fill('88000');
    // The phone is already 张伟's: the form says so (and whose he is) before anything is saved.
    await expect.poll(() => page.getByTestId('duplicates').textContent()).toContain('张伟 · owner: 李雷 · matched by phone');
    await page.getByRole('button', { name: 'Save lead' }).click();

    const dealView = page.getByTestId('deal-view');
    await expect.poll(() => dealView.textContent()).toContain('杭州龙井茶业有限公司 · 周杰 Jay Zhou');
    await dealView.getByPlaceholder('What to do').fill('发送产品目录');
    await dealView.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => dealView.getByTestId('follow-up-list').textContent()).toContain('发送产品目录');
    await dealView.getByLabel('Stage').selectOption('first_visit');
    await dealView.getByRole('button', { name: 'Move' }).click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('Moved to First visit');

    // Everything queued is pushed: no pending outbox entries, status synced.
    const status = page.getByTestId('sync-status');
    await expect.poll(async () => [await status.getAttribute('data-pending'), await status.textContent()], { timeout: 30_000 }).toEqual(['0', 'Synced']);

    const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
    const contact = changes.find((c) => c.entity === 'contact' && c.row.name === '周杰 Jay Zhou');
    expect(contact?.row).toMatchObject({ emails: ['jay.zhou@hangzhou-tea.example'], phones: ['+8613800138000'], title: '采购经理' });
    const company = changes.find((c) => c.entity === 'company' && c.row.name === '杭州龙井茶业有限公司');
    expect(company).toBeDefined();
    const deal = changes.find((c) => c.entity === 'deal' && c.row.contactId === contact!.row.id);
    expect(deal?.row).toMatchObject({ companyId: company!.row.id, stageId: 'first_visit', amountMinor: 8_800_000, currency: 'CNY' });
    const followUp = changes.find((c) => c.entity === 'followUp' && c.row.title === '发送产品目录');
    expect(followUp?.row).toMatchObject({ dealId: deal!.row.id, doneAt: null });
    const moves = changes.filter((c) => c.entity === 'stageChange' && c.row.dealId === deal!.row.id).map((c) => c.entity === 'stageChange' && c.row.toStageId);
    expect(moves).toEqual(['lead', 'first_visit']);

    // Live: the manager changes the amount elsewhere; the rep's open deal view follows after a sync.
    const managerPush = (mutations: unknown[]) =>
      fetch(`${stack.apiUrl}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.token('manager@sidecar.test')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: '01KB0000000000000000000MGR', schemaVersion: 1, mutations }),
      }).then((r) => r.json() as Promise<{ results: { status: string }[] }>);
    const at = Date.now();
    const edit = await managerPush([{ id: '01KB00000000000000000000A1', entity: 'deal', op: 'update', recordId: deal!.row.id, at, fields: { amountMinor: 9_900_000 } }]);
    expect(edit.results[0]!.status).toBe('applied');
    await status.click();
    await expect.poll(() => dealView.textContent(), { timeout: 30_000 }).toContain('¥99,000.00');
    // The field re-renders just after the summary line: poll it too rather than read it once.
    await expect.poll(() => dealView.getByLabel('Amount', { exact: true }).inputValue()).toBe('99000.00');

    // A manager in another browser profile sees the rep's new lead after their own sync.
    const manager = await launchWithExtension(stack.extensionDir, 'zh-CN');
    try {
      const panel = await manager.openSidePanel();
      await panel.getByRole('button', { name: '改用设备令牌' }).click();
      await panel.getByLabel('令牌').fill(stack.token('manager@sidecar.test'));
      await panel.getByRole('button', { name: '连接' }).click();
      // His profile says English; on this device he reads Chinese.
      await expect.poll(() => panel.getByTestId('signed-in-as').count(), { timeout: 30_000 }).toBe(1);
      await panel.locator('header select').first().selectOption('zh-CN');
      await expect.poll(() => panel.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('杭州龙井茶业有限公司 · 周杰 Jay Zhou');
      await expect.poll(() => panel.getByTestId('deal-list').textContent()).toContain('初访');
    } finally {
      await manager.close();
    }

    // Refused: the manager deletes the deal, the rep (not yet synced) edits it; the refusal stays
    // on screen with the reason until discarded, then the panel shows the server's version.
    await managerPush([{ id: '01KB00000000000000000000A2', entity: 'deal', op: 'delete', recordId: deal!.row.id, at }]);
    await dealView.getByLabel('Reason lost').fill('预算冻结');
    await dealView.getByLabel('Reason lost').blur();
    const refused = page.getByTestId('rejected');
    await expect.poll(() => refused.textContent(), { timeout: 30_000 }).toContain('The record was deleted; restore it first.');
    await refused.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.getByTestId('rejected').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => dealView.getByTestId('deleted-banner').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => dealView.getByLabel('Reason lost').inputValue(), { timeout: 30_000 }).toBe('');
  });
});
