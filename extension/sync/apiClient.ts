import { SignInCodeResponseSchema, SignInTokenResponseSchema, type SignInCodeRequest, type SignInTokenRequest, type SignInTokenResponse } from '../../shared/api/auth';
import { DedupCheckResponseSchema, type DedupCheckRequest, type DedupCheckResponse } from '../../shared/api/dedup';
import { ApiErrorSchema, type ErrorCode } from '../../shared/api/errors';
import { MeResponseSchema, type Me, type MeUpdate } from '../../shared/api/me';
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
  requestSignInCode(request: SignInCodeRequest): Promise<void>;
  signIn(request: SignInTokenRequest): Promise<SignInTokenResponse>;
  /** Revokes this client's own token. */
  signOut(): Promise<void>;
}

/** Talks to the Sidecar API with a bearer token. Only the background and extension pages use it. */
export function createApiClient(apiUrl: string, token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): ApiClient {
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
    requestSignInCode: async (request) => void SignInCodeResponseSchema.parse(await call('/api/auth/code', { method: 'POST', body: JSON.stringify(request) })),
    signIn: async (request) => SignInTokenResponseSchema.parse(await call('/api/auth/token', { method: 'POST', body: JSON.stringify(request) })),
    signOut: async () => void (await call('/api/auth/sign-out', { method: 'POST' })),
  };
}
