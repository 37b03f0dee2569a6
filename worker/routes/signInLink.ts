import { Hono } from 'hono';
import { confirmLink, type IssuedCode } from '../auth/signInCode';
import type { AppEnv } from '../env';
import { escapeHtml, htmlPage, localeOf } from '../pages/htmlPage';

/**
 * The link in a sign-in email. Opening it shows a page with one button; only pressing it (a
 * POST) confirms, because mail scanners open links by themselves. Once confirmed, the side panel
 * that asked for the code (it holds the request id) receives its token on its next check.
 */
export function signInLinkUrl(origin: string, issued: Pick<IssuedCode, 'id' | 'linkKey'>): string {
  return `${origin}/sign-in/confirm?c=${encodeURIComponent(issued.id)}&k=${encodeURIComponent(issued.linkKey)}`;
}

const text = {
  en: {
    title: 'Sign in to Sidecar',
    ask: 'Sign in to Sidecar in the browser where the side panel is waiting for your code?',
    confirm: 'Confirm sign-in',
    done: 'Done. Go back to the Sidecar side panel: it signs in within a few seconds. You can close this tab.',
    failed: 'This link is wrong, expired or already used. Ask for a new code in the Sidecar side panel.',
  },
  'zh-CN': {
    title: '登录 Sidecar',
    ask: '在正在等待验证码的浏览器中登录 Sidecar？',
    confirm: '确认登录',
    done: '已确认。回到 Sidecar 侧边栏，几秒钟内即可登录。可以关闭此页面。',
    failed: '此链接无效、已过期或已使用。请在 Sidecar 侧边栏重新获取验证码。',
  },
} as const;

export const signInLinkRoutes = new Hono<AppEnv>()
  .get('/sign-in/confirm', (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const id = c.req.query('c') ?? '';
    const key = c.req.query('k') ?? '';
    const t = text[locale];
    return htmlPage({
      locale,
      title: t.title,
      body: `<p>${escapeHtml(t.ask)}</p><form method="post"><input type="hidden" name="c" value="${escapeHtml(id)}"><input type="hidden" name="k" value="${escapeHtml(key)}"><button type="submit">${escapeHtml(t.confirm)}</button></form>`,
    });
  })
  .post('/sign-in/confirm', async (c) => {
    const locale = localeOf(c.req.header('accept-language'));
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const id = typeof form.c === 'string' ? form.c : '';
    const key = typeof form.k === 'string' ? form.k : '';
    const ok = id.length > 0 && id.length < 64 && key.length > 0 && key.length < 128 && (await confirmLink(c.var.db, id, key, Date.now()));
    return htmlPage({ locale, title: text[locale].title, body: `<p>${escapeHtml(ok ? text[locale].done : text[locale].failed)}</p>`, status: ok ? 200 : 400 });
  });
