import { z } from 'zod';
import { CurrencySchema, LocaleSchema, TimeZoneSchema, TimestampSchema, UlidSchema, shortText } from './primitives';

export const DEFAULT_STALE_AFTER_DAYS = 14;
export const DEFAULT_FIRST_RESPONSE_HOURS = 24;

export const TeamSchema = z.object({
  id: UlidSchema,
  name: shortText(),
  defaultCurrency: CurrencySchema,
  /** An open deal with no logged activity for this many days is stale (edits do not count). */
  staleAfterDays: z.number().int().min(1).max(365),
  /** A new lead should have a first activity within this many hours. */
  firstResponseHours: z.number().int().min(1).max(24 * 30),
  createdAt: TimestampSchema,
});
export type Team = z.infer<typeof TeamSchema>;

export const DigestHourSchema = z.number().int().min(0).max(23);
export const DEFAULT_DIGEST_HOUR = 8;

export const RoleSchema = z.enum(['admin', 'manager', 'rep']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: UlidSchema,
  teamId: UlidSchema,
  email: z.email(),
  name: shortText(),
  role: RoleSchema,
  locale: LocaleSchema,
  timeZone: TimeZoneSchema,
  /** The local hour (0–23, in timeZone) at which the daily reminder digest is sent. */
  digestHour: DigestHourSchema,
  /** Whether the daily digest email is sent (off after a one-click unsubscribe). */
  digestEnabled: z.boolean(),
  /** Browser reminders one day and one hour before a follow-up is due. */
  remindDayBefore: z.boolean(),
  remindHourBefore: z.boolean(),
  /** Set when an admin disabled the account: no sign-in, every token revoked, records kept. */
  disabledAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

/** What the rest of the team can see of a colleague. */
export const MemberSchema = UserSchema.pick({ id: true, name: true, email: true, role: true, disabledAt: true });
export type Member = z.infer<typeof MemberSchema>;
