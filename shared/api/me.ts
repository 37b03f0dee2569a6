import { z } from 'zod';
import { MemberSchema, PipelineSchema, TeamSchema, UserSchema } from '../schema';

/** GET /api/me: the caller, their team, its members and its pipeline. */
export const MeResponseSchema = z.object({
  user: UserSchema,
  team: TeamSchema,
  members: z.array(MemberSchema),
  pipeline: PipelineSchema,
});
export type Me = z.infer<typeof MeResponseSchema>;

/** PATCH /api/me: what a user may change of their own profile here (the team issue adds more). */
export const MeUpdateSchema = UserSchema.pick({ locale: true, timeZone: true })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'must change at least one field');
export type MeUpdate = z.infer<typeof MeUpdateSchema>;
