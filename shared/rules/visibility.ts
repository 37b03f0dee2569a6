import type { Role } from '../schema/team';
import type { EntityName } from '../api/entities';

/**
 * Who sees what: the company directory is team-wide; everything else belongs to its owner,
 * and managers and admins see the whole team. The worker enforces this; clients only mirror it.
 */
export const teamWideEntities: ReadonlySet<EntityName> = new Set(['company']);

export function seesWholeTeam(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}

export function canSee(viewer: { id: string; role: Role }, entity: EntityName, row: { ownerId: string }): boolean {
  return seesWholeTeam(viewer.role) || teamWideEntities.has(entity) || row.ownerId === viewer.id;
}

/** Reps change only what they own (company rows included); managers and admins anything in the team. */
export function canWrite(viewer: { id: string; role: Role }, row: { ownerId: string }): boolean {
  return seesWholeTeam(viewer.role) || row.ownerId === viewer.id;
}
