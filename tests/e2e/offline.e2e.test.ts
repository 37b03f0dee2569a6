import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pullEverything, type Stack, startStack, submitToken } from './harness';


describe('working offline', () => {
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

  it('keeps changes made offline across a panel restart and delivers each exactly once on reconnect', async () => {
    let page = await browser.openSidePanel();
    // A wrong token is refused in words, and nothing is stored.
    await submitToken(page, 'sc_wrong');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Could not connect: The token is unknown, revoked or expired.');
    await submitToken(page, stack.token('emma@sidecar.test'));
    await expect.poll(() => page.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('Northwind rollout');

    await browser.context.setOffline(true);
    await page.getByRole('button', { name: '+ New lead' }).click();
    await page.getByLabel('Name *').fill('Offline Olga');
    await page.getByLabel('Company').fill('Contoso GmbH'); // an existing company is reused, not duplicated
    await page.getByRole('button', { name: 'Save lead' }).click();
    const dealView = page.getByTestId('deal-view');
    await expect.poll(() => dealView.textContent()).toContain('Contoso GmbH · Offline Olga');
    await dealView.getByLabel('Amount', { exact: true }).fill('1234.50');
    await dealView.getByLabel('Amount', { exact: true }).blur();
    await dealView.getByPlaceholder('What to do').fill('Call Olga back');
    await dealView.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => dealView.getByTestId('follow-up-list').textContent()).toContain('Call Olga back');

    const status = page.getByTestId('sync-status');
    await status.click(); // ask for a sync while offline
    await expect.poll(async () => [await status.getAttribute('data-state'), await status.textContent()], { timeout: 30_000 }).toEqual(['offline', 'Offline · 4 changes not synced yet']);

    // Close the side panel and open it again: the cache and the outbox are still there.
    await page.close();
    page = await browser.openSidePanel();
    await expect.poll(() => page.getByTestId('deal-list').textContent(), { timeout: 30_000 }).toContain('Contoso GmbH · Offline Olga');
    expect(Number(await page.getByTestId('sync-status').getAttribute('data-pending'))).toBe(4);

    await browser.context.setOffline(false);
    await page.getByTestId('sync-status').click();
    await expect
      .poll(async () => [await page.getByTestId('sync-status').getAttribute('data-pending'), await page.getByTestId('sync-status').textContent()], { timeout: 60_000 })
      .toEqual(['0', 'Synced']);

    const changes = await pullEverything(stack.apiUrl, stack.token('manager@sidecar.test'));
    const olga = changes.filter((c) => c.entity === 'contact' && c.row.name === 'Offline Olga');
    expect(olga).toHaveLength(1);
    expect(changes.filter((c) => c.entity === 'company' && c.row.name === 'Contoso GmbH')).toHaveLength(1);
    const deals = changes.filter((c) => c.entity === 'deal' && c.row.contactId === olga[0]!.row.id);
    expect(deals).toHaveLength(1);
    expect(deals[0]!.row).toMatchObject({ amountMinor: 123_450, currency: 'CNY' });
    expect(changes.filter((c) => c.entity === 'followUp' && c.row.title === 'Call Olga back')).toHaveLength(1);
  });
});
