import type { Claim } from '../../shared/api/claims';
import type { Me } from '../../shared/api/me';
import type { Locale } from '../../shared/schema/primitives';
import type { PendingCapture } from '../capture/pendingCapture';
import type { AppDb } from './appDb';

export type { Me };

/** What the extension remembers besides records, one key each. */
export interface MetaValues {
  session: { apiUrl: string; token: string };
  clientId: string;
  cursor: number;
  /** The sync schema the cached rows were written with; a mismatch means resync from scratch. */
  cacheSchemaVersion: number;
  /** Set when a refused change was discarded: the next round rebuilds the cache from the server. */
  resyncRequested: boolean;
  /** Region for national phone numbers in captures (ISO 3166 alpha-2); CN unless the user changes it. */
  phoneRegion: string;
  /** The latest capture waiting in the side panel. */
  pendingCapture: PendingCapture;
  me: Me;
  locale: Locale;
  syncStatus: SyncStatus;
  /** The search/sort key derivation the cached rows were keyed with (search/reindex.ts). */
  searchKeysVersion: number;
  /**
   * The server refused this device's token (revoked, expired, or the user was disabled): the
   * panel asks to sign in again. Cache and outbox are kept until then.
   */
  signedOut: { at: number };
  /** 撞单 requests this user may decide, and the outcome of their own; refreshed by every sync round. */
  claims: Claim[];
  /** A record to show when the side panel next renders (a clicked reminder, a link). */
  openRecord: { name: 'followUp' | 'deal' | 'contact' | 'company'; id: string };
}

export type SyncStatus =
  | { state: 'idle'; lastSyncedAt: number | null }
  | { state: 'syncing'; lastSyncedAt: number | null }
  | { state: 'offline'; lastSyncedAt: number | null }
  | { state: 'error'; lastSyncedAt: number | null; message: string; code?: string; params?: Record<string, unknown> };

export async function getMeta<K extends keyof MetaValues>(db: AppDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.meta.get(key))?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends keyof MetaValues>(db: AppDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
