import { z } from 'zod';

/** Crockford base32 ULID, made where the record is born so offline creates need no round trip. */
export const UlidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** Milliseconds since the epoch, UTC. */
export const TimestampSchema = z.number().int().min(0).max(8.64e15);

/** ISO 4217 currency code; amounts travel as integer minor units beside it. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
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

/** Short free text such as a name or a title. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) => z.string().trim().max(max).nullable();

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const PhoneSchema = z.string().trim().min(3).max(40);
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
