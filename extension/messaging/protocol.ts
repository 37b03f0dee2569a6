/**
 * Messages extension pages send the background, the only part that talks to the API.
 * Content scripts (a later issue) will send capture messages here too; none carries a token back.
 */
export type BackgroundRequest =
  | { type: 'connect'; apiUrl: string; token: string }
  | { type: 'disconnect' }
  | { type: 'sync-now' };

export type BackgroundResponse = { ok: true } | { ok: false; message: string; code?: string };
