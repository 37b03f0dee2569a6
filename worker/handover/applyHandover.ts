import { ulid } from 'ulidx';
import type { HandoverCounts, HandoverRequest, HandoverResult } from '../../shared/api/handover';
import { SCHEMA_VERSION, type Mutation } from '../../shared/api/sync';
import type { D1Counter } from '../db/countingD1';
import type { Db, Env, Viewer } from '../env';
import { pokeTeam } from '../live/pokeTeam';
import { pushThroughTeamWriter } from '../sync/teamWriter';
import type { Audit } from '../sync/push/planner';
import { countsOf, handoverScope } from './handoverScope';

/** Reassignments applied per write batch: each chunk is atomic, and a repeat moves what is left. */
const HANDOVER_CHUNK = 500;

/**
 * Moves the records of a handover as reassignments through the team's writer, like any
 * device's: the same rules, versions, revocations for the old owner's devices and one audit
 * entry per record, plus `summary` (the handover or the approved request) with the first chunk.
 */
export async function applyHandover(
  env: Env,
  db: Db,
  viewer: Viewer,
  request: HandoverRequest,
  counter: D1Counter,
  summary: (counts: HandoverCounts) => Audit,
  defer: (work: Promise<unknown>) => void,
): Promise<HandoverResult> {
  const scope = await handoverScope(db, viewer.teamId, request.fromUserId, request.contactIds);
  const now = Date.now();
  const mutations: Mutation[] = (Object.keys(scope) as (keyof HandoverCounts)[]).flatMap((entity) =>
    scope[entity].map((recordId) => ({ id: ulid(now), entity, op: 'reassign' as const, recordId, at: now, ownerId: request.toUserId }) as Mutation),
  );
  const moved: HandoverCounts = { company: 0, contact: 0, deal: 0, followUp: 0, activity: 0 };
  let rejected = 0;
  let newest = 0;
  for (let start = 0; start < mutations.length; start += HANDOVER_CHUNK) {
    const chunk = mutations.slice(start, start + HANDOVER_CHUNK);
    const push = { clientId: ulid(now), schemaVersion: SCHEMA_VERSION, mutations: chunk };
    const results = await pushThroughTeamWriter(env, viewer, push, counter, start === 0 ? [summary(countsOf(scope))] : []);
    results.forEach((r, i) => {
      if (r.status === 'applied') {
        moved[chunk[i]!.entity as keyof HandoverCounts]++;
        newest = Math.max(newest, r.version);
      } else rejected++;
    });
  }
  if (newest > 0) defer(pokeTeam(env, viewer.teamId, newest));
  return { moved, rejected };
}
