import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { rebuildLookupKeys } from '../../worker/cron/rebuildLookupKeys';
import { createDb } from '../../worker/db/client';
import { LOOKUP_KEYS_VERSION } from '../../worker/dedup/lookupKeys';
import worker from '../../worker/index';
import { api, newContact, push, pushOk, seedTeam } from './helpers';

const DAY = 86_400_000;

async function runCron(at: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const teamRow = (teamId: string) =>
  env.DB.prepare('SELECT version, min_cursor AS minCursor, mutation_horizon AS horizon, lookup_keys_version AS keysVersion, lookup_keys_cursor AS keysCursor FROM teams WHERE id = ?')
    .bind(teamId)
    .first<{ version: number; minCursor: number; horizon: number; keysVersion: number; keysCursor: string | null }>();

const check = (token: string, body: unknown) => api('/api/dedup/check', { method: 'POST', token, body: JSON.stringify(body) });

describe('the push guard', () => {
  it('aborts a batch whose team version moved, and keeps no row when it passes', async () => {
    const team = await seedTeam();
    const { version } = (await teamRow(team.teamId))!;
    await env.DB.prepare('INSERT INTO push_guards (team_id, expected_version) VALUES (?, ?)').bind(team.teamId, version).run();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM push_guards').first('n')).toBe(0);
    const moved = env.DB.batch([
      env.DB.prepare('INSERT INTO push_guards (team_id, expected_version) VALUES (?, ?)').bind(team.teamId, version - 1),
      env.DB.prepare('UPDATE teams SET name = ? WHERE id = ?').bind('should not stick', team.teamId),
    ]);
    await expect(moved).rejects.toThrow(/team version moved/);
    expect(await env.DB.prepare('SELECT name FROM teams WHERE id = ?').bind(team.teamId).first('name')).not.toBe('should not stick');
  });
});

describe('purging on cron', () => {
  it('bumps the version of teams it purges from, forgets old answers and refuses mutations older than the horizon', async () => {
    const team = await seedTeam();
    const bystander = await seedTeam();
    const rep = team.token('rep');
    const create = newContact();
    await pushOk(rep, [create]);
    await pushOk(rep, [{ id: ulid(), entity: 'contact', op: 'delete', recordId: create.recordId, at: Date.now() }]);
    const before = (await teamRow(team.teamId))!;
    const bystanderBefore = (await teamRow(bystander.teamId))!;

    // Both teams are older than the window by then; only the one with something to purge moves.
    const later = Date.now() + 91 * DAY;
    await runCron(later);
    const after = (await teamRow(team.teamId))!;
    expect(after.version).toBe(before.version + 1);
    expect(after.minCursor).toBeGreaterThanOrEqual(before.version);
    expect(after.horizon).toBe(later - 90 * DAY);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM applied_mutations WHERE id = ?').bind(create.id).first('n')).toBe(0);
    expect((await teamRow(bystander.teamId))!.version).toBe(bystanderBefore.version);

    await runCron(later); // at-least-once: the repeat finds nothing and bumps nothing
    expect((await teamRow(team.teamId))!.version).toBe(after.version);

    // The answer to `create` is gone: resending it must not create the contact a second time.
    const resent = await (await push(rep, [create])).json<{ results: { status: string; error?: { code: string; field?: string } }[] }>();
    expect(resent.results[0]).toMatchObject({ status: 'rejected', error: { code: 'resync_required', field: 'id' } });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM contacts WHERE id = ?').bind(create.recordId).first('n')).toBe(0);
  });
});

describe('rebuilding lookup keys on cron', () => {
  it('re-keys a team left on an older key version, page by page, and dedup finds its companies again', async () => {
    const team = await seedTeam();
    const company = team.rows.companies[0]!;
    await env.DB.batch([
      env.DB.prepare("DELETE FROM lookup_keys WHERE team_id = ? AND kind <> 'email'").bind(team.teamId),
      env.DB.prepare('UPDATE teams SET lookup_keys_version = 0 WHERE id = ?').bind(team.teamId),
    ]);
    const byName = async () => (await (await check(team.token('rep', 1), { companyName: company.name })).json<{ companies: { id: string }[] }>()).companies.map((c) => c.id);
    expect(await byName()).toEqual([]);

    // One page per call: contacts first, then companies, resuming from the stored cursor.
    const db = createDb(env.DB);
    let calls = 0;
    while ((await teamRow(team.teamId))!.keysVersion < LOOKUP_KEYS_VERSION && calls < 10) {
      await rebuildLookupKeys(db, 1);
      calls++;
      if (calls === 1) expect((await teamRow(team.teamId))!.keysCursor).toBe('company:');
    }
    expect(calls).toBe(2);
    expect((await teamRow(team.teamId))!.keysCursor).toBeNull();
    expect(await byName()).toEqual([company.id]);
    const phones = await env.DB.prepare("SELECT count(*) AS n FROM lookup_keys WHERE team_id = ? AND kind = 'phone'").bind(team.teamId).first<number>('n');
    expect(phones).toBe(new Set(team.rows.contacts.filter((c) => c.deletedAt === null).flatMap((c) => c.phones)).size);
  });

  it('leaves a page whose rows a push changed meanwhile for the next run', async () => {
    const team = await seedTeam();
    await env.DB.prepare('UPDATE teams SET lookup_keys_version = 0 WHERE id = ?').bind(team.teamId).run();
    // A push between the page's read and its write moves the team version: simulated by a
    // trigger that bumps it as the rebuild writes its first key delete.
    await env.DB.prepare(
      `CREATE TRIGGER test_push_meanwhile BEFORE INSERT ON push_guards WHEN NEW.team_id = '${team.teamId}' BEGIN UPDATE teams SET version = version + 1 WHERE id = NEW.team_id; END`,
    ).run();
    const outcome = await rebuildLookupKeys(createDb(env.DB), 4);
    await env.DB.prepare('DROP TRIGGER test_push_meanwhile').run();
    expect(outcome).toMatchObject({ rows: 0, teamsDone: 0 });
    expect((await teamRow(team.teamId))!).toMatchObject({ keysVersion: 0, keysCursor: null });
    await rebuildLookupKeys(createDb(env.DB), 4);
    expect((await teamRow(team.teamId))!.keysVersion).toBe(LOOKUP_KEYS_VERSION);
  });
});
