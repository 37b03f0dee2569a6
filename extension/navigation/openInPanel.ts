import { browser } from 'wxt/browser';
import type { AppDb } from '../db/appDb';
import { setMeta, type MetaValues } from '../db/meta';

/**
 * Shows a record in the side panel: remembered for the panel's next render, and the panel opened
 * now in `where` when Chrome allows it (from a click). Answers whether it opened.
 */
export async function openInPanel(db: AppDb, record: MetaValues['openRecord'], where?: { tabId: number } | { windowId: number }): Promise<boolean> {
  await setMeta(db, 'openRecord', record);
  if (!where) return false;
  return (await browser.sidePanel?.open(where).then(() => true, () => false)) ?? false;
}
