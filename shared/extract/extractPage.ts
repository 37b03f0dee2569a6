import type { CountryCode } from 'libphonenumber-js';
import { callablePhones, emptyLead, uniquePhones, type CaptureDraft, type LeadDraft, type PageCapture } from './captureSchemas';
import { SOCIAL_RE } from './patterns';
import { parseSignature, splitTitleAt } from './parseSignature';
import { readPhones } from './phones';
import { inferRegion } from './region';
import { ORGANIZATION_TYPES } from './schemaOrgTypes';

type Json = Record<string, unknown>;

/**
 * A draft lead from any page: schema.org JSON-LD and microdata (Person, and Organization with its
 * subtypes: a Dentist or an NGO is an organisation too), hCard
 * microformats, mailto:/tel: links, the Open Graph site name, and the user's selection, which
 * wins where it says something.
 */
export function extractFromPage(page: PageCapture, defaultRegion: CountryCode = 'CN'): CaptureDraft {
  const lead: LeadDraft = emptyLead();
  // With a selection, the page's structured data counts only where it is about what was selected:
  // a listing's other entries and the page's other people stay out.
  const selection = page.selection.trim();
  const selected = (value: unknown) => !selection || (typeof value === 'string' && value.trim() !== '' && selection.toLowerCase().includes(value.trim().toLowerCase()));
  const digitsOf = (value: string) => value.replace(/\D/g, '');
  const selectedDigits = digitsOf(selection);
  const nodes = page.jsonLd.flatMap(parseJsonLd).filter((n) => selected(n.name));
  const hcards = page.hcards.filter((c) => selected(c.name) || selected(c.org));
  const mailtos = page.mailtos.filter((m) => selected(m.replace(/^mailto:/i, '').split('?')[0]));
  const tels = page.tels.filter((t) => !selection || (digitsOf(t).length >= 6 && selectedDigits.includes(digitsOf(t))));
  const person = nodes.find((n) => isType(n, 'Person'));
  const isOrganization = (n: Json) => list(n['@type']).some((t) => typeof t === 'string' && ORGANIZATION_TYPES.has(t.replace(/^.*[/#:]/, '')));
  // A page about several people (a team page, an article by several authors) or several
  // organisations (a listing of venues) is nobody's lead unless the user selects one of them.
  const people = new Set([...nodes.filter((n) => isType(n, 'Person')).map((n) => text(n.name)), ...hcards.filter((c) => c.name && !c.org?.includes(c.name)).map((c) => c.name!.trim())].filter(Boolean));
  const organizations = new Set(nodes.filter(isOrganization).map((n) => text(n.name)?.toLowerCase()).filter(Boolean));
  if (!selection && (people.size > 1 || (people.size === 0 && organizations.size > 1))) return { source: 'web', sourceUrl: page.url || null, lead: emptyLead(), activity: null, others: [], sources: {} };
  const org = nodes.find(isOrganization);
  const country = countryOf(person?.address) ?? countryOf(org?.address);
  defaultRegion = inferRegion({ lang: page.lang, country, url: page.url, text: page.selection }, defaultRegion);

  if (person) {
    lead.name = text(person.name);
    // "title" is the older data-vocabulary.org spelling of jobTitle.
    lead.title = text(person.jobTitle) ?? text(person.title);
    const employer = [person.worksFor, person.affiliation, person.memberOf].map((o) => text((o as Json | undefined)?.name) ?? text(o)).find(Boolean);
    lead.company = employer ?? null;
    lead.website = text(person.url);
    addEmail(lead, person.email);
    addPhone(lead, person.telephone, defaultRegion);
    for (const url of list(person.sameAs)) if (typeof url === 'string' && SOCIAL_RE.test(url)) lead.social.push(url);
    lead.address = addressOf(person.address);
  }
  // A person's card before an organisation's ("fn org": the name is the organisation's).
  const orgCard = (c: PageCapture['hcards'][number]) => !c.name || (!!c.org && c.org.toLowerCase().includes(c.name.toLowerCase()));
  const card = hcards.find((c) => !orgCard(c)) ?? hcards[0];
  if (card) {
    lead.name ??= orgCard(card) ? null : (card.name ?? null);
    const at = !card.org && card.title ? splitTitleAt(card.title) : null;
    lead.title ??= at?.title ?? card.title ?? null;
    lead.company ??= at?.company ?? card.org ?? null;
    card.emails.forEach((e) => addEmail(lead, e));
    card.phones.forEach((p) => addPhone(lead, p, defaultRegion));
    lead.address ??= card.address ?? null;
    for (const url of card.urls) if (SOCIAL_RE.test(url)) lead.social.push(url);
      else lead.website ??= url;
  }
  // An organisation elsewhere on a person's page (the blog's publisher, the site) is not their
  // employer: it fills in only when the page is about the organisation itself, or is the
  // organisation the person works for (then its website is theirs too).
  if (org && person && lead.company && (text(org.name) ?? '').toLowerCase() === lead.company.toLowerCase()) lead.website ??= text(org.url);
  if (org && !person) {
    lead.company ??= text(org.name) ?? text(org.legalName);
    lead.website ??= text(org.url);
    // The organisation's switchboard and inbox come after the person's own details.
    if (!person) addPhone(lead, org.telephone, defaultRegion);
    if (!person) addEmail(lead, org.email);
    lead.address ??= addressOf(org.address);
    for (const url of list(org.sameAs)) if (typeof url === 'string' && SOCIAL_RE.test(url) && !person) lead.social.push(url);
  }
  // rel="me": the page's subject's own site and profiles, when the page is about one person.
  if (lead.name && people.size <= 1) for (const url of page.relMe ?? []) if (SOCIAL_RE.test(url)) lead.social.push(url);
      else lead.website ??= url;
  for (const mail of mailtos) addEmail(lead, mail);
  for (const tel of tels) addPhone(lead, tel, defaultRegion);
  if (!lead.company && !lead.name && page.siteName) {
    lead.company = page.siteName;
    lead.website ??= originOf(page.url);
  }

  const chosen = selection ? parseSignature(selection.split('\n').map((l) => l.trim()), defaultRegion) : null;
  // Where structured data describes the selected entry, its fields are exact; the selection's
  // text fills what it lacks. Otherwise the selection is all there is to go on.
  const structured = !!(person || card || org);
  if (chosen) {
    for (const field of ['name', 'title', 'company', 'website', 'address'] as const) lead[field] = structured ? (lead[field] ?? chosen[field]) : (chosen[field] ?? lead[field]);
    lead.emails = [...chosen.emails, ...lead.emails];
    lead.phoneDetails = [...chosen.phoneDetails, ...lead.phoneDetails];
    lead.social = [...chosen.social, ...lead.social];
  }
  // An organisation's entry read as a name ("Citizens Business Bank Arena") is the organisation.
  if (lead.name && lead.company && lead.name.toLowerCase() === lead.company.toLowerCase() && !person && !(card && !orgCard(card))) lead.name = null;
  lead.emails = [...new Set(lead.emails)];
  lead.phoneDetails = uniquePhones(lead.phoneDetails);
  lead.phones = callablePhones(lead.phoneDetails);
  lead.social = [...new Set(lead.social)];
  // The selection wins where it says something; the rest came from the page's structured data.
  const sources: NonNullable<CaptureDraft['sources']> = {};
  for (const field of ['name', 'title', 'company', 'website', 'address'] as const) if (lead[field]) sources[field] = chosen?.[field] === lead[field] ? { from: 'selection' } : { from: 'page' };
  return { source: 'web', sourceUrl: page.url || null, lead, activity: null, others: [], sources };
}

function parseJsonLd(raw: string): Json[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    const out: Json[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const node = value as Json;
        out.push(node);
        if (node['@graph']) walk(node['@graph']);
        for (const key of ['mainEntity', 'author', 'creator', 'employee', 'founder', 'member', 'contactPoint', 'about']) if (node[key]) walk(node[key]);
      }
    };
    walk(parsed);
    return out;
  } catch {
    return []; // a broken JSON-LD block is common on the web; the other sources still count
  }
}

function isType(node: Json, type: string): boolean {
  return list(node['@type']).some((t) => t === type || (typeof t === 'string' && t.endsWith(`/${type}`)));
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function addEmail(lead: LeadDraft, value: unknown): void {
  for (const v of list(value)) {
    const email = typeof v === 'string' ? v.replace(/^mailto:/i, '').split('?')[0]!.trim().toLowerCase() : '';
    if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(email)) lead.emails.push(email);
  }
}

function addPhone(lead: LeadDraft, value: unknown, region: CountryCode): void {
  for (const v of list(value)) if (typeof v === 'string') lead.phoneDetails.push(...readPhones(telNumber(v), region));
}

/** A tel: URI's number; a local number with a global phone-context (RFC 3966) gets that prefix. */
function telNumber(value: string): string {
  const [number = '', ...params] = value.replace(/^tel:/i, '').split(';');
  const context = params.find((p) => p.toLowerCase().startsWith('phone-context='))?.slice('phone-context='.length) ?? '';
  return context.startsWith('+') && !number.startsWith('+') ? `${context}${number}`.replace(/[^\d+]/g, '') : number;
}

function addressOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  const a = value as Json | undefined;
  if (!a || typeof a !== 'object') return null;
  // schema.org names, else data-vocabulary.org's vCard-like ones.
  const parts = [a.streetAddress ?? a['street-address'], a.postalCode ?? a['postal-code'], a.addressLocality ?? a.locality, a.addressRegion ?? a.region, a.addressCountry ?? a['country-name']].map((p) => text(typeof p === 'object' ? (p as Json)?.name : p)).filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function countryOf(address: unknown): string | null {
  const country = (address as Json | undefined)?.addressCountry;
  return text(typeof country === 'object' ? (country as Json)?.name : country);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
