import type { Locale } from '../../shared/schema/primitives';

/** Text as HTML: the five characters that matter, as numeric entities. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The language of a page a person opens from their mail: Chinese when the browser asks for it first. */
export const localeOf = (acceptLanguage: string | undefined): Locale => (/^\s*zh/i.test(acceptLanguage ?? '') ? 'zh-CN' : 'en');

/**
 * A small standalone page (sign-in link, unsubscribe, record link): never cached, no referrer,
 * and a CSP under which only its own forms post and, when `script` is set, only this origin's
 * script runs.
 */
export function htmlPage(options: { locale: Locale; title: string; body: string; status?: 200 | 400 | 404; script?: boolean }): Response {
  const title = escapeHtml(options.title);
  const html = `<!doctype html><html lang="${options.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>
<style>body{font:16px system-ui,sans-serif;max-width:34em;margin:15vh auto;padding:0 1em}button{font:inherit;padding:.5em 1em}</style></head><body><h1>${title}</h1>${options.body}</body></html>`;
  return new Response(html, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'${options.script ? "; script-src 'self'" : ''}`,
      'referrer-policy': 'no-referrer',
    },
  });
}
