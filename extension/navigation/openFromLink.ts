import { z } from 'zod';
import { UlidSchema } from '../../shared/schema/primitives';
import type { AppDb } from '../db/appDb';
import { getMeta } from '../db/meta';
import { openInPanel } from './openInPanel';

/** What the API's record-link page sends (see worker/routes/digestLinks.ts). */
export const OpenRecordMessageSchema = z.strictObject({
  type: z.literal('open-record'),
  entity: z.enum(['followUp', 'deal', 'contact', 'company']),
  id: UlidSchema,
});

/**
 * Opens a record asked for by the record-link page of the API this device is signed in to: the
 * side panel shows it when it next renders (now, if Chrome lets the panel open from the click).
 * Any other sender or shape is ignored. The answer says only whether it worked.
 */
export async function openFromLink(db: AppDb, message: unknown, sender: { origin?: string; url?: string; tab?: { id?: number; windowId?: number } }): Promise<{ ok: boolean; opened?: boolean }> {
  const session = await getMeta(db, 'session');
  const origin = sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined);
  const parsed = OpenRecordMessageSchema.safeParse(message);
  if (!session || !origin || origin !== new URL(session.apiUrl).origin || !parsed.success) return { ok: false };
  const opened = await openInPanel(db, { name: parsed.data.entity, id: parsed.data.id }, sender.tab?.id !== undefined ? { tabId: sender.tab.id } : undefined);
  return { ok: true, opened };
}
