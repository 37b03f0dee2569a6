import { browser } from 'wxt/browser';

/**
 * Opens the dashboard in a tab of its own, or focuses the one already open (found through
 * runtime.getContexts, which sees the extension's own pages without the "tabs" permission).
 */
export async function openDashboard(screen?: string): Promise<void> {
  const base = browser.runtime.getURL('/dashboard.html');
  const url = screen ? `${base}#${screen}` : base;
  const runtime = browser.runtime as unknown as { getContexts?: (filter: { contextTypes: string[] }) => Promise<{ tabId: number; windowId: number; documentUrl?: string }[]> };
  const open = (await runtime.getContexts?.({ contextTypes: ['TAB'] }).catch(() => []))?.find((c) => c.documentUrl?.startsWith(base));
  if (open && open.tabId >= 0) {
    await browser.tabs.update(open.tabId, { active: true, ...(screen ? { url } : {}) });
    await browser.windows.update(open.windowId, { focused: true }).catch(() => undefined);
    return;
  }
  await browser.tabs.create({ url });
}
