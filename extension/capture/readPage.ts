import type { PageCapture } from '../../shared/extract/captureSchemas';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() || undefined;

/** hCard address parts, in the order the page prints them. */
const ADR_PARTS = '.post-office-box, .p-post-office-box, .extended-address, .p-extended-address, .street-address, .p-street-address, .locality, .p-locality, .region, .p-region, .postal-code, .p-postal-code, .country-name, .p-country-name';

/** An address as one line, its parts joined with ", " (not run together, as the text of the element would be). */
function addressOf(adr: Element | null): string | undefined {
  if (!adr) return undefined;
  const parts = Array.from(adr.querySelectorAll(ADR_PARTS))
    .filter((el) => !el.parentElement?.closest(ADR_PARTS))
    .map((el) => text(el))
    .filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join(', ') : text(adr);
}

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
      address: addressOf(card.querySelector('.adr, .p-adr, .h-adr')),
    })),
    mailtos: Array.from(doc.querySelectorAll('a[href^="mailto:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    tels: Array.from(doc.querySelectorAll('a[href^="tel:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    selection: selection.slice(0, 20_000),
  };
}
