import { Hono } from 'hono';
import { and, eq, gt } from 'drizzle-orm';
import { hashToken } from '../auth/token';
import { digestSends, users } from '../db/schema';
import type { AppEnv } from '../env';
import { escapeHtml, htmlPage, localeOf } from '../pages/htmlPage';

/** How long a digest's unsubscribe link works. */
export const DIGEST_LINK_DAYS = 60;
const DAY = 86_400_000;

const text = {
  en: {
    title: 'Sidecar',
    ask: 'Stop the daily Sidecar digest for this address?',
    confirm: 'Unsubscribe',
    done: 'Done: no more daily digests. You can turn them back on in your Sidecar profile.',
    failed: 'This link is wrong or expired. Turn the digest off in your Sidecar profile instead.',
    open: 'This link opens a record in Sidecar. Open the Sidecar side panel (the toolbar button in Chrome or Edge) and sign in: your follow-ups, deals and leads are there. Nothing is shown on this page without signing in.',
    kinds: { followUp: 'a follow-up', deal: 'a deal', contact: 'a contact', company: 'a company' } as Record<string, string>,
    openButton: 'Open in Sidecar',
    opened: 'Opened in the Sidecar side panel.',
    queued: 'Click the Sidecar button in the toolbar: the record opens there.',
    what: (kind: string) => `It points to ${kind}.`,
  },
  'zh-CN': {
    title: 'Sidecar',
    ask: '不再向此邮箱发送 Sidecar 每日摘要？',
    confirm: '退订',
    done: '已退订每日摘要。可以在 Sidecar 个人资料中重新开启。',
    failed: '此链接无效或已过期。请在 Sidecar 个人资料中关闭每日摘要。',
    open: '此链接用于在 Sidecar 中打开一条记录。请打开 Sidecar 侧边栏（Chrome 或 Edge 工具栏上的按钮）并登录：你的跟进、商机和线索都在那里。未登录时本页不显示任何数据。',
    kinds: { followUp: '一条跟进', deal: '一个商机', contact: '一个联系人', company: '一家公司' } as Record<string, string>,
    openButton: '在 Sidecar 中打开',
    opened: '已在 Sidecar 侧边栏中打开。',
    queued: '点击工具栏上的 Sidecar 按钮，记录会在侧边栏中打开。',
    what: (kind: string) => `它指向${kind}。`,
  },
} as const;

/**
 * The record-link page's script: asks each known Sidecar extension (it may message only if its
 * manifest lists this origin in externally_connectable) to open the record. Tries on load and
 * on the button; says what happened in the page's language (texts from data attributes).
 */
const OPEN_SCRIPT = `const root = document.querySelector('[data-entity]');
const status = document.getElementById('status');
function ask(byClick) {
  const runtime = globalThis.chrome && globalThis.chrome.runtime;
  const ids = root.dataset.extensions.split(',').filter(Boolean);
  if (!runtime || !runtime.sendMessage || ids.length === 0) { if (byClick) status.textContent = root.dataset.missing; return; }
  let pending = ids.length, done = false;
  for (const id of ids) {
    try {
      runtime.sendMessage(id, { type: 'open-record', entity: root.dataset.entity, id: root.dataset.id }, (reply) => {
        void runtime.lastError;
        pending--;
        if (reply && reply.ok && !done) { done = true; status.textContent = reply.opened ? root.dataset.opened : root.dataset.queued; }
        else if (pending === 0 && !done && byClick) status.textContent = root.dataset.missing;
      });
    } catch { pending--; }
  }
}
document.getElementById('open').addEventListener('click', () => ask(true));
ask(false);
`;

/**
 * Pages the digest links to, outside the API: one-click unsubscribe (RFC 8058: mail clients POST
 * to the List-Unsubscribe address; a person who opens it gets a page with a button, because
 * scanners open links), and the read-only page behind each record link.
 */
export const digestLinkRoutes = new Hono<AppEnv>()
  .get('/digest/unsubscribe', (c) => {
    const t = text[localeOf(c.req.header('accept-language'))];
    const action = `/digest/unsubscribe?s=${encodeURIComponent(c.req.query('s') ?? '')}&k=${encodeURIComponent(c.req.query('k') ?? '')}`;
    return htmlPage({ locale: localeOf(c.req.header('accept-language')), title: t.title, body: `<p>${escapeHtml(t.ask)}</p><form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(t.confirm)}</button></form>` });
  })
  .post('/digest/unsubscribe', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const sendId = c.req.query('s') ?? '';
    const key = c.req.query('k') ?? '';
    let ok = false;
    if (sendId.length > 0 && sendId.length < 64 && key.length > 0 && key.length < 128) {
      const [send] = await c.var.db
        .select({ userId: digestSends.userId })
        .from(digestSends)
        .where(and(eq(digestSends.id, sendId), eq(digestSends.unsubscribeHash, await hashToken(key)), gt(digestSends.claimedAt, Date.now() - DIGEST_LINK_DAYS * DAY)));
      if (send) {
        await c.var.db.update(users).set({ digestEnabled: false }).where(eq(users.id, send.userId));
        ok = true;
      }
    }
    return htmlPage({ locale, title: text[locale].title, body: `<p>${escapeHtml(ok ? text[locale].done : text[locale].failed)}</p>`, status: ok ? 200 : 400 });
  })
  .get('/open/link.js', () => new Response(OPEN_SCRIPT, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' } }))
  .get('/open/:entity/:id', (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const t = text[locale];
    const entity = c.req.param('entity');
    const id = c.req.param('id');
    const kind = t.kinds[entity];
    if (!kind || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return htmlPage({ locale, title: t.title, body: `<p>${escapeHtml(t.failed)}</p>`, status: 404 });
    const ids = (c.env.EXTENSION_IDS ?? '').split(',').map((s) => s.trim()).filter((s) => /^[a-p]{32}$/.test(s));
    const data = `data-entity="${escapeHtml(entity)}" data-id="${escapeHtml(id)}" data-extensions="${ids.join(',')}" data-opened="${escapeHtml(t.opened)}" data-queued="${escapeHtml(t.queued)}" data-missing="${escapeHtml(t.open)}"`;
    return htmlPage({
      locale,
      title: t.title,
      body: `<main ${data}><p>${escapeHtml(t.what(kind))}</p><p><button type="button" id="open">${escapeHtml(t.openButton)}</button></p><p id="status" role="status"></p><p style="color:#666">${escapeHtml(t.open)}</p></main><script src="/open/link.js"></script>`,
      script: true,
    });
  });
