import { z } from 'zod';
import { TimestampSchema, UlidSchema } from '../schema/primitives';

/** One device signed in as the caller: a live token, never the token itself. */
export const DeviceSchema = z.object({
  id: UlidSchema,
  label: z.string(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
  expiresAt: TimestampSchema,
  /** The device making this request. */
  current: z.boolean(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DevicesResponseSchema = z.object({ devices: z.array(DeviceSchema) });
export const DeviceIdParamSchema = z.object({ id: UlidSchema });
