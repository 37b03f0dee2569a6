import { env } from 'cloudflare:test';
import { NEW_DEAL_DEFAULTS } from '../../shared/schema/deal';
import fc from 'fast-check';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Mutation, MutationResult } from '../../shared/api/sync';
import { DEFAULT_PIPELINE } from '../../shared/rules/defaultPipeline';
import { checkStageMove } from '../../shared/rules/stageGate';
import { seesWholeTeam } from '../../shared/rules/visibility';
import type { DemoLogin } from '../../worker/seed/demoTeam';
import { newContact, pullAll, push, pushOk, seedTeam } from './helpers';

/**
 * Conflicting pushes fired at the same instant (Promise.all) from several users of two teams,
 * one rule class per round, in a random order and mix. After every round the invariants are
 * checked against D1 itself, not against the answers:
 *   - no two live contacts of a team share an email;
 *   - every deal satisfies the gate of the stage it is in;
 *   - every `applied` answer is in a pull, at its version or later;
 *   - replaying the applied mutations in version order, none edited a deleted record, none was
 *     made by someone who could not write the record at that moment, and the result is the row;
 *   - each mutation id was applied at most once; nothing answered 5xx.
 * The same test fails within a few rounds when pushes are not serialised (see README, Integrity).
 */

const SEED = 20_261_203;
const ROUNDS = 150;

type Team = Awaited<ReturnType<typeof seedTeam>>;
type Who = 'rep0' | 'rep1' | 'manager';
type Shot = { by: DemoLogin; team: Team; mutations: Mutation[] };
type Answered = Shot & { results: MutationResult[] };

const scenario = fc.record({
  kind: fc.constantFrom('emailClash', 'gateVsClear', 'editVsDelete', 'editAfterReassign', 'idReuse'),
  team: fc.integer({ min: 0, max: 1 }),
  // Who joins the race, in what order the requests leave.
  racers: fc.shuffledSubarray(['rep0', 'rep1', 'manager'] as Who[], { minLength: 2, maxLength: 3 }),
  otherTeamJoins: fc.boolean(),
});

const login = (team: Team, who: Who): DemoLogin => {
  const reps = team.logins.filter((l) => l.role === 'rep');
  return who === 'manager' ? team.logins.find((l) => l.role === 'manager')! : reps[who === 'rep0' ? 0 : 1]!;
};

const update = (recordId: string, fields: Record<string, unknown>, entity: 'contact' | 'deal' = 'contact'): Mutation =>
  ({ id: ulid(), entity, op: 'update', recordId, at: Date.now(), fields }) as Mutation;
const op = (recordId: string, kind: 'delete' | 'restore'): Mutation => ({ id: ulid(), entity: 'contact', op: kind, recordId, at: Date.now() });
const reassign = (recordId: string, ownerId: string): Mutation => ({ id: ulid(), entity: 'contact', op: 'reassign', recordId, at: Date.now(), ownerId });

/** The checks read as the team's admin, who never races: the racers' tokens keep their rate limit for the race. */
const checker = (team: Team) => team.logins.find((l) => l.role === 'admin')!.token;

async function fire(shots: Shot[]): Promise<Answered[]> {
  const responses = await Promise.all(shots.map((s) => push(s.by.token, s.mutations)));
  return Promise.all(
    responses.map(async (res, i) => {
      const text = await res.text();
      expect(res.status, `push answered ${res.status}: ${text.slice(0, 200)}`).toBe(200);
      return { ...shots[i]!, results: (JSON.parse(text) as { results: MutationResult[] }).results };
    }),
  );
}

/** Builds the round's records one after another, then the conflicting pushes. */
async function prepare(s: { kind: string; team: number; racers: Who[]; otherTeamJoins: boolean }, teams: Team[]): Promise<Shot[]> {
  const team = teams[s.team]!;
  const other = teams[1 - s.team]!;
  const shot = (who: Who, mutations: Mutation[], t = team): Shot => ({ by: login(t, who), team: t, mutations });
  switch (s.kind) {
    case 'emailClash': {
      // A holder of the email that may be deleted (freeing it) and restored (claiming it again).
      const email = `clash-${ulid().toLowerCase()}@example.cn`;
      const holder = newContact({ name: '原联系人', emails: [email] });
      await pushOk(login(team, 'rep0').token, [holder]);
      const shots = s.racers.map((who, i) =>
        i === 0 && who === 'rep0' ? shot(who, [op(holder.recordId, 'delete')]) : shot(who, [newContact({ name: `抢注 ${who}`, emails: [email.toUpperCase()] })]),
      );
      if (s.racers.includes('manager')) shots.push(shot('manager', [op(holder.recordId, 'restore')]));
      if (s.otherTeamJoins) shots.push(shot('rep1', [newContact({ name: 'Other team', emails: [email] })], other));
      return shots;
    }
    case 'gateVsClear': {
      const contact = newContact();
      const deal: Mutation = {
        id: ulid(),
        entity: 'deal',
        op: 'create',
        recordId: ulid(),
        at: Date.now(),
        fields: { ...NEW_DEAL_DEFAULTS, title: '报价赛跑', companyId: null, contactId: contact.recordId, stageId: 'proposal', amountMinor: 500_000, currency: 'CNY', expectedCloseAt: null, lostReason: null },
      };
      await pushOk(login(team, 'rep0').token, [contact, deal]);
      return s.racers.map((who) =>
        who === 'rep0'
          ? shot(who, [update(deal.recordId, { amountMinor: null }, 'deal')])
          : who === 'manager'
            ? shot(who, [update(deal.recordId, { stageId: 'quote' }, 'deal')])
            : shot(who, [update(deal.recordId, { stageId: 'contract', expectedCloseAt: Date.now() + 86_400_000 }, 'deal')]),
      );
    }
    case 'editVsDelete': {
      const contact = newContact({ name: '原名' });
      await pushOk(login(team, 'rep0').token, [contact]);
      return s.racers.map((who, i) =>
        who === 'manager' ? shot(who, [op(contact.recordId, i % 2 ? 'delete' : 'restore'), update(contact.recordId, { title: '经理改' })]) : shot(who, [update(contact.recordId, { name: `改名 ${who}` })]),
      ).concat([shot('rep0', [op(contact.recordId, 'delete')])]);
    }
    case 'editAfterReassign': {
      const contact = newContact({ name: '交接前' });
      await pushOk(login(team, 'rep0').token, [contact]);
      return s.racers.map((who) =>
        who === 'manager' ? shot(who, [reassign(contact.recordId, login(team, 'rep1').userId)]) : shot(who, [update(contact.recordId, { title: `${who} 的编辑` })]),
      );
    }
    default: {
      // idReuse: the same mutation id, each on the sender's own new contact, from several users and teams.
      const id = ulid();
      const shots = s.racers.map((who) => shot(who, [{ ...newContact({ name: `同号 ${who}` }), id }]));
      if (s.otherTeamJoins) shots.push(shot('rep0', [{ ...newContact({ name: 'Other team' }), id }], other));
      return shots;
    }
  }
}

type ModelRow = { fields: Record<string, unknown>; ownerId: string; deleted: boolean };

/** Replays the round's applied mutations in version order from the rows as they were, checking each was allowed then. */
function replayRound(before: Map<string, ModelRow>, answered: Answered[], roleOf: (userId: string) => string): { rows: Map<string, ModelRow>; problems: string[] } {
  const rows = new Map([...before].map(([k, r]) => [k, { ...r, fields: { ...r.fields } }]));
  const problems: string[] = [];
  const applied = answered
    .flatMap((a) => a.mutations.map((m, i) => ({ m, by: a.by, result: a.results[i]! })))
    .filter((x) => x.result.status === 'applied')
    .sort((x, y) => (x.result as { version: number }).version - (y.result as { version: number }).version);
  for (const { m, by } of applied) {
    const key = `${m.entity}:${m.recordId}`;
    const row = rows.get(key);
    if (m.op === 'create') {
      rows.set(key, { fields: { ...(m.fields as object) }, ownerId: by.userId, deleted: false });
      continue;
    }
    if (!row) {
      problems.push(`${m.op} ${key} applied to a record that does not exist`);
      continue;
    }
    const mayWrite = seesWholeTeam(roleOf(by.userId) as never) || row.ownerId === by.userId;
    if (!mayWrite) problems.push(`${m.op} ${key} by ${by.role} applied while owned by someone else`);
    if (m.op === 'update') {
      if (row.deleted) problems.push(`update ${key} applied to a deleted record`);
      Object.assign(row.fields, m.fields);
    } else if (m.op === 'delete' || m.op === 'restore') row.deleted = m.op === 'delete';
    else if (m.op === 'reassign') row.ownerId = m.ownerId;
  }
  return { rows, problems };
}

async function checkTeamInvariants(team: Team): Promise<void> {
  const dupes = await env.DB.prepare(
    `SELECT lower(e.value) AS email, count(*) AS n FROM contacts c, json_each(c.emails) e
     WHERE c.team_id = ? AND c.deleted_at IS NULL GROUP BY lower(e.value) HAVING count(*) > 1`,
  )
    .bind(team.teamId)
    .all();
  expect(dupes.results, 'no two live contacts share an email').toEqual([]);
  const deals = await env.DB.prepare('SELECT * FROM deals WHERE team_id = ? AND deleted_at IS NULL').bind(team.teamId).all<Record<string, unknown>>();
  for (const d of deals.results) {
    const deal = { companyId: d.company_id, contactId: d.contact_id, amountMinor: d.amount_minor, expectedCloseAt: d.expected_close_at, lostReason: d.lost_reason, contractNumber: d.contract_number, signedAt: d.signed_at, collectedAmountMinor: d.collected_amount_minor, collectedAt: d.collected_at, custom: JSON.parse(d.custom as string) };
    expect(checkStageMove(DEFAULT_PIPELINE, d.stage_id as string, d.stage_id as string, deal), `deal ${d.id} in ${d.stage_id}`).toEqual({ ok: true });
  }
}

describe('concurrent pushes (property-based)', () => {
  it('hold every rule under any interleaving', { timeout: 600_000 }, async () => {
    const teams = [await seedTeam(), await seedTeam()];
    const roleOf = (userId: string) => teams.flatMap((t) => t.logins).find((l) => l.userId === userId)!.role;
    const stats = { rounds: 0, pushes: 0, applied: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const shots = await prepare(s, teams);
        const touched = new Set(shots.flatMap((sh) => sh.mutations.map((m) => `${sh.team.teamId}|${m.entity}:${m.recordId}`)));
        // The rows as they stand before the race, from the database.
        const before = new Map<string, ModelRow>();
        for (const t of teams) {
          const { rows } = await pullAll(checker(t));
          for (const r of rows) {
            const key = `${r.entity}:${r.row.id}`;
            if (touched.has(`${t.teamId}|${key}`)) before.set(key, { fields: { ...r.row }, ownerId: r.row.ownerId as string, deleted: r.row.deletedAt !== null });
          }
        }

        const answered = await fire(shots);
        stats.rounds++;
        stats.pushes += answered.length;
        for (const a of answered) for (const r of a.results) stats[r.status === 'applied' ? 'applied' : 'rejected']++;

        for (const t of teams) await checkTeamInvariants(t);
        const { rows: model, problems } = replayRound(before, answered, roleOf);
        expect(problems).toEqual([]);

        // Every applied answer is in a pull at its version or later, and the rows are the replay's.
        for (const t of teams) {
          const pulled = new Map((await pullAll(checker(t))).rows.map((r) => [`${r.entity}:${r.row.id}`, r.row as Record<string, unknown>]));
          for (const a of answered.filter((x) => x.team === t)) {
            a.mutations.forEach((m, i) => {
              const result = a.results[i]!;
              if (result.status !== 'applied') return;
              const row = pulled.get(`${m.entity}:${m.recordId}`);
              expect(row, `${m.op} ${m.recordId} applied but not pulled`).toBeDefined();
              expect(row!.version as number).toBeGreaterThanOrEqual(result.version);
              const expected = model.get(`${m.entity}:${m.recordId}`)!;
              if (m.op !== 'create') {
                expect(row!.ownerId).toBe(expected.ownerId);
                expect(row!.deletedAt !== null).toBe(expected.deleted);
                for (const f of ['name', 'title', 'amountMinor', 'stageId']) if (f in expected.fields) expect(row![f], `${m.recordId}.${f}`).toEqual(expected.fields[f]);
              }
            });
          }
        }

        // Each mutation id applied at most once, whoever sent it.
        const ids = answered.flatMap((a) => a.mutations.map((m) => m.id));
        for (const id of new Set(ids)) {
          const times = answered.flatMap((a) => a.mutations.map((m, i) => (m.id === id && a.results[i]!.status === 'applied' ? 1 : 0))).reduce((x: number, y) => x + y, 0);
          expect(times, `mutation ${id} applied ${times} times`).toBeLessThanOrEqual(1);
        }
        if (s.kind === 'idReuse') {
          const rows = await env.DB.prepare(`SELECT count(*) AS n FROM contacts WHERE id IN (SELECT value FROM json_each(?))`)
            .bind(JSON.stringify(answered.flatMap((a) => a.mutations.map((m) => m.recordId))))
            .first<number>('n');
          expect(rows, 'one contact for one mutation id').toBe(1);
        }
      }),
      { seed: SEED, numRuns: ROUNDS, endOnFailure: true },
    );
    console.log(`concurrency property: ${stats.rounds} rounds, ${stats.pushes} pushes fired in parallel, ${stats.applied} applied, ${stats.rejected} rejected (seed ${SEED})`);
    expect(stats.rounds).toBe(ROUNDS);
    expect(stats.rejected, 'the rounds did conflict').toBeGreaterThan(ROUNDS / 2);
  });
});
