import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { getDb } from '../../db/appDb';
import type { BackgroundRequest, BackgroundResponse } from '../../messaging/protocol';
import { ApiCallError } from '../../sync/apiClient';
import { connect, disconnect } from '../../sync/session';
import { createSyncRunner } from '../../sync/syncRunner';

const SYNC_ALARM = 'sidecar-sync';

export default defineBackground(() => {
  const db = getDb();
  const requestSync = createSyncRunner(db);

  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void requestSync();
  });
  globalThis.addEventListener?.('online', () => void requestSync());

  browser.runtime.onMessage.addListener((message: BackgroundRequest, _sender, sendResponse: (r: BackgroundResponse) => void) => {
    void handle(message).then(sendResponse);
    return true; // keeps the channel open for the async answer
  });

  async function handle(message: BackgroundRequest): Promise<BackgroundResponse> {
    try {
      if (message.type === 'connect') {
        await connect(db, message.apiUrl, message.token);
        void requestSync();
      } else if (message.type === 'disconnect') {
        await disconnect(db);
      } else if (message.type === 'sync-now') {
        void requestSync();
      }
      return { ok: true };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err), code: err instanceof ApiCallError ? err.code : undefined };
    }
  }

  void requestSync();
});
