import type { Mutation, MutationResult, PushRequest } from '../../../shared/api/sync';
import { runBatch } from '../../db/rawBatch';
import type { Db, Viewer } from '../../env';
import { retryOnGuard, stampVersions } from './guardRetry';
import { answerFor } from './mutationIds';
import { Planner, type Audit, type Outcome } from './planner';
import { loadPushState } from './pushState';
import { writeBatch } from './writeBatch';

/**
 * Applies a push exactly once per mutation id, as of one consistent view of the team:
 * read (2 round trips), decide every mutation in order, then write it all in one D1 batch that
 * starts with the guard. If anything else wrote to the team in between (a concurrent push that
 * did not go through the team's TeamWriter, the cron) or another team claimed the same mutation
 * or record id, the batch aborts whole and the push is decided again on fresh rows. So an
 * `applied` answer always means written, and every rule was checked against what was written.
 */
export async function applyPush(db: Db, viewer: Viewer, request: PushRequest, now = Date.now(), extraAudits: Audit[] = [], stageGates: 'check' | 'skip' = 'check'): Promise<MutationResult[]> {
  return retryOnGuard(viewer.teamId, () => attemptPush(db, viewer, request, now, extraAudits, stageGates), 'The team is busy; nothing was applied, send the push again');
}

async function attemptPush(db: Db, viewer: Viewer, request: PushRequest, now: number, extraAudits: Audit[], stageGates: 'check' | 'skip'): Promise<MutationResult[]> {
  const mutations = uniqueById(request.mutations);
  const state = await loadPushState(db, viewer, mutations);
  const answers = new Map<string, MutationResult>();
  const fresh: Mutation[] = [];
  for (const m of mutations) {
    const stored = state.known.get(m.id);
    if (stored) answers.set(m.id, answerFor(stored, viewer));
    else fresh.push(m);
  }
  if (fresh.length === 0) return request.mutations.map((m) => answers.get(m.id)!);

  const planner = new Planner(viewer, state, now, stageGates);
  const outcomes = new Map<string, Outcome>(fresh.map((m) => [m.id, planner.decide(m)]));

  // Versions follow the order rows were last touched, after the version the push read.
  const rows = stampVersions([...planner.touched.values()], state.teamVersion);
  const versionOf = new Map([...planner.touched.keys()].map((key, i) => [key, state.teamVersion + 1 + i]));
  const revocations = planner.revocations.map((r, i) => ({ ...r, version: state.teamVersion + rows.length + 1 + i }));

  for (const m of fresh) {
    const outcome = outcomes.get(m.id)!;
    answers.set(
      m.id,
      outcome.status === 'rejected'
        ? { mutationId: m.id, status: 'rejected', error: outcome.error }
        : { mutationId: m.id, status: 'applied', version: outcome.rowKey === null ? outcome.version : versionOf.get(outcome.rowKey)! },
    );
  }
  const remembered = fresh.map((m) => {
    const answer = answers.get(m.id)!;
    return {
      id: m.id,
      teamId: viewer.teamId,
      userId: viewer.id,
      clientId: request.clientId,
      status: answer.status,
      version: answer.status === 'applied' ? answer.version : null,
      error: answer.status === 'rejected' ? answer.error : null,
      appliedAt: now,
    };
  });

  const statements = writeBatch(db, viewer, { expectedVersion: state.teamVersion, rows, revocations, answers: remembered, audits: [...extraAudits, ...planner.audits] }, now);
  await runBatch(db, statements);
  return request.mutations.map((m) => answers.get(m.id)!);
}

function uniqueById(mutations: Mutation[]): Mutation[] {
  const seen = new Set<string>();
  return mutations.filter((m) => !seen.has(m.id) && seen.add(m.id));
}
