import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/time/zoned';
import { type ExtensionBrowser, launchWithExtension, type Stack, startStack, submitToken } from './harness';

/** A downloaded CSV as its text and its rows, parsed with the library that wrote it. */
async function csvOf(download: Download): Promise<{ text: string; rows: string[][] }> {
  const text = readFileSync((await download.path())!, 'utf8');
  return { text, rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data };
}

/** A table on screen as rows of cell texts, header first. */
async function screenRows(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

describe('reports in the dashboard', () => {
  let stack: Stack;
  let manager: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack();
    manager = await launchWithExtension(stack.extensionDir);
    const panel = await manager.openSidePanel();
    await submitToken(panel, stack.token('manager@sidecar.test'));
    page = await manager.context.newPage();
    await page.goto(`chrome-extension://${manager.extensionId}/dashboard.html#reports`);
    await page.getByTestId('reports').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await manager?.close();
    await stack?.stop();
  });

  it('the manager switches the period, drills from the funnel into the deals of one stage and exports CSV that matches the screen', async () => {
    // The demo deals were created 15 days ago: a period of the last 60 days (in the manager's
    // zone, Shanghai) holds all four whatever today's date.
    const today = localDate(Date.now(), 'Asia/Shanghai');
    await page.getByTestId('report-period').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill(addDays(today, -60));
    await page.getByLabel('To', { exact: true }).fill(today);
    const funnel = page.getByTestId('report-funnel');
    await expect.poll(() => funnel.getByTestId('report-range').textContent(), { timeout: 30_000 }).toContain(`${addDays(today, -60)} to ${today}`);
    const stages = page.getByTestId('report-table-funnel-stages');
    // 线索 reached by all four demo deals; 报价 by 云启 alone.
    await expect.poll(async () => (await screenRows(page, 'report-table-funnel-stages'))[1]).toEqual(['Lead', '4', '100%', '0']);
    expect(await screenRows(page, 'report-table-funnel-stages')).toContainEqual(['Quote', '1', '50%', '0']);

    await stages.getByRole('button', { name: 'Quote · Reached: 1' }).click();
    const drill = page.getByTestId('drill-list');
    await expect.poll(() => drill.getByTestId('drill-count').textContent(), { timeout: 30_000 }).toBe('1 record(s)');
    expect(await drill.locator('tbody').textContent()).toContain('云启 CRM 年度订阅');

    // The stage table's CSV: BOM, English header, the same rows with machine-readable values.
    const [stageCsv] = await Promise.all([page.waitForEvent('download'), stages.getByRole('button', { name: 'Export CSV' }).click()]);
    const { text, rows } = await csvOf(stageCsv);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const shown = await screenRows(page, 'report-table-funnel-stages');
    expect(rows[0]).toEqual(shown[0]);
    expect(rows.length).toBe(shown.length);
    for (let i = 1; i < rows.length; i++) {
      const [stage, reached, conversion, previous] = rows[i]!;
      const [shownStage, shownReached, shownConversion, shownPrevious] = shown[i]!;
      expect([stage, reached, previous]).toEqual([shownStage, shownReached, shownPrevious]);
      // 66.7% on screen is 0.666… in the file.
      expect(conversion === '' ? '—' : `${Number((Number(conversion) * 100).toFixed(1))}%`).toBe(shownConversion);
    }

    // The drill-down list's CSV names the same deal, with the amount in yuan and its currency.
    const [dealsCsv] = await Promise.all([page.waitForEvent('download'), drill.getByRole('button', { name: 'Export CSV' }).click()]);
    const deals = (await csvOf(dealsCsv)).rows;
    expect(deals[0]).toEqual(['Kind', 'Title', 'Member', 'Stage', 'Amount', 'Currency', 'Date', 'ID']);
    expect(deals.slice(1).map((r) => [r[1], r[3], r[4], r[5]])).toEqual([['云启 CRM 年度订阅', 'Quote', '120000', 'CNY']]);

    // Back to this month: the range says so (the comparison is the month before).
    await page.getByTestId('report-period').selectOption('month');
    await expect.poll(() => funnel.getByTestId('report-range').textContent(), { timeout: 30_000 }).toContain(`${today.slice(0, 8)}01 to`);
  });
});
