import { z } from 'zod';
import { CurrencySchema, EmailSchema, LocaleSchema, TimeZoneSchema, shortText } from '../schema/primitives';
import { MeResponseSchema } from './me';

/** How long an emailed sign-in code is good for, and how many guesses it allows. */
export const SIGN_IN_CODE_TTL_MS = 15 * 60_000;
export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;
/** Codes one address may be sent per window: more is a flood, answered 429. */
export const SIGN_IN_CODES_PER_WINDOW = 5;
export const SIGN_IN_CODE_PATTERN = /^\d{6}$/;

/** POST /api/auth/code: email me a sign-in code. The answer is the same whether or not the address is known. */
export const SignInCodeRequestSchema = z.strictObject({
  email: EmailSchema,
  /** The language of the email when the address has no account yet. */
  locale: LocaleSchema.default('zh-CN'),
});
export type SignInCodeRequest = z.infer<typeof SignInCodeRequestSchema>;

export const SignInCodeResponseSchema = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
  /**
   * A secret for this device only: once someone opens the emailed link and confirms, sending it
   * to /api/auth/token (instead of the code) signs this device in.
   */
  requestId: z.string(),
});
export type SignInCodeResponse = z.infer<typeof SignInCodeResponseSchema>;
/** How often a waiting device asks whether the link was confirmed. */
export const SIGN_IN_LINK_POLL_MS = 3000;

/** A team created by its first user, who becomes its admin. */
export const NewTeamSchema = z.strictObject({
  teamName: shortText(100),
  userName: shortText(100),
  timeZone: TimeZoneSchema,
  defaultCurrency: CurrencySchema.default('CNY'),
});
export type NewTeam = z.infer<typeof NewTeamSchema>;

/** POST /api/auth/token: trade the emailed code, or the request id of a confirmed link, for a device token. */
export const SignInTokenRequestSchema = z.strictObject({
  email: EmailSchema,
  code: z.string().trim().regex(SIGN_IN_CODE_PATTERN, 'must be the 6 digits from the email').optional(),
  requestId: z.string().min(16).max(100).optional(),
  /** Shown in the list of the user's devices, e.g. "Chrome on macOS". */
  deviceLabel: shortText(100),
  locale: LocaleSchema.default('zh-CN'),
  /** Required when the address has no account and no invitation: the team to create. */
  newTeam: NewTeamSchema.optional(),
  /** This device's zone, for a first sign-in that joins a team by invitation. */
  timeZone: TimeZoneSchema.optional(),
}).refine((r) => (r.code === undefined) !== (r.requestId === undefined), { message: 'send the code from the email, or the requestId of a confirmed link', path: ['code'] });
export type SignInTokenRequest = z.infer<typeof SignInTokenRequestSchema>;

export const SignInTokenResponseSchema = z.object({ token: z.string(), me: MeResponseSchema });
export type SignInTokenResponse = z.infer<typeof SignInTokenResponseSchema>;
