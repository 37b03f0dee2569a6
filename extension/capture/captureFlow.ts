import { browser } from 'wxt/browser';
import { ulid } from 'ulidx';
import type { CountryCode } from 'libphonenumber-js';
import { CaptureInputSchema } from '../../shared/extract/captureSchemas';
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
  if (input.kind === 'page' && input.unreadMail) throw new CaptureRefused('capture_unreadable', 'The open message could not be read');
  const region = ((await getMeta(db, 'phoneRegion')) ?? 'CN') as CountryCode;
  const draft = input.kind === 'mail' ? extractFromMail(input, region) : extractFromPage(input, region);
  const pending: PendingCapture = { id: ulid(), at: Date.now(), input, draft };
  await setMeta(db, 'pendingCapture', pending);
  return pending;
}

/** Why a capture gave nothing; the panel says it in the user's words. */
export class CaptureRefused extends Error {
  constructor(
    readonly code: 'capture_unreadable' | 'capture_no_access',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the given tab through the injected reader. That needs activeTab (granted by the
 * shortcut, the context menu or the toolbar button) or a granted host; a button inside the side
 * panel grants neither, which is then said plainly instead of "nothing to capture".
 */
export async function captureFromTab(db: AppDb, tabId: number): Promise<PendingCapture> {
  let result: unknown;
  try {
    [{ result } = { result: undefined }] = await browser.scripting.executeScript({ target: { tabId }, files: ['/capture-reader.js'] });
  } catch (err) {
    throw new CaptureRefused('capture_no_access', err instanceof Error ? err.message : String(err));
  }
  return acceptCapture(db, result);
}
