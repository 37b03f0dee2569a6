import { generateSecret, hashToken } from '../auth/token';
import type { Env } from '../env';
import type { DigestLinks } from './digestMessage';

/** Where digest links point: PUBLIC_URL, or the local default (cron has no request to take it from). */
export function publicOrigin(env: Pick<Env, 'PUBLIC_URL'>): string {
  return (env.PUBLIC_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
}

export const recordLink = (origin: string, item: { entity: string; id: string }) => `${origin}/open/${item.entity}/${item.id}`;
export const unsubscribeLink = (origin: string, sendId: string, key: string) => `${origin}/digest/unsubscribe?s=${encodeURIComponent(sendId)}&k=${encodeURIComponent(key)}`;

/**
 * What one digest message carries that belongs to its digest_sends row: its Message-ID, its
 * links (the unsubscribe one with a fresh single-use key), and the key's hash to store.
 */
export async function sendIdentity(origin: string, sendId: string): Promise<{ messageId: string; links: DigestLinks; unsubscribeHash: string }> {
  const key = generateSecret();
  return {
    messageId: `<${sendId}@sidecar.digest>`,
    links: { record: (item) => recordLink(origin, item), unsubscribe: unsubscribeLink(origin, sendId, key) },
    unsubscribeHash: await hashToken(key),
  };
}
