import { z } from 'zod';

/**
 * What a content script reads off a page and sends to the background. Plain data, validated on
 * arrival like any other boundary; the pure extractors turn it into a draft lead.
 */
const PersonSchema = z.object({ name: z.string().max(300), email: z.string().max(320) });

export const MailCaptureSchema = z.object({
  kind: z.literal('mail'),
  site: z.enum(['gmail', 'outlook']),
  url: z.string().max(4096),
  subject: z.string().max(2000),
  sentAt: z.number().int().nullable(),
  from: PersonSchema,
  /** The open message as text; what its client marked as quoted history is written as "> " lines. */
  bodyText: z.string().max(200_000),
  /** Mailer headers, when the reader has the raw message (webmail's DOM does not show them): they tell machine mail apart. */
  mailer: z
    .object({
      autoSubmitted: z.string().max(200).optional(),
      precedence: z.string().max(200).optional(),
      listUnsubscribe: z.boolean().optional(),
      autoReply: z.boolean().optional(),
    })
    .optional(),
  /** Other people on the thread, each with their own last message text when the thread holds one. */
  participants: z.array(PersonSchema.extend({ bodyText: z.string().max(200_000).optional() })).max(100),
});

const HCardSchema = z.object({
  name: z.string().max(300).optional(),
  org: z.string().max(300).optional(),
  title: z.string().max(300).optional(),
  emails: z.array(z.string().max(320)).max(20).default([]),
  phones: z.array(z.string().max(100)).max(20).default([]),
  urls: z.array(z.string().max(2048)).max(20).default([]),
  address: z.string().max(1000).optional(),
});

export const PageCaptureSchema = z.object({
  kind: z.literal('page'),
  url: z.string().max(4096),
  title: z.string().max(2000),
  siteName: z.string().max(300).nullable(),
  /** <html lang>, a hint for the region of national phone numbers. */
  lang: z.string().max(35).nullable().default(null),
  jsonLd: z.array(z.string().max(200_000)).max(50),
  hcards: z.array(HCardSchema).max(50),
  /** rel="me" links: the page's subject's own sites and profiles (XFN). */
  relMe: z.array(z.string().max(2048)).max(50).optional(),
  mailtos: z.array(z.string().max(320)).max(200),
  tels: z.array(z.string().max(100)).max(200),
  selection: z.string().max(20_000),
  /** A webmail tab whose open message no reader could make out: say so rather than show an empty form. */
  unreadMail: z.boolean().optional(),
});

export const CaptureInputSchema = z.discriminatedUnion('kind', [MailCaptureSchema, PageCaptureSchema]);
export type MailCapture = z.infer<typeof MailCaptureSchema>;
export type PageCapture = z.infer<typeof PageCaptureSchema>;
export type CaptureInput = z.infer<typeof CaptureInputSchema>;

/** Where a lead value was read: the mail's From header, a line of the signature (1-based), the page's structured data, or the user's selection. */
export type FieldSource = { from: 'header' } | { from: 'signature'; line: number } | { from: 'page' } | { from: 'selection' };

export type PhoneKind = 'mobile' | 'work' | 'fax' | 'other';

/**
 * A number as found: E.164 (with extension) when it validates, else null and kept as typed so the
 * rep can fix it rather than lose it; the kind from its label (手机, 传真, Mobile, Fax…) or the
 * number itself.
 */
export interface FoundPhone {
  e164: string | null;
  ext: string | null;
  kind: PhoneKind;
  raw: string;
}

/** A lead as extracted: what the side panel pre-fills. Every field may be empty. */
export interface LeadDraft {
  name: string | null;
  title: string | null;
  company: string | null;
  emails: string[];
  /** Valid numbers to call, as E.164 (" ext. N" kept): what the contact is saved with. Faxes are not among them. */
  phones: string[];
  /** Every number found, faxes and unreadable ones included, with kind and the text as printed. */
  phoneDetails: FoundPhone[];
  website: string | null;
  address: string | null;
  social: string[];
}

export function emptyLead(): LeadDraft {
  return { name: null, title: null, company: null, emails: [], phones: [], phoneDetails: [], website: null, address: null, social: [] };
}

/** Each number once (the same number from a label, a link and a card), keeping the most telling kind. */
export function uniquePhones(details: FoundPhone[]): FoundPhone[] {
  const byKey = new Map<string, FoundPhone>();
  for (const p of details) {
    const key = p.e164 ? `${p.e164};${p.ext ?? ''}` : p.raw.replace(/\D/g, '');
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, p);
    else if (seen.kind === 'other' && p.kind !== 'other') byKey.set(key, { ...seen, kind: p.kind });
  }
  return [...byKey.values()];
}

/** The numbers a contact is saved with: the valid ones that are not faxes, each once. */
export function callablePhones(details: FoundPhone[]): string[] {
  return [...new Set(details.flatMap((p) => (p.e164 && p.kind !== 'fax' ? [p.ext ? `${p.e164} ext. ${p.ext}` : p.e164] : [])))];
}

export interface CaptureDraft {
  source: 'gmail' | 'outlook' | 'web';
  sourceUrl: string | null;
  lead: LeadDraft;
  /** The email as an activity (mail only): subject, a short snippet, when it was sent. */
  activity: { subject: string; snippet: string; occurredAt: number | null } | null;
  /** Others on the thread, offered as further leads. */
  others: LeadDraft[];
  /** Mail only: the sender's own text (quoted history removed) and their signature block. */
  ownText?: string;
  signature?: { valediction: string | null; lines: string[]; device: string | null };
  /** Where each filled lead field came from ("header", "signature line 3", "page", "selection"), for the form to show. */
  sources?: Partial<Record<'name' | 'title' | 'company' | 'emails' | 'phones' | 'website' | 'address', FieldSource>>;
}
