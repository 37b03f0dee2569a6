import { z } from 'zod';
import { RoleSchema } from '../schema/team';
import { EmailSchema, LocaleSchema, TimestampSchema, UlidSchema } from '../schema/primitives';

/** How long an invitation can be used. */
export const INVITE_TTL_MS = 14 * 86_400_000;

/** POST /api/team/invites (admins): invite an address with a role; it arrives as a sign-in email. */
export const InviteRequestSchema = z.strictObject({
  email: EmailSchema,
  role: RoleSchema,
  /** The language of the email. */
  locale: LocaleSchema.default('zh-CN'),
});
export type InviteRequest = z.infer<typeof InviteRequestSchema>;

export const InviteSchema = z.object({
  id: UlidSchema,
  email: z.string(),
  role: RoleSchema,
  invitedBy: UlidSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});
export type Invite = z.infer<typeof InviteSchema>;

export const InvitesResponseSchema = z.object({ invites: z.array(InviteSchema) });
export const InviteIdParamSchema = z.object({ id: UlidSchema });
