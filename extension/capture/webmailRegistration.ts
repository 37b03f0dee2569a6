import { browser } from 'wxt/browser';

const SCRIPT_ID = 'sidecar-webmail';

/**
 * (Re)registers the webmail button script for every origin the user granted. Host access to
 * Gmail and Outlook is optional: asked for when the user turns capture on for that site.
 */
export async function registerWebmailScript(origins: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (origins.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, matches: origins, js: ['content-scripts/webmail.js'], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

/** Origins among our optional ones (plus any a test build grants up front) that are granted now. */
export async function grantedCaptureOrigins(extra: string[] = []): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return [...new Set([...origins, ...extra])].filter((o) => !o.startsWith('chrome') && !o.includes('<all_urls>'));
}
