import { browser } from 'wxt/browser';
import { ulid } from 'ulidx';
import type { CountryCode } from 'libphonenumber-js';
import { CaptureInputSchema, type CaptureDraft } from '../../shared/extract/captureSchemas';
import { extractFromMail } from '../../shared/extract/extractMail';
import { extractFromPage } from '../../shared/extract/extractPage';
import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import type { PendingCapture } from './pendingCapture';

/**
 * Turns what a reader sent into a draft and parks it for the side panel, which shows it at
 * once (live query). Input from a page is untrusted: it is validated before anything else.
 * Only what the user then saves is synced; the mail body stays in this browser.
 */
export async function acceptCapture(db: AppDb, raw: unknown): Promise<PendingCapture> {
  const input = CaptureInputSchema.parse(raw);
  const region = ((await getMeta(db, 'phoneRegion')) ?? 'CN') as CountryCode;
  const draft = input.kind === 'mail' ? extractFromMail(input, region) : extractFromPage(input, region);
  const pending: PendingCapture = { id: ulid(), at: Date.now(), input, draft };
  await setMeta(db, 'pendingCapture', pending);
  return pending;
}

/** Reads the given tab through the injected reader (needs activeTab or a granted host). */
export async function captureFromTab(db: AppDb, tabId: number): Promise<PendingCapture> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, files: ['/capture-reader.js'] });
  return acceptCapture(db, result?.result);
}
