import { z } from 'zod';
import { RoleSchema } from '../schema/team';
import { UlidSchema } from '../schema/primitives';

export const MemberIdParamSchema = z.object({ id: UlidSchema });

/** PATCH /api/team/members/{id} (admins): a new role, or disable / enable the account. */
export const MemberUpdateSchema = z
  .strictObject({ role: RoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((value) => value.role !== undefined || value.disabled !== undefined, 'must change role or disabled');
export type MemberUpdate = z.infer<typeof MemberUpdateSchema>;
