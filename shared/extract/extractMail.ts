import type { CountryCode } from 'libphonenumber-js';
import { emptyLead, type CaptureDraft, type FieldSource, type LeadDraft, type MailCapture } from './captureSchemas';
import { GENERIC_MAIL_DOMAINS } from './patterns';
import { parseSignature } from './parseSignature';
import { inferRegion } from './region';
import { findEmbeddedMessage, stripQuotedText } from './quoted';
import { isAutomatedSender, isMachineMail } from './machineMail';
import { findSignatureBlock, findSignatureLines } from './signature';

/**
 * A draft lead from an open email: the sender's display name and address, their signature
 * (never quoted history), the message as an activity, and the other people on the thread.
 */
export function extractFromMail(mail: MailCapture, defaultRegion: CountryCode = 'CN'): CaptureDraft {
  const own = stripQuotedText(mail.bodyText);
  // A colleague forwarding a customer's mail hands over the customer: the lead is read from the
  // forwarded message. Its signature block is found once, for the lead and for the sources.
  const forwarded = internalForward(mail, own);
  const origin = forwarded ? { person: forwarded.from, text: stripQuotedText(forwarded.body) } : { person: mail.from, text: own };
  const signature = findSignatureBlock(origin.text);
  // A robot is nobody's lead: auto-replies, notifications and newsletters give an empty form.
  const lead = isMachineMail(mail, own) ? emptyLead() : leadFrom(origin.person, origin.text, defaultRegion, signature.lines);
  const others = mail.participants
    .filter((p) => p.email.toLowerCase() !== mail.from.email.toLowerCase())
    .map((p) => leadFrom(p, stripQuotedText(p.bodyText ?? ''), defaultRegion));
  return {
    source: mail.site,
    sourceUrl: mail.url || null,
    lead,
    activity: { subject: mail.subject.trim(), snippet: snippetOf(own), occurredAt: mail.sentAt },
    others: dedupeByEmail(others),
    ownText: own,
    signature,
    sources: mailSources(lead, origin.person, signature.lines),
  };
}

/** For each filled field: the From header when the value is the header's, else the signature line that holds it. */
function mailSources(lead: LeadDraft, from: { name: string; email: string }, lines: string[]): CaptureDraft['sources'] {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').toLowerCase();
  const lineOf = (value: string): FieldSource | undefined => {
    const digits = value.replace(/\D/g, '');
    const i = lines.findIndex((l) => norm(l).includes(norm(value)) || (digits.length >= 6 && l.normalize('NFKC').replace(/\D/g, '').includes(digits.slice(-6))));
    return i >= 0 ? { from: 'signature', line: i + 1 } : undefined;
  };
  const sources: NonNullable<CaptureDraft['sources']> = {};
  if (lead.name) sources.name = cleanDisplayName(from.name) === lead.name ? { from: 'header' } : lineOf(lead.name);
  for (const field of ['title', 'company', 'website', 'address'] as const) {
    const value = lead[field];
    if (value) sources[field] = lineOf(field === 'website' ? value.replace(/^https?:\/\//, '') : value);
  }
  if (lead.emails.length) sources.emails = lead.emails[0] === from.email.trim().toLowerCase() ? { from: 'header' } : lineOf(lead.emails[0]!);
  if (lead.phones.length) sources.phones = lineOf(lead.phones[0]!);
  return sources;
}

function leadFrom(person: { name: string; email: string }, ownText: string, defaultRegion: CountryCode, lines = findSignatureLines(ownText)): LeadDraft {
  const region = inferRegion({ text: ownText, email: person.email }, defaultRegion);
  const signature = parseSignature(lines, region);
  const email = person.email.trim().toLowerCase();
  return {
    ...signature,
    name: preferChineseName(cleanDisplayName(person.name), signature.name),
    emails: [...new Set([email, ...signature.emails].filter(Boolean))],
  };
}

/**
 * Chinese business mail often carries an English display name ("Tina Liu", "Vivian Chen 陳怡君")
 * while the signature gives the Chinese one, which is what colleagues search for and write.
 */
function preferChineseName(display: string | null, signed: string | null): string | null {
  const han = /^[\p{Script=Han}·]{2,5}$/u;
  const hanPart = (name: string | null) => name?.split(/\s+/).find((part) => han.test(part));
  if (display && /[\p{Script=Latin}]/u.test(display)) {
    const chinese = hanPart(display) ?? hanPart(signed);
    if (chinese) return chinese;
  }
  return display ?? signed;
}

/** "Doe, Jane" → "Jane Doe"; quotes, addresses and "(via …)" suffixes removed; null if nothing human is left. */
export function cleanDisplayName(raw: string): string | null {
  let name = raw
    .replace(/<[^>]*>/g, '')
    .replace(/\((via|über|par) [^)]*\)/gi, '')
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name || name.includes('@')) return null;
  const comma = /^([\p{L}'’-]+),\s*([\p{L}'’ .-]+)$/u.exec(name);
  if (comma && !/[\p{Script=Han}]/u.test(name)) name = `${comma[2]} ${comma[1]}`;
  return name;
}

/** "Fwd:", "转发:", "WG:", "TR:"… a forwarded message says so in its subject. */
const FORWARD_SUBJECT = /^(fwd?|fw|转发|轉寄|轉發|wg|tr|rv|vs|doorst|pd|ynt|enc)\s*[:：]/i;

/** Words of a colleague handing a contact over ("这是客户…你直接联系她", "a new lead, please follow up"). */
const HANDOVER_CUE = /(客户|客戶|询盘|詢盤|线索|線索|联系(他|她|方式)|聯繫(他|她|方式)|联络|跟进|跟進|customer|client|\blead\b|prospect|inquiry|enquiry|contact (him|her|them)|follow up|kunde|kundin|anfrage|interessent)/i;

const domainOf = (email: string) => email.trim().toLowerCase().split('@')[1] ?? '';

/**
 * A forward inside the company: the subject says forward, the sender shares their domain with a
 * recipient (the rep), wrote a few lines handing someone over ("这是客户…你直接联系她"), and the
 * message below is from someone outside. A customer forwarding their own colleague's mail, or a
 * forward to a shared mailbox, is not this: the sender stays the lead.
 */
function internalForward(mail: MailCapture, own: string): { from: { name: string; email: string }; body: string } | null {
  const senderDomain = domainOf(mail.from.email);
  if (!FORWARD_SUBJECT.test(mail.subject.trim()) || !HANDOVER_CUE.test(own) || !senderDomain || GENERIC_MAIL_DOMAINS.has(senderDomain) || own.length > 600) return null;
  if (!mail.participants.some((p) => p.email.toLowerCase() !== mail.from.email.toLowerCase() && domainOf(p.email) === senderDomain)) return null;
  const embedded = findEmbeddedMessage(mail.bodyText);
  if (!embedded || domainOf(embedded.from.email) === senderDomain || isAutomatedSender(embedded.from.email)) return null;
  return embedded;
}

function snippetOf(own: string): string {
  return own.replace(/\s+/g, ' ').trim().slice(0, 240);
}

function dedupeByEmail(leads: LeadDraft[]): LeadDraft[] {
  const seen = new Set<string>();
  return leads.filter((l) => {
    const key = l.emails[0] ?? l.name ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The company's domain as far as an address tells it: none for webmail providers. */
export { companyDomainOf } from './mailDomain';
