import 'fake-indexeddb/auto';
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES, writableFields, type WritableEntity } from '../../shared/api/entities';
import type { Mutation } from '../../shared/api/sync';
import { DEFAULT_STAGES } from '../../shared/rules/defaultPipeline';
import { chunk } from '../../worker/db/chunk';
import type { MergeResult } from '../../shared/api/merge';
import { api, newContact, pullAll, push, seedTeam } from './helpers';
import { deliverParked, type Fault } from './syncFaults/faultyNetwork';
import { initialRecords, replay, type AppliedRow, type MergeEvent } from './syncFaults/model';
import { SimClient } from './syncFaults/simClient';

// Fixed so a failure replays exactly; fast-check prints the seed and path when it shrinks one.
const SEED = 20_261_127;
const RUNS = Number(globalThis.process?.env?.SYNC_FAULT_RUNS ?? 12);
const FAULTS: Fault[] = ['none', 'none', 'dropRequest', 'dropResponse', 'duplicate', 'delay', 'crash'];

type Action =
  | { kind: 'create'; client: number; entity: 'company' | 'contact' | 'deal' | 'followUp'; n: number }
  | { kind: 'edit'; client: number; entity: WritableEntity; pick: number; n: number }
  | { kind: 'delete' | 'restore'; client: number; entity: 'contact' | 'deal' | 'followUp'; pick: number }
  | { kind: 'stage'; client: number; pick: number; stage: number }
  | { kind: 'reassign'; pick: number; toRep: number; entity: 'contact' | 'deal' }
  | { kind: 'sync'; client: number; fault: Fault }
  | { kind: 'syncTogether'; a: number; b: number }
  | { kind: 'deliverParked'; count: number }
  | { kind: 'offline' | 'online' | 'restart'; client: number }
  /** The manager merges two records as their device shows them (a stale pick is refused: nothing happens). */
  | { kind: 'merge'; entity: 'contact' | 'company'; a: number; b: number; n: number }
  | { kind: 'undoMerge'; pick: number }
  /** Someone else (a teammate, or a user of another team) pushes with an id in this client's outbox. */
  | { kind: 'steal'; client: number; thief: 'teammate' | 'otherTeam' };

const client = fc.integer({ min: 0, max: 3 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), client, entity: fc.constantFrom('company' as const, 'contact' as const, 'deal' as const, 'followUp' as const), n: fc.nat(1000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), client, entity: fc.constantFrom<WritableEntity>('company', 'contact', 'deal', 'followUp'), pick: fc.nat(), n: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const), client, entity: fc.constantFrom('contact' as const, 'deal' as const, 'followUp' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stage' as const), client, pick: fc.nat(), stage: fc.nat(DEFAULT_STAGES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reassign' as const), pick: fc.nat(), toRep: fc.nat(1), entity: fc.constantFrom('contact' as const, 'deal' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), client, fault: fc.constantFrom(...FAULTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('syncTogether' as const), a: client, b: client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliverParked' as const), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const, 'restart' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('steal' as const), client, thief: fc.constantFrom('teammate' as const, 'otherTeam' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), entity: fc.constantFrom('contact' as const, 'company' as const), a: fc.nat(), b: fc.nat(), n: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undoMerge' as const), pick: fc.nat() }) },
);

/** What the manager picks when merging: the survivor's title or industry changes, emails are pooled. */
function mergeFields(entity: 'contact' | 'company', survivor: Record<string, unknown>, merged: Record<string, unknown>, n: number): Record<string, unknown> {
  if (entity === 'company') return { industry: `合并 ${n}` };
  return { title: `合并 ${n}`, emails: [...new Set([...(survivor.emails as string[]), ...(merged.emails as string[])])] };
}

/** How often merges and undos were tried and landed, over all runs. */
const merging = { tried: 0, merged: 0, undone: 0 };

function newFields(entity: 'company' | 'contact' | 'deal' | 'followUp', n: number, companyId: string | null, contactId: string | null) {
  switch (entity) {
    case 'company':
      return { name: `公司 ${n} Ltd.`, domain: `c${n}.example`, website: null, phone: null, address: null, industry: null, grade: (['A', 'B', 'C'] as const)[n % 3]! };
    case 'contact':
      return { name: `联系人 ${n}`, emails: [`p${n}@c.example`], phones: [], title: null, companyId, source: 'manual' as const, sourceUrl: null };
    case 'deal':
      return { title: `Deal ${n}`, companyId, contactId, stageId: 'lead', amountMinor: n % 2 ? n * 100 : null, currency: 'CNY', expectedCloseAt: null, lostReason: null };
    case 'followUp':
      return { kind: 'call' as const, title: `Call ${n}`, dueAt: 1_800_000_000_000 + n, doneAt: null, outcome: null, contactId, dealId: null };
  }
}

function editFields(entity: WritableEntity, n: number): Record<string, unknown> {
  switch (entity) {
    case 'company':
      return n % 2 ? { grade: (['A', 'B', 'C'] as const)[n % 3] } : { industry: `行业 ${n}` };
    case 'contact':
      return n % 2 ? { title: `Title ${n}` } : { name: `改名 ${n}`, phones: [`+86138${String(n).padStart(8, '0')}`] };
    case 'deal':
      return n % 2 ? { amountMinor: n * 1000 } : { expectedCloseAt: 1_800_000_000_000 + n, lostReason: `reason ${n}` };
    case 'followUp':
      return n % 2 ? { doneAt: 1_800_000_000_000 + n, outcome: 'ok' } : { title: `Follow ${n}` };
    case 'activity':
      return { body: `note ${n}` };
  }
}

/** How many ids were reused by someone else, and how often that someone got there first. */
const steals = { tried: 0, thiefFirst: 0 };

async function run(actions: Action[]): Promise<void> {
  const team = await seedTeam();
  const otherTeam = await seedTeam();
  // Ids pushed by someone else while still in a client's outbox, and the writes that made here.
  const stolen = new Map<string, string>();
  let thiefWrites = 0;
  const thiefRows: Record<string, unknown>[] = [];
  const logins = team.logins;
  const [lilei, emma] = logins.filter((l) => l.role === 'rep') as [(typeof logins)[0], (typeof logins)[0]];
  const manager = logins.find((l) => l.role === 'manager')!;
  const sent = new Map<string, Mutation>();
  const parked: Request[] = [];
  const as = (l: typeof lilei) => ({ id: l.userId, teamId: team.teamId, role: l.role, token: l.token });
  const clients = [
    new SimClient('lilei-laptop', as(lilei), parked, (m) => sent.set(m.id, m)),
    new SimClient('lilei-desktop', as(lilei), parked, (m) => sent.set(m.id, m)),
    new SimClient('emma', as(emma), parked, (m) => sent.set(m.id, m)),
    new SimClient('manager', as(manager), parked, (m) => sent.set(m.id, m)),
  ];
  const live = (row: Record<string, unknown>) => row.deletedAt === null;
  const mergeEvents: MergeEvent[] = [];
  let mergeWrites = 0;
  const currentTeamVersion = async () => (await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first<number>('version'))!;

  for (const a of actions) {
    switch (a.kind) {
      case 'create': {
        const c = clients[a.client]!;
        const company = await c.pick('company', a.n, live);
        const contact = a.entity === 'deal' || a.entity === 'followUp' ? await c.pick('contact', a.n, live) : undefined;
        await c.write([{ entity: a.entity, op: 'create', fields: newFields(a.entity, a.n, (company?.id as string) ?? null, (contact?.id as string) ?? null) } as never]);
        break;
      }
      case 'edit': {
        const c = clients[a.client]!;
        const row = await c.pick(a.entity, a.pick);
        if (row) await c.write([{ entity: a.entity, op: 'update', recordId: row.id as string, fields: editFields(a.entity, a.n) } as never]);
        break;
      }
      case 'delete':
      case 'restore': {
        const c = clients[a.client]!;
        const row = await c.pick(a.entity, a.pick);
        if (row) await c.write([{ entity: a.entity, op: a.kind, recordId: row.id as string }]);
        break;
      }
      case 'stage': {
        const c = clients[a.client]!;
        const row = await c.pick('deal', a.pick);
        if (row) await c.write([{ entity: 'deal', op: 'update', recordId: row.id as string, fields: { stageId: DEFAULT_STAGES[a.stage]!.id } }]);
        break;
      }
      case 'reassign': {
        const c = clients[3]!;
        const row = await c.pick(a.entity, a.pick);
        if (row) await c.write([{ entity: a.entity, op: 'reassign', recordId: row.id as string, ownerId: [lilei, emma][a.toRep]!.userId }]);
        break;
      }
      case 'sync': {
        const c = clients[a.client]!;
        c.network.fault = a.fault;
        const outcome = await c.sync();
        c.network.fault = 'none';
        if (a.fault === 'crash' && outcome === 'failed') await c.restart();
        break;
      }
      case 'syncTogether':
        await Promise.all([clients[a.a]!.sync(), a.a === a.b ? Promise.resolve() : clients[a.b]!.sync()]);
        break;
      case 'deliverParked':
        await deliverParked(parked, a.count);
        break;
      case 'offline':
        clients[a.client]!.network.online = false;
        break;
      case 'online':
        clients[a.client]!.network.online = true;
        break;
      case 'restart':
        await clients[a.client]!.restart();
        break;
      case 'merge': {
        const c = clients[3]!;
        const survivor = await c.pick(a.entity, a.a, live);
        const merged = await c.pick(a.entity, a.b, live);
        if (!survivor || !merged || survivor.id === merged.id) break;
        merging.tried++;
        const fields = mergeFields(a.entity, survivor, merged, a.n);
        const request = { id: ulid(), entity: a.entity, survivorId: survivor.id, mergedId: merged.id, expectedVersions: { survivor: survivor.version, merged: merged.version }, fields };
        const before = await currentTeamVersion();
        const res = await api('/api/merges', { method: 'POST', token: manager.token, body: JSON.stringify(request) });
        expect([200, 409], `merge answered ${res.status}: ${res.status >= 400 ? await res.clone().text() : ''}`).toContain(res.status);
        if (res.status !== 200) break;
        merging.merged++;
        mergeWrites += (await currentTeamVersion()) - before;
        const { version } = await res.json<MergeResult>();
        mergeEvents.push({ kind: 'merge', version, mergeId: request.id, entity: a.entity, survivorId: survivor.id as string, mergedId: merged.id as string, fields });
        break;
      }
      case 'undoMerge': {
        const standing = mergeEvents.filter((e) => e.kind === 'merge' && !mergeEvents.some((u) => u.kind === 'undo' && u.mergeId === e.mergeId));
        if (standing.length === 0) break;
        const target = standing[a.pick % standing.length]!;
        const before = await currentTeamVersion();
        const res = await api(`/api/merges/${target.mergeId}/undo`, { method: 'POST', token: manager.token });
        // 409: the survivor was merged again since, or the merged record's email is taken now.
        expect([200, 409], `undo answered ${res.status}: ${res.status >= 400 ? await res.clone().text() : ''}`).toContain(res.status);
        if (res.status !== 200) break;
        merging.undone++;
        mergeWrites += (await currentTeamVersion()) - before;
        mergeEvents.push({ kind: 'undo', version: (await res.json<MergeResult>()).version, mergeId: target.mergeId });
        break;
      }
      case 'steal': {
        const c = clients[a.client]!;
        const entry = await c.db.outbox.where('status').equals('pending').first();
        if (!entry || stolen.has(entry.mutationId)) break;
        const thief = a.thief === 'otherTeam' ? otherTeam.logins.find((l) => l.role === 'rep')! : c.user.id === lilei.userId ? emma : lilei;
        const theirs = { ...newContact({ name: '借用编号' }), id: entry.mutationId } as Extract<Mutation, { op: 'create' }>;
        const res = await push(thief.token, [theirs]);
        expect(res.status, 'a reused mutation id never gets a 5xx').toBe(200);
        const [answer] = (await res.json<{ results: { status: string }[] }>()).results;
        stolen.set(entry.mutationId, thief.userId);
        steals.tried++;
        if (answer!.status === 'applied') steals.thiefFirst++;
        if (answer!.status === 'applied' && a.thief === 'teammate') {
          // The teammate's contact is real: the team's devices may pull and edit it from now on.
          thiefWrites++;
          thiefRows.push({ id: theirs.recordId, ownerId: thief.userId, deletedAt: null, ...theirs.fields });
        }
        break;
      }
    }
  }

  // Heal: the network recovers, stray requests land, users discard what the server refused.
  await deliverParked(parked, parked.length);
  for (const c of clients) c.network.online = true;
  for (let round = 0; round < 3; round++) {
    for (const c of clients) {
      await c.discardAllRejected();
      expect(await c.sync(), `${c.label} healing sync: ${String(c.lastError)}`).toBe('ok');
    }
  }

  // 1. Nothing is left unsent, and every mutation any client wrote reached the server once.
  for (const c of clients) expect(await c.db.outbox.count(), `${c.label} outbox`).toBe(0);
  const allAnswers: AppliedRow[] = [];
  for (const ids of chunk([...sent.keys()])) {
    const placeholders = ids.map(() => '?').join(',');
    const rows = await env.DB.prepare(`SELECT id, user_id, status, version, error FROM applied_mutations WHERE id IN (${placeholders})`).bind(...ids).all<AppliedRow>();
    allAnswers.push(...rows.results);
  }
  expect(allAnswers.length, 'every sent mutation has exactly one answer').toBe(sent.size);
  // A stolen id answered to the thief first: the client's own mutation was refused (and discarded
  // above), so it is not in the replay; the thief's answer is not the client's.
  const applied = allAnswers.filter((a) => !(stolen.has(a.id) && a.user_id === stolen.get(a.id)));

  const reps = new Set([lilei.userId, emma.userId]);
  // A merge racing edits loses none of them: no edit of a merged record, and no link to one, was
  // refused as deleted or missing, unless someone deleted it (or what it was merged into) by hand.
  const mergedInto = new Map(mergeEvents.flatMap((e) => (e.kind === 'merge' ? [[e.mergedId, e.survivorId] as const] : [])));
  const deletedByHand = new Set([...sent.values()].filter((m) => m.op === 'delete').map((m) => m.recordId));
  const chainDeleted = (id: string) => {
    for (let at: string | undefined = id, hops = 0; at && hops < 10; at = mergedInto.get(at), hops++) if (deletedByHand.has(at)) return true;
    return false;
  };
  const finalRows = new Map((await pullAll(manager.token)).rows.map((c) => [c.row.id, c.row as { ownerId: string }]));
  const endOf = (id: string) => {
    let at = id;
    for (let hops = 0; mergedInto.has(at) && hops < 10; hops++) at = mergedInto.get(at)!;
    return at;
  };
  for (const answer of allAnswers.filter((a) => a.status === 'rejected')) {
    const m = sent.get(answer.id)!;
    const { code, field } = JSON.parse(String(answer.error)) as { code: string; field?: string };
    if (code !== 'record_deleted' && code !== 'not_found') continue;
    const author = answer.user_id;
    const linked = field?.startsWith('fields.') ? (m as { fields: Record<string, unknown> }).fields[field.slice('fields.'.length)] : undefined;
    const id = typeof linked === 'string' ? linked : m.recordId;
    if (!mergedInto.has(id) || chainDeleted(id)) continue;
    // A rep is refused what they do not own (a record reassigned away, or merged by a manager into a
    // teammate's), as without merges; that is visibility, not a lost write.
    if (reps.has(author) && (finalRows.get(id)?.ownerId !== author || (id === m.recordId && finalRows.get(endOf(id))?.ownerId !== author))) continue;
    throw new Error(`${m.op} of ${m.entity} ${m.recordId} by ${author} was refused (${code} ${field ?? ''}) because ${id} was merged: a lost write. Now: ${JSON.stringify(finalRows.get(id))} into ${JSON.stringify(finalRows.get(endOf(id)))} events ${JSON.stringify(mergeEvents)}`);
  }

  // 2. The server's rows are what applying each accepted mutation once, in version order, gives.
  const seeded = initialRecords([
    { entity: 'company', rows: team.rows.companies },
    { entity: 'contact', rows: team.rows.contacts },
    { entity: 'deal', rows: team.rows.deals },
    { entity: 'followUp', rows: team.rows.followUps },
    { entity: 'contact', rows: thiefRows },
  ] as never);
  const { records: model, writes, rowStamps } = replay(seeded, sent, applied, (id) => reps.has(id), mergeEvents);
  const teamVersion = await env.DB.prepare('SELECT version FROM teams WHERE id = ?').bind(team.teamId).first<number>('version');
  const stamped = teamVersion! - team.rows.teams[0]!.version!;
  expect(stamped, 'versions stamped ≤ effective changes (nothing applied twice)').toBeLessThanOrEqual(writes + thiefWrites + mergeWrites);
  expect(stamped, 'versions stamped ≥ rows the answers name').toBeGreaterThanOrEqual(rowStamps);
  const { rows: everything } = await pullAll(manager.token);
  for (const [key, expected] of model) {
    const [entity, id] = key.split(':') as [WritableEntity, string];
    const actual = everything.find((c) => c.entity === entity && c.row.id === id)?.row as Record<string, unknown> | undefined;
    expect(actual, `${key} exists on the server`).toBeDefined();
    const fields = Object.keys(writableFields[entity].shape);
    expect(Object.fromEntries(fields.map((f) => [f, actual![f]])), `${key} fields`).toEqual(Object.fromEntries(fields.map((f) => [f, expected.fields[f]])));
    expect(actual!.ownerId, `${key} owner`).toBe(expected.ownerId);
    expect(actual!.deletedAt !== null, `${key} deleted`).toBe(expected.deleted);
    if (entity === 'contact' || entity === 'company') expect(actual!.mergedIntoId ?? null, `${key} merged into`).toBe(expected.mergedInto ?? null);
    if (entity === 'deal') expect(everything.filter((c) => c.entity === 'stageChange' && c.row.dealId === id).length, `${key} stage entries`).toBe(expected.stageEntries);
  }

  // 3. Every device's cache equals what the server says its user may see.
  for (const c of clients) {
    const truth = await pullAll(c.user.token);
    for (const entity of ENTITY_NAMES) {
      const server = new Map(truth.rows.filter((r) => r.entity === entity).map((r) => [r.row.id, r.row]));
      expect(await c.cache(entity), `${c.label} ${entity}`).toEqual(server);
    }
  }
  for (const c of clients) c.db.close();
}

describe('sync under faults (property-based)', () => {
  it('converges: no write lost, none applied twice, every cache equals the server view', { timeout: 600_000 }, async () => {
    let operations = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 40, maxLength: 90 }), async (actions) => {
        operations += actions.length;
        await run(actions);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    console.log(`sync fault property: ${RUNS} runs, ${operations} operations, ${steals.tried} mutation ids reused by others (${steals.thiefFirst} before their owner), ${merging.tried} merges tried, ${merging.merged} landed, ${merging.undone} undone (seed ${SEED})`);
    expect(merging.merged, 'merges raced the other devices at least sometimes').toBeGreaterThan(0);
    expect(operations).toBeGreaterThan(RUNS * 40 - 1);
  });
});
