import { z } from 'zod';

/** Crockford base32 ULID, made where the record is born so offline creates need no round trip. */
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** Milliseconds since the epoch, UTC. */
export const TimestampSchema = z.number().int().min(0).max(8.64e15);

/**
 * ISO 4217 currency code; amounts travel as integer minor units beside it. The list is the
 * runtime's own (ICU's ISO 4217 table via Intl), the same in Chrome, Node and workerd, so no
 * copy of the standard lives in this repository.
 */
const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
  .refine((code) => ISO_CURRENCIES.has(code), 'must be an ISO 4217 currency');
export const AmountMinorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const LocaleSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const TimeZoneSchema = z.string().min(1).max(64).refine(isIanaTimeZone, 'must be an IANA time zone');

function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Text a person typed. Control characters other than tab and line breaks (NUL, escape, C1) and
 * lone UTF-16 surrogates are refused, not cleaned: SQLite would store a surrogate mangled, and
 * a NUL cuts strings short in some of the tools that read exports.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const cleanText = (schema: z.ZodString) =>
  schema
    .refine((s) => s.isWellFormed(), 'must not contain unpaired surrogates')
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** At least one character that shows: not only spaces, zero-width or other format characters. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{Z}\p{M}]/u;
export const hasVisibleText = (s: string): boolean => VISIBLE.test(s);

/** Short free text such as a name or a title: required, and something must be visible. */
export const shortText = (max = 200) =>
  cleanText(z.string().trim().min(1).max(max)).refine(hasVisibleText, 'must contain visible characters');
/** Optional free text; empty is allowed. */
export const optionalText = (max = 200) => cleanText(z.string().trim().max(max)).nullable();
/** Longer free text such as an activity's body. */
export const longText = (max: number) => cleanText(z.string().max(max));

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * A phone in E.164 with an optional extension ("+8651266668888 ext. 302"), the only form that
 * is stored. Clients turn what people type into it with `normalizePhone` (shared/extract/phones)
 * and the worker checks each stored number with the same function (`isCanonicalPhone`), which
 * needs libphonenumber's metadata the schema itself should not carry.
 */
export const PHONE_PATTERN = /^\+[1-9]\d{5,14}(?: ext\. \d{1,6})?$/;
export const PhoneSchema = z.string().trim().regex(PHONE_PATTERN, 'must be an E.164 phone number such as +8613800138000');
export const UrlSchema = z.string().trim().max(2048).pipe(z.url({ protocol: /^https?$/ }));

/** Fields every synced row carries; the server owns them. */
export const RecordMetaSchema = z.object({
  id: UlidSchema,
  teamId: UlidSchema,
  ownerId: UlidSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  deletedAt: TimestampSchema.nullable(),
  version: z.number().int().min(0),
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/**
 * Server-owned, on the records two of which may be merged (contacts, companies): the record this
 * one was merged into, while the merge stands. Edits and references to it then go to that record.
 */
export const MergedIntoSchema = z.object({ mergedIntoId: UlidSchema.nullable().default(null) });
