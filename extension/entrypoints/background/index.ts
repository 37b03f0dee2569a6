import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { DedupCheckRequestSchema } from '../../../shared/api/dedup';
import { acceptCapture, CaptureRefused, captureFromTab } from '../../capture/captureFlow';
import { grantedCaptureOrigins, registerWebmailScript } from '../../capture/webmailRegistration';
import { getDb } from '../../db/appDb';
import { getMeta, setMeta } from '../../db/meta';
import { MeUpdateSchema } from '../../../shared/api/me';
import { SignInCodeRequestSchema, SignInTokenRequestSchema } from '../../../shared/api/auth';
import { apiOrigin } from '../../sync/session';
import type { BackgroundRequest, BackgroundResponse } from '../../messaging/protocol';
import { ApiCallError, createApiClient, PAGE_API_METHODS } from '../../sync/apiClient';
import { connect, disconnect } from '../../sync/session';
import { createSyncRunner } from '../../sync/syncRunner';
import { reindexSearch } from '../../search/reindex';
import { createLiveChannel } from '../../sync/liveChannel';
import { openDashboard } from '../../navigation/openDashboard';
import { createFollowUpReminders } from '../../reminders/followUpReminders';
import { openFromLink } from '../../navigation/openFromLink';

const SYNC_ALARM = 'sidecar-sync';
const SELECTION_MENU = 'sidecar-add-selection';
const DASHBOARD_MENU = 'sidecar-dashboard';
/** Test builds grant these hosts up front (WXT_CAPTURE_HOSTS); product builds leave it empty. */
const TEST_CAPTURE_HOSTS = (import.meta.env.WXT_CAPTURE_HOSTS ?? '').split(',').filter(Boolean);

export default defineBackground(() => {
  const db = getDb();
  const syncRound = createSyncRunner(db);
  // Every round (or failed round: offline) leaves the reminders matching the cache.
  const requestSync = () => syncRound().finally(() => void reminders.reschedule().catch((err) => console.warn('reminders', err instanceof Error ? err.message : err)));
  const reminders = createFollowUpReminders(db, () => void requestSync());
  const live = createLiveChannel(db, () => void requestSync());
  browser.notifications?.onButtonClicked.addListener((id, button) => void reminders.onButton(id, button));
  // End-to-end tests press a notification's buttons through this (a system notification cannot be clicked from a test).
  (globalThis as { sidecarReminders?: unknown }).sidecarReminders = reminders;
  browser.notifications?.onClicked.addListener((id) => void reminders.onClick(id));

  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    void reminders.onAlarm(alarm.name);
    if (alarm.name === SYNC_ALARM) {
      void requestSync();
      live.start(); // re-opens the live socket if Chrome stopped the worker
    }
  });
  globalThis.addEventListener?.('online', () => {
    void requestSync();
    live.start();
  });

  browser.runtime.onInstalled.addListener(() => {
    const zh = navigator.language.toLowerCase().startsWith('zh');
    browser.contextMenus.create({ id: SELECTION_MENU, title: zh ? '将选中内容存入 Sidecar' : 'Add selection to Sidecar', contexts: ['selection'] });
    // The toolbar button's own menu (right click): the dashboard for work that needs a full tab.
    browser.contextMenus.create({ id: DASHBOARD_MENU, title: zh ? '打开 Sidecar 管理面板' : 'Open the Sidecar dashboard', contexts: ['action'] });
  });
  void grantedCaptureOrigins(TEST_CAPTURE_HOSTS).then(registerWebmailScript).catch(() => undefined);

  // The user asked for a capture (menu or shortcut): both grant activeTab and count as a gesture
  // that may open the side panel.
  const captureTab = async (tab: { id?: number; windowId?: number } | undefined) => {
    if (tab?.id === undefined) return;
    void browser.sidePanel?.open({ tabId: tab.id }).catch(() => undefined);
    await captureFromTab(db, tab.id).catch((err) => console.warn('capture failed', err instanceof Error ? err.message : err));
  };
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === SELECTION_MENU) void captureTab(tab);
    if (info.menuItemId === DASHBOARD_MENU) void openDashboard();
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'capture-lead') void captureTab(tab);
  });

  // A record link on the API's own page (from a digest) asks to open a record. Only the origin of
  // the API this device is signed in to is listened to; the manifest lets no other site call.
  browser.runtime.onMessageExternal.addListener((message: unknown, sender, sendResponse: (r: { ok: boolean; opened?: boolean }) => void) => {
    void openFromLink(db, message, sender).then(sendResponse);
    return true;
  });

  browser.runtime.onMessage.addListener((message: BackgroundRequest, sender, sendResponse: (r: BackgroundResponse) => void) => {
    void handle(message, sender).then(sendResponse);
    return true; // keeps the channel open for the async answer
  });

  async function handle(message: BackgroundRequest, sender: { id?: string; tab?: { id?: number }; url?: string }): Promise<BackgroundResponse> {
    try {
      if (sender.id !== browser.runtime.id) return { ok: false, message: 'Unknown sender' };
      const fromPage = sender.tab !== undefined && !sender.url?.startsWith(browser.runtime.getURL(''));
      if (fromPage && message.type !== 'captured') return { ok: false, message: 'Not allowed from a web page' };
      switch (message.type) {
        case 'connect':
          await connect(db, message.apiUrl, message.token);
          void requestSync();
          live.start();
          return { ok: true };
        case 'request-sign-in-code': {
          // The request id goes back to the panel only, so it can wait for the emailed link.
          const { requestId } = await createApiClient(apiOrigin(message.apiUrl), '').requestSignInCode(SignInCodeRequestSchema.parse(message.request));
          return { ok: true, data: { requestId } };
        }
        case 'sign-in': {
          const { token } = await createApiClient(apiOrigin(message.apiUrl), '').signIn(SignInTokenRequestSchema.parse(message.request));
          await connect(db, message.apiUrl, token);
          void requestSync();
          live.start();
          return { ok: true };
        }
        case 'disconnect':
          await disconnect(db, { discardUnsent: message.discardUnsent });
          live.stop();
          return { ok: true };
        case 'update-profile': {
          const session = await getMeta(db, 'session');
          if (!session) return { ok: false, message: 'Not connected', code: 'unauthorized' };
          await setMeta(db, 'me', await createApiClient(session.apiUrl, session.token).updateMe(MeUpdateSchema.parse(message.fields)));
          return { ok: true };
        }
        case 'sync-now':
          void requestSync();
          return { ok: true };
        case 'captured': {
          const pending = await acceptCapture(db, message.capture);
          if (sender.tab?.id !== undefined) void browser.sidePanel?.open({ tabId: sender.tab.id }).catch(() => undefined);
          return { ok: true, data: { id: pending.id } };
        }
        case 'capture-active-tab': {
          const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
          if (tab?.id === undefined) return { ok: false, message: 'No active tab' };
          const pending = await captureFromTab(db, tab.id);
          return { ok: true, data: { id: pending.id } };
        }
        case 'dedup-check': {
          const session = await getMeta(db, 'session');
          if (!session) return { ok: false, message: 'Not connected' };
          const data = await createApiClient(session.apiUrl, session.token).dedupCheck(DedupCheckRequestSchema.parse(message.candidate));
          return { ok: true, data };
        }
        case 'enable-capture':
          await registerWebmailScript(await grantedCaptureOrigins(TEST_CAPTURE_HOSTS));
          return { ok: true };
        case 'call-api': {
          if (!PAGE_API_METHODS.includes(message.method)) return { ok: false, message: `Unknown call ${message.method}` };
          const session = await getMeta(db, 'session');
          if (!session) return { ok: false, message: 'Not connected', code: 'unauthorized' };
          const client = createApiClient(session.apiUrl, session.token);
          const data = await (client[message.method] as (...args: unknown[]) => Promise<unknown>)(...message.args);
          // Changes to the team (members, handover) reach this device's cache by the next sync.
          if (!['listDevices', 'listInvites', 'auditLog', 'recordHistory', 'previewHandover', 'previewDigest', 'digestFailures', 'listMerges', 'report', 'reportRecords'].includes(message.method)) void requestSync();
          return { ok: true, data };
        }
      }
    } catch (err) {
      if (err instanceof CaptureRefused) return { ok: false, message: err.message, code: err.code };
      return err instanceof ApiCallError
        ? { ok: false, message: err.message, code: err.code ?? 'http', params: err.details }
        : { ok: false, message: err instanceof Error ? err.message : String(err), code: 'internal' };
    }
  }

  // Rows cached by an older build are re-keyed for search (once per key version), then synced.
  void reindexSearch(db)
    .catch((err) => console.warn('search reindex failed', err instanceof Error ? err.message : err))
    .finally(() => {
      void requestSync();
      live.start();
    });
});
