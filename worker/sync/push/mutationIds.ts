import type { MutationResult } from '../../../shared/api/sync';
import type { Viewer } from '../../env';
import type { StoredAnswer } from './pushState';
import type { RejectionBody } from './rejection';

/**
 * The answer to a mutation id the server has seen before. The same user resending gets the
 * first answer, so a lost response never applies a change twice; the client id is not compared,
 * because a device whose client id was reset may still hold unsent outbox entries. Anyone else
 * (another user or team) gets a plain refusal that says nothing about whose id it was or what it did.
 */
export function answerFor(stored: StoredAnswer, viewer: Viewer): MutationResult {
  if (stored.teamId !== viewer.teamId || stored.userId !== viewer.id) {
    return { mutationId: stored.id, status: 'rejected', error: { code: 'conflict', message: 'This mutation id is already used; make the change again with a new id', field: 'id' } };
  }
  return stored.status === 'applied'
    ? { mutationId: stored.id, status: 'applied', version: stored.version ?? 0 }
    : { mutationId: stored.id, status: 'rejected', error: stored.error as RejectionBody };
}
