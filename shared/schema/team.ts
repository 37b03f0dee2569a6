import { z } from 'zod';
import { CurrencySchema, LocaleSchema, TimeZoneSchema, TimestampSchema, UlidSchema, shortText } from './primitives';

export const TeamSchema = z.object({
  id: UlidSchema,
  name: shortText(),
  defaultCurrency: CurrencySchema,
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
  /** Set when an admin disabled the account: no sign-in, every token revoked, records kept. */
  disabledAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

/** What the rest of the team can see of a colleague. */
export const MemberSchema = UserSchema.pick({ id: true, name: true, email: true, role: true, disabledAt: true });
export type Member = z.infer<typeof MemberSchema>;
