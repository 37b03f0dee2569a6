import { browser } from 'wxt/browser';
import type { BackgroundRequest, BackgroundResponse } from './protocol';

export async function sendToBackground(request: BackgroundRequest): Promise<BackgroundResponse> {
  try {
    return ((await browser.runtime.sendMessage(request)) as BackgroundResponse | undefined) ?? { ok: false, message: 'No answer from the background' };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
