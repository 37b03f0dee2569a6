import { microdataAll } from '@cucumber/microdata';
import { mf2 } from 'microformats-parser';
import type { PageCapture } from '../../shared/extract/captureSchemas';

type Mf2Item = ReturnType<typeof mf2>['items'][number];
const RELATIVE_BASE = 'https://relative.invalid/';
type Mf2Value = Mf2Item['properties'][string][number];

/**
 * Structured hints on any page, read with maintained parsers rather than by hand: microformats
 * (h-card and classic hCard, with implied names and nested organisations, by microformats-parser),
 * schema.org microdata (by @cucumber/microdata, handed on as JSON-LD), JSON-LD itself,
 * mailto:/tel: links and og:site_name.
 */
export function readPage(doc: Document, selection: string): PageCapture {
  const url = doc.location?.href ?? '';
  const microformats = hCards(doc);
  return {
    kind: 'page',
    url,
    title: doc.title ?? '',
    siteName: doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? null,
    lang: doc.documentElement.getAttribute('lang'),
    jsonLd: [...Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).map((s) => s.textContent ?? ''), ...microdataAsJsonLd(doc)].filter(Boolean).slice(0, 50),
    hcards: microformats.cards.slice(0, 50),
    relMe: microformats.relMe.slice(0, 50),
    mailtos: Array.from(doc.querySelectorAll('a[href^="mailto:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    tels: Array.from(doc.querySelectorAll('a[href^="tel:" i]')).map((a) => a.getAttribute('href')!).slice(0, 200),
    selection: selection.slice(0, 20_000),
  };
}

/** Every h-card (those in the page's tree first, then those nested as properties), as plain fields, and the page's rel=me links. */
function hCards(doc: Document): { cards: PageCapture['hcards']; relMe: string[] } {
  let items: Mf2Item[];
  let relMe: string[];
  try {
    // A base no real link shares: URLs the parser had to resolve were relative, which is a link
    // within the site (a profile tab, "contact us"), not the person's or company's own website.
    const parsed = mf2(classicHCardsSpelledOut(doc), { baseUrl: RELATIVE_BASE });
    items = parsed.items;
    relMe = (parsed.rels.me ?? []).filter((u) => !u.startsWith(RELATIVE_BASE));
  } catch {
    return { cards: [], relMe: [] }; // a page the parser cannot read still has its links and JSON-LD
  }
  const cards: Mf2Item[] = [];
  const nested: Mf2Item[] = [];
  const visit = (item: Mf2Item, depth: number) => {
    // A card anywhere in the page's tree (a sidebar's card inside the page's h-entry) describes someone;
    // cards that are a property's value (an author, a contact) come after them.
    if (item.type?.includes('h-card')) cards.push(item);
    // An "org" card is the organisation, not another person; a comment's author is not the page's
    // subject, nor is an event's venue (its "location").
    if (depth === 0) for (const [name, values] of Object.entries(item.properties)) if (!NOT_A_CONTACT.has(name)) for (const v of values) if (isItem(v) && v.type?.includes('h-card')) nested.push(v);
    for (const child of item.children ?? []) visit(child, depth + 1);
  };
  for (const item of items) visit(item, 0);
  return { cards: [...cards, ...nested].map(toCard), relMe };
}

/**
 * The page's HTML with what classic hCard (1.0) says but microformats-parser's backward-compatible
 * reading leaves out spelled out in a form it reads: a tel link's number (its href or data, not
 * "call me"), the organisation's name inside "org" (not name and unit run together), and the
 * post-office box as an address line.
 */
function classicHCardsSpelledOut(doc: Document): string {
  const root = doc.documentElement.cloneNode(true) as Element;
  for (const tel of Array.from(root.querySelectorAll('.vcard .tel'))) {
    const uri = tel.getAttribute('href') ?? tel.getAttribute('data') ?? '';
    if (/^(tel|fax|modem):/i.test(uri) && !/\d/.test(tel.textContent ?? '')) {
      // An <area> has no text: the parser reads its alt.
      if (tel.tagName.toUpperCase() === 'AREA') tel.setAttribute('alt', uri);
      else tel.textContent = uri;
      tel.removeAttribute('href');
      tel.removeAttribute('data');
    }
  }
  for (const org of Array.from(root.querySelectorAll('.vcard .org'))) {
    const name = org.querySelector('.organization-name');
    if (!name) continue;
    org.classList.remove('org');
    name.classList.add('org');
  }
  for (const box of Array.from(root.querySelectorAll('.vcard .adr .post-office-box'))) box.classList.add('extended-address');
  return root.outerHTML;
}

const NOT_A_CONTACT = new Set(['org', 'comment', 'location']);

const isItem = (v: Mf2Value): v is Mf2Item => typeof v === 'object' && v !== null && 'properties' in v;

/** A property's values as text: nested items by their name or value, embedded HTML by its text. */
function texts(item: Mf2Item, name: string): string[] {
  return (item.properties[name] ?? [])
    .map((v) => (typeof v === 'string' ? v : isItem(v) ? String(first(v, 'name') ?? v.value ?? '') : 'value' in v ? String(v.value ?? '') : ''))
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
const first = (item: Mf2Item, name: string) => texts(item, name)[0];

const ADR_PARTS = ['post-office-box', 'extended-address', 'street-address', 'locality', 'region', 'postal-code', 'country-name'];

function addressOf(card: Mf2Item): string | undefined {
  const adr = (card.properties.adr ?? [])[0];
  const source = adr && isItem(adr) ? adr : card;
  const parts = ADR_PARTS.flatMap((part) => texts(source, part));
  if (parts.length > 0) return parts.join(', ');
  return typeof adr === 'string' ? adr : adr && !isItem(adr) && 'value' in adr ? String(adr.value) : undefined;
}

function toCard(card: Mf2Item): PageCapture['hcards'][number] {
  const name = first(card, 'name');
  const org = first(card, 'org');
  return {
    name,
    org,
    title: first(card, 'job-title') ?? first(card, 'title') ?? first(card, 'role'),
    emails: texts(card, 'email').map((e) => e.replace(/^mailto:/i, '').split('?')[0]!.trim()).slice(0, 20),
    phones: texts(card, 'tel').map((t) => t.replace(/^tel:/i, '').trim()).slice(0, 20),
    urls: texts(card, 'url').filter((u) => !u.startsWith(RELATIVE_BASE)).slice(0, 20),
    address: addressOf(card),
  };
}

/** Top-level schema.org microdata items, as JSON-LD strings the page extractor already reads. */
function microdataAsJsonLd(doc: Document): string[] {
  const types = [...new Set(Array.from(doc.querySelectorAll('[itemscope][itemtype]:not([itemprop])')).map((el) => el.getAttribute('itemtype')!.trim().split(/\s+/)[0]!))];
  const out: string[] = [];
  for (const type of types) {
    try {
      for (const item of microdataAll<Record<string, unknown>>(type, doc)) out.push(JSON.stringify({ '@type': type.replace(/^.*[/#]/, ''), ...item }));
    } catch {
      // one malformed item does not stop the others
    }
  }
  return out;
}
