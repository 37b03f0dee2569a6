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
