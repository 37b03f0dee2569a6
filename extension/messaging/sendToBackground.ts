import { browser } from 'wxt/browser';
import type { PageApi, PageApiMethod } from '../sync/apiClient';
import type { BackgroundRequest, BackgroundResponse } from './protocol';

export async function sendToBackground(request: BackgroundRequest): Promise<BackgroundResponse> {
  try {
    return ((await browser.runtime.sendMessage(request)) as BackgroundResponse | undefined) ?? { ok: false, message: 'No answer from the background' };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * An online-only API call made by the background for a page (dashboard, record history).
 * Resolves with the call's answer or rejects with the background's failure (code and params).
 */
export async function callApi<M extends PageApiMethod>(method: M, ...args: Parameters<PageApi[M]>): Promise<Awaited<ReturnType<PageApi[M]>>> {
  const answer = await sendToBackground({ type: 'call-api', method, args });
  if (!answer.ok) throw Object.assign(new Error(answer.message), { answer });
  return answer.data as Awaited<ReturnType<PageApi[M]>>;
}

/** The background's failure behind a callApi rejection, for t.error(). */
export function failureOf(err: unknown): Extract<BackgroundResponse, { ok: false }> {
  const answer = (err as { answer?: BackgroundResponse })?.answer;
  return answer && !answer.ok ? answer : { ok: false, message: err instanceof Error ? err.message : String(err) };
}
