import { ulid } from 'ulidx';
import type { AuditAction, AuditDetail, AuditEntity } from '../../shared/api/audit';
import type { auditLog } from '../db/schema';
import type { Viewer } from '../env';

/** An audit row for something the viewer did through this request's device. */
export function auditEntry(viewer: Viewer, now: number, entry: { action: AuditAction; entity: AuditEntity; recordId: string; detail: AuditDetail }): typeof auditLog.$inferInsert {
  return { id: ulid(now), teamId: viewer.teamId, userId: viewer.id, deviceId: viewer.tokenId, at: now, ...entry };
}
