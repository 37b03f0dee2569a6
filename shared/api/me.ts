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

/** PATCH /api/me: the caller's own profile: display name, language, time zone, digest and reminders. */
export const MeUpdateSchema = UserSchema.pick({ name: true, locale: true, timeZone: true, digestHour: true, digestEnabled: true, remindDayBefore: true, remindHourBefore: true })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'must change at least one field');
export type MeUpdate = z.infer<typeof MeUpdateSchema>;
