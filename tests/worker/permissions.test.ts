import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../shared/api/entities';
import { REPORT_NAMES, reportOperationId, type ReportOperationId } from '../../shared/api/reports';
import { mayCall, mayTarget, ROUTE_PERMISSIONS, type OperationId, type TargetOwner } from '../../shared/rules/permissions';
import { canSee } from '../../shared/rules/visibility';
import type { Role } from '../../shared/schema/team';
import { issueCode } from '../../worker/auth/signInCode';
import { hashToken } from '../../worker/auth/token';
import { createDb } from '../../worker/db/client';
import { addDeviceToken, api, newContact, pullAll, seedTeam } from './helpers';

/**
 * Generated from the OpenAPI document and the permission table (shared/rules/permissions.ts):
 * every operation, called by every kind of caller, at things owned by the caller, a teammate
 * and another team, must be allowed or refused exactly as the table says.
 */
type Caller = Role | 'disabled' | 'none';
const CALLERS: Caller[] = ['admin', 'manager', 'rep', 'disabled', 'none'];
type Target = TargetOwner | 'otherTeam';
const TARGETS: Target[] = ['self', 'teammate', 'otherTeam'];

type Team = Awaited<ReturnType<typeof seedTeam>>;
interface World {
  team: Team;
  other: Team;
  /** The user id behind a caller; the disabled caller is a rep the admin disabled. */
  userOf: (caller: Caller) => string | null;
  /** A fresh live token of the caller (a new device), so probes that revoke it harm nothing else. */
  tokenOf: (caller: Caller) => Promise<string | null>;
  /** A teammate of the caller (someone else in the team, enabled). */
  teammateOf: (caller: Caller) => string;
}

interface ProbeContext {
  world: World;
  caller: Caller;
  token: string | null;
  target: Target;
  /** The user owning the target: the caller, a teammate, or a member of the other team. */
  owner: string;
}


async function contactOwnedBy(ownerId: string, teamId: string): Promise<string> {
  const id = ulid();
  const version = (await env.DB.prepare('UPDATE teams SET version = version + 1 WHERE id = ? RETURNING version').bind(teamId).first<{ version: number }>())!.version;
  await env.DB.prepare("INSERT INTO contacts (id, team_id, owner_id, created_at, updated_at, version, name, emails, phones, source) VALUES (?, ?, ?, ?, ?, ?, 'probe', '[]', '[]', 'manual')")
    .bind(id, teamId, ownerId, Date.now(), Date.now(), version)
    .run();
  return id;
}

const json = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });

/** One request per operation, valid for an allowed caller, addressing a thing owned by `owner`. */
const probes: Record<OperationId, (p: ProbeContext) => Promise<{ path: string; init?: RequestInit }>> = {
  getHealth: async () => ({ path: '/api/health' }),
  requestSignInCode: async () => ({ path: '/api/auth/code', init: json('POST', { email: `probe-${ulid().toLowerCase()}@example.cn` }) }),
  signIn: async ({ world }) => {
    const email = (await env.DB.prepare('SELECT email FROM users WHERE id = ?').bind(world.userOf('rep')).first<{ email: string }>())!.email;
    const { code } = (await issueCode(createDb(env.DB), email, Date.now()))!;
    return { path: '/api/auth/token', init: json('POST', { email, code, deviceLabel: 'probe' }) };
  },
  getMe: async () => ({ path: '/api/me' }),
  updateMe: async () => ({ path: '/api/me', init: json('PATCH', { timeZone: 'Asia/Shanghai' }) }),
  listDevices: async () => ({ path: '/api/devices' }),
  revokeDevice: async ({ owner, world, target }) => {
    const teamId = target === 'otherTeam' ? world.other.teamId : world.team.teamId;
    const token = await addDeviceToken(owner, teamId);
    const row = (await env.DB.prepare('SELECT id FROM api_tokens WHERE token_hash = ?').bind(await hashToken(token)).first<{ id: string }>())!;
    return { path: `/api/devices/${row.id}`, init: { method: 'DELETE' } };
  },
  signOut: async () => ({ path: '/api/auth/sign-out', init: { method: 'POST' } }),
  pushMutations: async () => ({ path: '/api/sync/push', init: json('POST', { clientId: ulid(), schemaVersion: 1, mutations: [newContact()] }) }),
  pullChanges: async () => ({ path: '/api/sync/pull?cursor=0&limit=10' }),
  checkDuplicates: async () => ({ path: '/api/dedup/check', init: json('POST', { emails: ['nobody@example.cn'] }) }),
  openLiveChannel: async ({ token }) => ({ path: '/api/live', init: { headers: { upgrade: 'websocket', 'sec-websocket-protocol': `sidecar.live.v1${token ? `, bearer.${token}` : ''}` } } }),
  inviteMember: async () => ({ path: '/api/team/invites', init: json('POST', { email: `invitee-${ulid().toLowerCase()}@example.cn`, role: 'rep' }) }),
  listInvites: async () => ({ path: '/api/team/invites' }),
  revokeInvite: async ({ owner, world, target }) => {
    const id = ulid();
    const teamId = target === 'otherTeam' ? world.other.teamId : world.team.teamId;
    await env.DB.prepare("INSERT INTO invites (id, team_id, email, role, invited_by, created_at, expires_at) VALUES (?, ?, ?, 'rep', ?, ?, ?)")
      .bind(id, teamId, `inv-${id.toLowerCase()}@example.cn`, owner, Date.now(), Date.now() + 86_400_000)
      .run();
    return { path: `/api/team/invites/${id}`, init: { method: 'DELETE' } };
  },
  // Enabling an enabled member changes nothing: allowed, and harmless to repeat.
  updateMember: async ({ owner }) => ({ path: `/api/team/members/${owner}`, init: json('PATCH', { disabled: false }) }),
  // Saving the pipeline as it is: allowed, and harmless to repeat.
  updatePipeline: async ({ world }) => {
    const row = (await env.DB.prepare('SELECT stages, custom_fields, allow_skip, updated_at FROM pipelines WHERE team_id = ?').bind(world.team.teamId).first<{ stages: string; custom_fields: string; allow_skip: number; updated_at: number }>())!;
    const settings = { stages: JSON.parse(row.stages), customFields: JSON.parse(row.custom_fields), allowSkip: row.allow_skip === 1 };
    return { path: '/api/team/pipeline', init: json('PUT', { settings, expectedUpdatedAt: row.updated_at }) };
  },
  listAudit: async () => ({ path: '/api/audit?limit=5' }),
  getRecordHistory: async ({ owner, world, target }) => ({ path: `/api/audit/contact/${await contactOwnedBy(owner, target === 'otherTeam' ? world.other.teamId : world.team.teamId)}` }),
  previewHandover: async ({ owner, world, caller }) => ({ path: '/api/team/handover/preview', init: json('POST', { fromUserId: owner, toUserId: receiverFor(world, caller, owner) }) }),
  handOver: async ({ owner, world, caller }) => ({ path: '/api/team/handover', init: json('POST', { fromUserId: owner, toUserId: receiverFor(world, caller, owner) }) }),
  requestClaim: async ({ owner, world, target }) => ({ path: '/api/claims', init: json('POST', { contactId: await contactOwnedBy(owner, teamOf(world, target)) }) }),
  listClaims: async () => ({ path: '/api/claims' }),
  previewDigest: async () => ({ path: '/api/me/digest-preview', init: { method: 'POST' } }),
  listDigestFailures: async () => ({ path: '/api/team/digest-failures' }),
  mergeRecords: async ({ owner, world, target }) => ({ path: '/api/merges', init: json('POST', await mergeOf(owner, teamOf(world, target))) }),
  undoMerge: async ({ owner, world, target }) => {
    const request = await mergeOf(owner, teamOf(world, target));
    const admin = (target === 'otherTeam' ? world.other : world.team).token('admin');
    const res = await api('/api/merges', { method: 'POST', token: admin, body: JSON.stringify(request) });
    expect(res.status).toBe(200);
    return { path: `/api/merges/${request.id}/undo`, init: { method: 'POST' } };
  },
  listMerges: async ({ owner, world, target }) => ({ path: `/api/merges?recordId=${await contactOwnedBy(owner, teamOf(world, target))}` }),
  ...(Object.fromEntries(REPORT_NAMES.map((name) => [reportOperationId(name), async ({ owner }: ProbeContext) => ({ path: `/api/reports/${name}?period=quarter&ownerId=${owner}` })])) as Record<ReportOperationId, (p: ProbeContext) => Promise<{ path: string }>>),
  listReportRecords: async ({ owner }) => ({ path: `/api/reports/funnel/records?period=quarter&ownerId=${owner}&key=cohort` }),
  decideClaim: async ({ owner, world, target }) => {
    const teamId = teamOf(world, target);
    const contactId = await contactOwnedBy(owner, teamId);
    const requester = (target === 'otherTeam' ? world.other : world.team).logins.find((l) => l.userId !== owner && l.userId !== world.userOf('disabled'))!.userId;
    const id = ulid();
    await env.DB.prepare("INSERT INTO claim_requests (id, team_id, contact_id, requester_id, owner_id, status, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?)")
      .bind(id, teamId, contactId, requester, owner, Date.now())
      .run();
    return { path: `/api/claims/${id}/decide`, init: json('POST', { decision: 'decline', reason: '已在跟进' }) };
  },
};

/** A merge of two fresh contacts owned by `owner`, as the owner saw them. */
async function mergeOf(owner: string, teamId: string) {
  const [survivorId, mergedId] = [await contactOwnedBy(owner, teamId), await contactOwnedBy(owner, teamId)];
  const versionOf = async (id: string) => (await env.DB.prepare('SELECT version FROM contacts WHERE id = ?').bind(id).first<number>('version'))!;
  return { id: ulid(), entity: 'contact', survivorId, mergedId, expectedVersions: { survivor: await versionOf(survivorId), merged: await versionOf(mergedId) }, fields: { title: 'merged' } };
}

const teamOf = (world: World, target: Target) => (target === 'otherTeam' ? world.other.teamId : world.team.teamId);

/** Someone in the caller's team other than the giving member. */
function receiverFor(world: World, caller: Caller, from: string): string {
  return world.team.logins.map((l) => l.userId).find((id) => id !== from && id !== world.userOf('disabled'))!;
}

function expected(operationId: OperationId, caller: Caller, target: Target | null): 'allow' | 401 | 403 | 'deny' {
  const permission = ROUTE_PERMISSIONS[operationId];
  if (permission.roles === 'public') return 'allow';
  if (caller === 'none' || caller === 'disabled') return 401;
  if (!mayCall(operationId, caller)) return 403;
  if (target === null) return 'allow';
  if (target === 'otherTeam') return 'deny';
  return mayTarget(operationId, caller, target) ? 'allow' : 'deny';
}

let world: World;
let operations: { operationId: OperationId; method: string; path: string }[];

beforeAll(async () => {
  const team = await seedTeam();
  const other = await seedTeam();
  const reps = team.logins.filter((l) => l.role === 'rep');
  const disabled = reps[1]!.userId;
  await api(`/api/team/members/${disabled}`, { method: 'PATCH', token: team.token('admin'), body: JSON.stringify({ disabled: true }) });
  const userOf = (caller: Caller) => (caller === 'none' ? null : caller === 'disabled' ? disabled : team.logins.find((l) => l.role === caller)!.userId);
  world = {
    team,
    other,
    userOf,
    tokenOf: async (caller) => (caller === 'none' ? null : addDeviceToken(userOf(caller)!, team.teamId)),
    // A rep where there is one to spare (the case reps are most often asked about), else anyone.
    teammateOf: (caller) => {
      const others = team.logins.filter((l) => l.userId !== userOf(caller) && l.userId !== disabled);
      return (others.find((l) => l.role === 'rep') ?? others[0]!).userId;
    },
  };
  const doc = await (await api('/api/openapi.json')).json<{ paths: Record<string, Record<string, { operationId: OperationId }>> }>();
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ operationId: op.operationId, method, path })));
});

describe('permission table', () => {
  it('names every operation of the OpenAPI document, and nothing that is not one', () => {
    const documented = operations.map((o) => o.operationId).sort();
    expect(documented.filter((id) => !(id in ROUTE_PERMISSIONS))).toEqual([]);
    expect(Object.keys(ROUTE_PERMISSIONS).filter((id) => !documented.includes(id as OperationId))).toEqual([]);
  });

  it('every operation × caller × target answers as the table says', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { operationId } of operations) {
      const permission = ROUTE_PERMISSIONS[operationId];
      const targets: (Target | null)[] = 'targets' in permission ? TARGETS : [null];
      for (const caller of CALLERS) {
        for (const target of targets) {
          const self = world.userOf(caller) ?? world.userOf('rep')!;
          const owner = target === 'otherTeam' ? world.other.logins.find((l) => l.role === 'rep')!.userId : target === 'teammate' ? world.teammateOf(caller) : self;
          const token = await world.tokenOf(caller);
          const { path, init = {} } = await probes[operationId]({ world, caller, token, target: target ?? 'self', owner });
          const headers = new Headers(init.headers);
          if (token && operationId !== 'openLiveChannel') headers.set('authorization', `Bearer ${token}`);
          if (init.body) headers.set('content-type', 'application/json');
          const res = await api(path, { ...init, headers });
          res.webSocket?.accept();
          res.webSocket?.close();
          const want = expected(operationId, caller, target);
          const ok = want === 'allow' ? res.status < 300 : want === 'deny' ? res.status === 403 || res.status === 404 : res.status === want;
          checked++;
          if (!ok) failures.push(`${operationId} as ${caller} at ${target ?? '-'}: wanted ${want}, got ${res.status} ${res.status >= 400 ? await res.text() : ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(operations.length * CALLERS.length);
  });

  it('sync pull never returns a row the visibility rules forbid, for any role', async () => {
    for (const login of world.team.logins.filter((l) => l.userId !== world.userOf('disabled'))) {
      const { rows } = await pullAll(login.token);
      expect(rows.length).toBeGreaterThan(0);
      for (const { entity, row } of rows) {
        expect(ENTITY_NAMES).toContain(entity);
        expect(row.teamId).toBe(world.team.teamId);
        expect(canSee({ id: login.userId, role: login.role }, entity, row)).toBe(true);
      }
    }
  });
});
