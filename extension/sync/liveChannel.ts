import type { AppDb } from '../db/appDb';
import { getMeta } from '../db/meta';
import { backoffDelay } from './backoff';

const PROTOCOL = 'sidecar.live.v1';
/**
 * Chrome keeps an extension service worker alive while its WebSocket is active within every 30 s
 * (Chrome 116+); a ping every 20 s does that, and the server answers it without waking its
 * Durable Object. If Chrome stops the worker anyway, the one-minute sync alarm wakes it and the
 * socket is opened again.
 */
const KEEPALIVE_MS = 20_000;

/**
 * The background's one live connection to the team channel. A poke means "there is something to
 * pull": it only triggers a sync round, so a missed poke delays and never loses. Opening (and
 * re-opening) the socket also syncs, to catch up with anything sent while it was down.
 */
export function createLiveChannel(db: AppDb, requestSync: () => void) {
  let socket: WebSocket | null = null;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let wanted = false;

  async function open(): Promise<void> {
    clearTimeout(retry);
    const session = await getMeta(db, 'session');
    if (!session || !wanted || socket) return;
    const url = new URL('/api/live', session.apiUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, [PROTOCOL, `bearer.${session.token}`]);
    socket = ws;
    ws.addEventListener('open', () => {
      failures = 0;
      keepalive = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), KEEPALIVE_MS);
      requestSync();
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string' && event.data.startsWith('{')) requestSync();
    });
    ws.addEventListener('close', () => {
      clearInterval(keepalive);
      if (socket === ws) socket = null;
      if (wanted) retry = setTimeout(() => void open(), backoffDelay(++failures));
    });
  }

  return {
    /** Connects (or keeps connected) while a session exists. */
    start: () => {
      wanted = true;
      void open();
    },
    /** Closes the socket (sign-out). */
    stop: () => {
      wanted = false;
      clearTimeout(retry);
      socket?.close(1000, 'signed out');
      socket = null;
    },
    isOpen: () => socket?.readyState === WebSocket.OPEN,
  };
}
