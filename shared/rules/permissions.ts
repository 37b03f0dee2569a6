import type { Role } from '../schema/team';
import { REPORT_NAMES, reportOperationId, type ReportOperationId } from '../api/reports';

/**
 * Whose things a route addresses, from the caller's side: their own, or a teammate's.
 * Another team's are never allowed, whatever the role, and answer 404 (not 403: another team's
 * ids must not be confirmed to exist).
 */
export type TargetOwner = 'self' | 'teammate';

export interface RoutePermission {
  /** Roles that may call the route; 'public' needs no token at all. Disabled users are never allowed. */
  roles: readonly Role[] | 'public';
  /** For routes that address one thing by id: which owners each allowed role may address. */
  targets?: Partial<Record<Role, readonly TargetOwner[]>>;
}

const everyone = ['admin', 'manager', 'rep'] as const;
const managers = ['admin', 'manager'] as const;
const reportPermission = { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } } as const;

/**
 * Who may call each operation of the API, by OpenAPI operationId. The worker's routes check
 * against this table (`worker/middleware/permit.ts`) and tests/worker/permissions.test.ts
 * drives every operation in the OpenAPI document with every role and target and expects
 * exactly what it says. A route missing here fails that test.
 */
export const ROUTE_PERMISSIONS = {
  getHealth: { roles: 'public' },
  requestSignInCode: { roles: 'public' },
  signIn: { roles: 'public' },
  getMe: { roles: everyone },
  updateMe: { roles: everyone },
  listDevices: { roles: everyone },
  revokeDevice: { roles: everyone, targets: { admin: ['self'], manager: ['self'], rep: ['self'] } },
  signOut: { roles: everyone },
  pushMutations: { roles: everyone },
  pullChanges: { roles: everyone },
  checkDuplicates: { roles: everyone },
  openLiveChannel: { roles: everyone },
  inviteMember: { roles: ['admin'] },
  listInvites: { roles: ['admin'] },
  revokeInvite: { roles: ['admin'], targets: { admin: ['self', 'teammate'] } },
  updateMember: { roles: ['admin'], targets: { admin: ['teammate'] } },
  updatePipeline: { roles: ['admin'] },
  listAudit: { roles: managers },
  getRecordHistory: { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } },
  previewHandover: { roles: managers, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'] } },
  handOver: { roles: managers, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'] } },
  // Asking for a teammate's customer (撞单); one's own is not asked for.
  requestClaim: { roles: everyone, targets: { admin: ['teammate'], manager: ['teammate'], rep: ['teammate'] } },
  listClaims: { roles: everyone },
  // The customer's owner decides, or any manager or admin.
  previewDigest: { roles: everyone },
  listDigestFailures: { roles: managers },
  // Merging two contacts or companies, and undoing it: records the caller may change.
  mergeRecords: { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } },
  undoMerge: { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } },
  listMerges: { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } },
  decideClaim: { roles: everyone, targets: { admin: ['self', 'teammate'], manager: ['self', 'teammate'], rep: ['self'] } },
  // Reports: managers the team or any member (ownerId), reps only themselves.
  ...(Object.fromEntries(REPORT_NAMES.map((name) => [reportOperationId(name), reportPermission])) as Record<ReportOperationId, typeof reportPermission>),
  listReportRecords: reportPermission,
} as const satisfies Record<string, RoutePermission>;

export type OperationId = keyof typeof ROUTE_PERMISSIONS;

export function mayCall(operationId: OperationId, role: Role): boolean {
  const roles = (ROUTE_PERMISSIONS[operationId] as RoutePermission).roles;
  return roles === 'public' || roles.includes(role);
}

/** Whether a caller of this role may address a thing owned by `owner` (self or a teammate). */
export function mayTarget(operationId: OperationId, role: Role, owner: TargetOwner): boolean {
  const permission = ROUTE_PERMISSIONS[operationId] as RoutePermission;
  if (!mayCall(operationId, role)) return false;
  return permission.targets ? (permission.targets[role] ?? []).includes(owner) : true;
}
