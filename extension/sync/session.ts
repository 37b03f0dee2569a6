import { ulid } from 'ulidx';
import { ENTITY_NAMES } from '../../shared/api/entities';
import type { AppDb } from '../db/appDb';
import { getMeta, setMeta } from '../db/meta';
import { ApiCallError, createApiClient } from './apiClient';

/** Checks the token against the API, then remembers it. A different user starts from an empty cache. */
/** The origin of what the user typed as the API address, or a bad_url error. */
export function apiOrigin(apiUrl: string): string {
  try {
    return new URL(apiUrl.trim()).origin;
  } catch {
    throw new ApiCallError('http', `Not a URL: ${apiUrl}`, 0, 'bad_url');
  }
}

export async function connect(db: AppDb, apiUrl: string, token: string): Promise<void> {
  const url = { origin: apiOrigin(apiUrl) };
  const me = await createApiClient(url.origin, token.trim()).me();
  const previous = await getMeta(db, 'me');
  if (previous && previous.user.id !== me.user.id) {
    const pending = await db.outbox.count();
    if (pending > 0) throw new ApiCallError('http', `${pending} unsent changes belong to ${previous.user.email}`, 0, 'unsent_other_user', { email: previous.user.email, count: pending });
    await clearCache(db);
  }
  await setMeta(db, 'session', { apiUrl: url.origin, token: token.trim() });
  await setMeta(db, 'me', me);
  await db.meta.delete('signedOut');
  if (!(await getMeta(db, 'clientId'))) await setMeta(db, 'clientId', ulid());
}

/**
 * Signs this device out: the server revokes its token (best effort: offline, the token stays
 * valid until it expires or is revoked from another device), then the local cache and settings
 * are cleared. Unsent changes would be lost, so that is refused unless the user chose to discard them.
 */
export async function disconnect(db: AppDb, options: { discardUnsent?: boolean } = {}): Promise<void> {
  const pending = await db.outbox.count();
  if (pending > 0 && !options.discardUnsent) throw new ApiCallError('http', `${pending} changes are not synced yet`, 0, 'unsent_changes', { count: pending });
  const session = await getMeta(db, 'session');
  if (session) await createApiClient(session.apiUrl, session.token).signOut().catch(() => undefined);
  await clearCache(db);
  await db.outbox.clear();
  await db.meta.clear();
}

async function clearCache(db: AppDb): Promise<void> {
  await db.transaction('rw', [db.meta, ...ENTITY_NAMES.map((e) => db.records(e))], async () => {
    for (const entity of ENTITY_NAMES) await db.records(entity).clear();
    await db.meta.delete('cursor');
  });
}
