import type { DedupCheckRequest } from '../../shared/api/dedup';

/**
 * Messages to the background, the only part that talks to the API. Extension pages send all of
 * them; content scripts may send only `captured` (checked by sender in the background).
 * No answer ever carries the token.
 */
export type BackgroundRequest =
  | { type: 'connect'; apiUrl: string; token: string }
  | { type: 'request-sign-in-code'; apiUrl: string; request: import('../../shared/api/auth').SignInCodeRequest }
  | { type: 'sign-in'; apiUrl: string; request: import('../../shared/api/auth').SignInTokenRequest }
  | { type: 'disconnect'; discardUnsent?: boolean }
  | { type: 'sync-now' }
  | { type: 'update-profile'; fields: import('../../shared/api/me').MeUpdate }
  | { type: 'captured'; capture: unknown }
  | { type: 'capture-active-tab' }
  | { type: 'dedup-check'; candidate: DedupCheckRequest }
  | { type: 'enable-capture'; origins: string[] }
  | { type: 'call-api'; method: import('../sync/apiClient').PageApiMethod; args: unknown[] };

/** A failure carries its error code (and parameters) so pages can say it in the user's language. */
export type BackgroundResponse = { ok: true; data?: unknown } | { ok: false; message: string; code?: string; params?: Record<string, unknown> };
