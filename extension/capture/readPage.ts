import type { PageCapture } from '../../shared/extract/captureSchemas';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** Structured hints on any page: JSON-LD, hCards (classic and microformats2), mailto:/tel: links, og:site_name. */
export function readPage(doc: Document, selection: string): PageCapture {
  const cards = Array.from(doc.querySelectorAll('.vcard, .h-card')).slice(0, 50);
  return {
    kind: 'page',
    url: doc.location?.href ?? '',
    title: doc.title ?? '',
    siteName: doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? null,
    lang: doc.documentElement.getAttribute('lang'),
    jsonLd: Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))
      .map((s) => s.textContent ?? '')
      .filter(Boolean)
      .slice(0, 50),
    hcards: cards.map((card) => ({
      name: text(card.querySelector('.fn, .p-name')),
      org: text(card.querySelector('.org, .p-org')),
      title: text(card.querySelector('.title, .p-job-title, .role')),
      emails: Array.from(card.querySelectorAll('.email, .u-email')).map((e) => (e.getAttribute('href') ?? e.textContent ?? '').replace(/^mailto:/i, '').trim()).slice(0, 20),
      phones: Array.from(card.querySelectorAll('.tel, .p-tel')).map((e) => (e.getAttribute('href') ?? e.textContent ?? '').replace(/^tel:/i, '').trim()).slice(0, 20),
      urls: Array.from(card.querySelectorAll('a.url, .u-url')).map((e) => e.getAttribute('href') ?? '').filter(Boolean).slice(0, 20),
      address: text(card.querySelector('.adr, .p-adr')),
    })),
    mailtos: Array.from(doc.querySelectorAll('a[href^="mailto:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    tels: Array.from(doc.querySelectorAll('a[href^="tel:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    selection: selection.slice(0, 20_000),
  };
}
