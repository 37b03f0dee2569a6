import { z } from 'zod';
import { TimestampSchema, UlidSchema } from '../schema/primitives';
import { EntityNameSchema } from './entities';

/**
 * What an audit entry records. Record changes come from sync (one per applied mutation);
 * the others are admin and manager actions on the team itself.
 */
export const AuditActionSchema = z.enum(['create', 'update', 'delete', 'restore', 'reassign', 'role', 'disable', 'enable', 'invite', 'uninvite', 'handover', 'claim', 'pipeline', 'merge', 'unmerge']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** Audited things: the synced entities, plus team members and invitations. */
export const AuditEntitySchema = z.union([EntityNameSchema, z.enum(['user', 'invite', 'pipeline'])]);
export type AuditEntity = z.infer<typeof AuditEntitySchema>;

/** One field's value before and after; a created record's fields have `from: null`. */
export const FieldChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const AuditDetailSchema = z.object({
  changes: z.record(z.string(), FieldChangeSchema).optional(),
  /** Free-form context of team actions (a handover's counts, a decline's reason). */
  note: z.record(z.string(), z.unknown()).optional(),
});
export type AuditDetail = z.infer<typeof AuditDetailSchema>;

export const AuditEntrySchema = z.object({
  id: UlidSchema,
  at: TimestampSchema,
  actorId: UlidSchema.nullable(),
  /** The device (token) the change came through, with its label while the token exists. */
  deviceId: UlidSchema.nullable(),
  deviceLabel: z.string().nullable(),
  action: AuditActionSchema,
  entity: z.string().nullable(),
  recordId: z.string().nullable(),
  detail: AuditDetailSchema.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AUDIT_PAGE_SIZE = 100;

/** GET /api/audit (managers and admins): the team's log, newest first, filtered. */
export const AuditQuerySchema = z.object({
  actorId: UlidSchema.optional(),
  entity: AuditEntitySchema.optional(),
  from: z.coerce.number().int().min(0).max(8.64e15).optional(),
  to: z.coerce.number().int().min(0).max(8.64e15).optional(),
  /** The last entry id of the previous page: the next page holds older entries. */
  before: UlidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(AUDIT_PAGE_SIZE),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), nextBefore: UlidSchema.nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** GET /api/audit/{entity}/{recordId}: one record's history, for anyone who may see the record. */
export const RecordHistoryParamSchema = z.object({ entity: AuditEntitySchema, recordId: UlidSchema });
