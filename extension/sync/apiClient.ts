import { SignInCodeResponseSchema, SignInTokenResponseSchema, type SignInCodeRequest, type SignInCodeResponse, type SignInTokenRequest, type SignInTokenResponse } from '../../shared/api/auth';
import { PipelineUpdateResultSchema, type PipelineUpdateInput, type PipelineUpdateResult } from '../../shared/api/pipeline';
import { DedupCheckResponseSchema, type DedupCheckRequest, type DedupCheckResponse } from '../../shared/api/dedup';
import { ApiErrorSchema, type ErrorCode } from '../../shared/api/errors';
import { MeResponseSchema, type Me, type MeUpdate } from '../../shared/api/me';
import { ClaimSchema, ClaimsResponseSchema, type Claim, type ClaimDecision, type ClaimRequest } from '../../shared/api/claims';
import { DigestFailuresResponseSchema, DigestPreviewSchema, type DigestFailure, type DigestPreview } from '../../shared/api/digest';
import { AuditPageSchema, type AuditPage, type AuditQuery } from '../../shared/api/audit';
import { DevicesResponseSchema, type Device } from '../../shared/api/devices';
import { HandoverCountsSchema, HandoverResultSchema, type HandoverCounts, type HandoverRequest, type HandoverResult } from '../../shared/api/handover';
import { InviteSchema, InvitesResponseSchema, type Invite, type InviteRequest } from '../../shared/api/invites';
import type { MemberUpdate } from '../../shared/api/team';
import { MemberSchema, type Member } from '../../shared/schema/team';
import { DrillResponseSchema, reportResponseOf, type DrillResponse, type ReportName, type ReportQueryInput, type ReportResponse } from '../../shared/api/reports';
import { MergeListSchema, MergeResultSchema, type Merge, type MergeRequest, type MergeResult } from '../../shared/api/merge';
import { PullResponseSchema, PushResponseSchema, SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../shared/api/sync';

/** Failures the extension itself reports; each has an `error.<code>` message. */
export type ClientErrorCode = 'offline' | 'http' | 'unsent_changes' | 'unsent_other_user' | 'bad_url';

/** A failure talking to the API: offline (no answer at all) or an error envelope. */
export class ApiCallError extends Error {
  constructor(
    readonly kind: 'offline' | 'http',
    message: string,
    readonly status = 0,
    /** An API error code, or the client's own (offline, unsent_changes…): shown through i18n by code. */
    readonly code?: ErrorCode | ClientErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiClient {
  me(): Promise<Me>;
  updateMe(fields: MeUpdate): Promise<Me>;
  dedupCheck(candidate: DedupCheckRequest): Promise<DedupCheckResponse>;
  push(clientId: string, mutations: Mutation[]): Promise<PushResponse>;
  pull(cursor: number, limit?: number): Promise<PullResponse>;
  /** Sign-in, before there is a token: email a code, then trade it for one. */
  requestSignInCode(request: SignInCodeRequest): Promise<SignInCodeResponse>;
  signIn(request: SignInTokenRequest): Promise<SignInTokenResponse>;
  /** Revokes this client's own token. */
  signOut(): Promise<void>;
  /** 撞单 requests for the caller's customers and the outcome of their own (kept in the cache by sync). */
  listClaims(): Promise<Claim[]>;
}

/**
 * Online-only calls the dashboard and record views make through the background (`call-api`):
 * team administration, devices, history. Never sync, never anything that needs the outbox.
 */
export interface PageApi {
  listDevices(): Promise<Device[]>;
  revokeDevice(id: string): Promise<void>;
  listInvites(): Promise<Invite[]>;
  invite(request: InviteRequest): Promise<Invite>;
  revokeInvite(id: string): Promise<void>;
  updateMember(id: string, update: MemberUpdate): Promise<Member>;
  updatePipeline(update: PipelineUpdateInput): Promise<PipelineUpdateResult>;
  auditLog(query: Partial<AuditQuery>): Promise<AuditPage>;
  recordHistory(entity: string, recordId: string): Promise<AuditPage>;
  previewHandover(request: HandoverRequest): Promise<HandoverCounts>;
  handOver(request: HandoverRequest): Promise<HandoverResult>;
  requestClaim(request: ClaimRequest): Promise<Claim>;
  previewDigest(): Promise<DigestPreview>;
  digestFailures(): Promise<DigestFailure[]>;
  decideClaim(id: string, decision: ClaimDecision): Promise<Claim>;
  merge(request: MergeRequest): Promise<MergeResult>;
  undoMerge(id: string): Promise<MergeResult>;
  listMerges(recordId: string): Promise<Merge[]>;
  report<R extends ReportName>(name: R, query: ReportQueryInput): Promise<ReportResponse<R>>;
  reportRecords(name: ReportName, query: ReportQueryInput & { key: string; previous?: boolean }): Promise<DrillResponse>;
}
export type PageApiMethod = keyof PageApi;
export const PAGE_API_METHODS: readonly PageApiMethod[] = ['listDevices', 'revokeDevice', 'listInvites', 'invite', 'revokeInvite', 'updateMember', 'updatePipeline', 'auditLog', 'recordHistory', 'previewHandover', 'handOver', 'requestClaim', 'decideClaim', 'previewDigest', 'digestFailures', 'merge', 'undoMerge', 'listMerges', 'report', 'reportRecords'];

/** Talks to the Sidecar API with a bearer token. Only the background and extension pages use it. */
export function createApiClient(apiUrl: string, token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): ApiClient & PageApi {
  const base = apiUrl.replace(/\/+$/, '');
  async function call(path: string, init: RequestInit = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        ...init,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
    } catch (err) {
      throw new ApiCallError('offline', err instanceof Error ? err.message : String(err), 0, 'offline');
    }
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      const parsed = ApiErrorSchema.safeParse(body);
      if (parsed.success) throw new ApiCallError('http', parsed.data.error.message, res.status, parsed.data.error.code, parsed.data.error.details);
      throw new ApiCallError('http', `HTTP ${res.status}`, res.status);
    }
    return body;
  }
  return {
    me: async () => MeResponseSchema.parse(await call('/api/me')),
    updateMe: async (fields) => MeResponseSchema.parse(await call('/api/me', { method: 'PATCH', body: JSON.stringify(fields) })),
    dedupCheck: async (candidate) => DedupCheckResponseSchema.parse(await call('/api/dedup/check', { method: 'POST', body: JSON.stringify(candidate) })),
    push: async (clientId, mutations) =>
      PushResponseSchema.parse(await call('/api/sync/push', { method: 'POST', body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations }) })),
    pull: async (cursor, limit = 500) => PullResponseSchema.parse(await call(`/api/sync/pull?cursor=${cursor}&limit=${limit}`)) as PullResponse,
    requestSignInCode: async (request) => SignInCodeResponseSchema.parse(await call('/api/auth/code', { method: 'POST', body: JSON.stringify(request) })),
    signIn: async (request) => SignInTokenResponseSchema.parse(await call('/api/auth/token', { method: 'POST', body: JSON.stringify(request) })),
    signOut: async () => void (await call('/api/auth/sign-out', { method: 'POST' })),
    listDevices: async () => DevicesResponseSchema.parse(await call('/api/devices')).devices,
    revokeDevice: async (id) => void (await call(`/api/devices/${encodeURIComponent(id)}`, { method: 'DELETE' })),
    listInvites: async () => InvitesResponseSchema.parse(await call('/api/team/invites')).invites,
    invite: async (request) => InviteSchema.parse(await call('/api/team/invites', { method: 'POST', body: JSON.stringify(request) })),
    revokeInvite: async (id) => void (await call(`/api/team/invites/${encodeURIComponent(id)}`, { method: 'DELETE' })),
    updateMember: async (id, update) => MemberSchema.parse(await call(`/api/team/members/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(update) })),
    updatePipeline: async (update) => PipelineUpdateResultSchema.parse(await call('/api/team/pipeline', { method: 'PUT', body: JSON.stringify(update) })),
    auditLog: async (query) => {
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
      return AuditPageSchema.parse(await call(`/api/audit?${params}`));
    },
    recordHistory: async (entity, recordId) => AuditPageSchema.parse(await call(`/api/audit/${encodeURIComponent(entity)}/${encodeURIComponent(recordId)}`)),
    previewHandover: async (request) => HandoverCountsSchema.parse(await call('/api/team/handover/preview', { method: 'POST', body: JSON.stringify(request) })),
    previewDigest: async () => DigestPreviewSchema.parse(await call('/api/me/digest-preview', { method: 'POST' })),
    digestFailures: async () => DigestFailuresResponseSchema.parse(await call('/api/team/digest-failures')).failures,
    listClaims: async () => ClaimsResponseSchema.parse(await call('/api/claims')).claims,
    requestClaim: async (request) => ClaimSchema.parse(await call('/api/claims', { method: 'POST', body: JSON.stringify(request) })),
    decideClaim: async (id, decision) => ClaimSchema.parse(await call(`/api/claims/${encodeURIComponent(id)}/decide`, { method: 'POST', body: JSON.stringify(decision) })),
    merge: async (request) => MergeResultSchema.parse(await call('/api/merges', { method: 'POST', body: JSON.stringify(request) })),
    undoMerge: async (id) => MergeResultSchema.parse(await call(`/api/merges/${encodeURIComponent(id)}/undo`, { method: 'POST' })),
    listMerges: async (recordId) => MergeListSchema.parse(await call(`/api/merges?recordId=${encodeURIComponent(recordId)}`)).merges,
    report: async (name, query) => reportResponseOf(name).parse(await call(`/api/reports/${name}?${queryString(query)}`)) as never,
    reportRecords: async (name, query) => DrillResponseSchema.parse(await call(`/api/reports/${name}/records?${queryString(query)}`)),
    handOver: async (request) => HandoverResultSchema.parse(await call('/api/team/handover', { method: 'POST', body: JSON.stringify(request) })),
  };
}

/** Query parameters from an object, leaving out what is unset. */
function queryString(query: Record<string, unknown>): URLSearchParams {
  return new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
}
