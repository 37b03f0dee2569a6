import type { AppDb } from '../db/appDb';
import { setMeta } from '../db/meta';

/**
 * Drops a change the server refused. The local record still shows that change, so the next
 * round resyncs from scratch to put back the server's version (and remove a refused create).
 */
export async function discardRejected(db: AppDb, seq: number): Promise<void> {
  await db.transaction('rw', db.outbox, db.meta, async () => {
    await db.outbox.delete(seq);
    await setMeta(db, 'resyncRequested', true);
  });
}

/** Sends a refused change again, for example after the user fixed what the stage required. */
export async function retryRejected(db: AppDb, seq: number): Promise<void> {
  await db.outbox.update(seq, { status: 'pending', error: undefined });
}
