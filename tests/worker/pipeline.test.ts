import { env } from 'cloudflare:test';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../shared/api/me';
import type { PipelineSettings } from '../../shared/schema/pipeline';
import { api, pullAll, push, seedTeam } from './helpers';

type Team = Awaited<ReturnType<typeof seedTeam>>;

async function currentPipeline(team: Team): Promise<Me['pipeline']> {
  const res = await api('/api/me', { token: team.token('admin') });
  return ((await res.json()) as Me).pipeline;
}

function savePipeline(team: Team, settings: PipelineSettings, expectedUpdatedAt: number, moveDeals: Record<string, string> = {}, role: 'admin' | 'manager' | 'rep' = 'admin') {
  return api('/api/team/pipeline', { method: 'PUT', token: team.token(role), body: JSON.stringify({ settings, expectedUpdatedAt, moveDeals }) });
}

const settingsOf = (p: Me['pipeline']): PipelineSettings => ({ stages: p.stages, customFields: p.customFields, allowSkip: p.allowSkip });

async function dealRow(id: string) {
  return env.DB.prepare('SELECT stage_id, custom, version FROM deals WHERE id = ?').bind(id).first<{ stage_id: string; custom: string; version: number }>();
}

const dealNamed = (team: Team, title: string) => team.rows.deals.find((d) => d.title === title)!;

describe('PUT /api/team/pipeline', () => {
  it('adds a required custom field: a jump that passes its stage is refused naming it, and nothing changes', async () => {
    const team = await seedTeam();
    const before = await currentPipeline(team);
    const settings = settingsOf(before);
    settings.customFields = [{ key: 'tender_no', label: { 'zh-CN': '招标编号', en: 'Tender no.' }, type: 'text', options: [] }];
    settings.stages = settings.stages.map((s) => (s.id === 'proposal' ? { ...s, requiredFields: [...s.requiredFields, 'custom.tender_no'] } : s));
    const saved = await savePipeline(team, settings, before.updatedAt);
    expect(saved.status).toBe(200);
    expect((await currentPipeline(team)).stages.find((s) => s.id === 'proposal')!.requiredFields).toContain('custom.tender_no');

    // 远航物流 sits in 初访 with a contact and no amount: to 报价 it passes 需求确认 and 方案.
    const deal = dealNamed(team, '远航物流 试点项目');
    const rowBefore = await dealRow(deal.id);
    const res = await push(team.token('rep'), [{ id: ulid(), entity: 'deal', op: 'update', recordId: deal.id, at: Date.now(), fields: { stageId: 'quote', amountMinor: 500_000 } }]);
    const [answer] = ((await res.json()) as { results: { status: string; error?: { code: string; field: string; message: string } }[] }).results;
    expect(answer).toMatchObject({ status: 'rejected', error: { code: 'stage_gate', field: 'fields.custom.tender_no' } });
    expect(answer!.error!.message).toContain('custom.tender_no (for "proposal")');
    expect(await dealRow(deal.id)).toEqual(rowBefore);
    const moves = await env.DB.prepare('SELECT count(*) AS n FROM stage_changes WHERE deal_id = ?').bind(deal.id).first<{ n: number }>();
    expect(moves!.n).toBe(1); // only the seeded entry

    // Filled in with the move, it is applied.
    const ok = await push(team.token('rep'), [{ id: ulid(), entity: 'deal', op: 'update', recordId: deal.id, at: Date.now(), fields: { stageId: 'quote', amountMinor: 500_000, custom: { tender_no: 'ZB-2026-07' } } }]);
    expect(((await ok.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied');
    expect(await dealRow(deal.id)).toMatchObject({ stage_id: 'quote', custom: JSON.stringify({ tender_no: 'ZB-2026-07' }) });
  });

  it('refuses a custom value of the wrong type, naming it', async () => {
    const team = await seedTeam();
    const before = await currentPipeline(team);
    const settings = { ...settingsOf(before), customFields: [{ key: 'seats', label: { 'zh-CN': '席位数', en: 'Seats' }, type: 'number' as const, options: [] }] };
    expect((await savePipeline(team, settings, before.updatedAt)).status).toBe(200);
    const deal = dealNamed(team, '云启 CRM 年度订阅');
    const res = await push(team.token('rep'), [{ id: ulid(), entity: 'deal', op: 'update', recordId: deal.id, at: Date.now(), fields: { custom: { seats: '四十' } } }]);
    expect(((await res.json()) as { results: unknown[] }).results[0]).toMatchObject({ status: 'rejected', error: { code: 'bad_request', field: 'fields.custom.seats' } });
  });

  it('removing a stage that holds deals asks where they go, then moves them (gates not applied) on the server and for every device', async () => {
    const team = await seedTeam();
    const before = await currentPipeline(team);
    const withoutNeeds = { ...settingsOf(before), stages: before.stages.filter((s) => s.id !== 'first_visit') };

    const refused = await savePipeline(team, withoutNeeds, before.updatedAt);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'bad_request', details: { field: 'moveDeals.first_visit' } } });
    const toNowhere = await savePipeline(team, withoutNeeds, before.updatedAt, { first_visit: 'gone' });
    expect(await toNowhere.json()).toMatchObject({ error: { details: { field: 'moveDeals.first_visit' } } });
    expect((await currentPipeline(team)).updatedAt).toBe(before.updatedAt);

    // 远航物流 has no amount; 报价 requires one. The admin's choice moves it anyway.
    const deal = dealNamed(team, '远航物流 试点项目');
    const res = await savePipeline(team, withoutNeeds, before.updatedAt, { first_visit: 'quote' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ moved: 1, pipeline: { stages: withoutNeeds.stages.map((s) => expect.objectContaining({ id: s.id })) } });
    expect(await dealRow(deal.id)).toMatchObject({ stage_id: 'quote' });
    const history = await env.DB.prepare('SELECT from_stage_id, to_stage_id, owner_id FROM stage_changes WHERE deal_id = ? ORDER BY changed_at DESC LIMIT 1').bind(deal.id).first();
    expect(history).toEqual({ from_stage_id: 'first_visit', to_stage_id: 'quote', owner_id: deal.ownerId });

    // The owner's device pulls the move; /api/me gives it the new pipeline.
    const { rows } = await pullAll(team.token('rep'));
    expect(rows.find((c) => c.entity === 'deal' && c.row.id === deal.id)?.row).toMatchObject({ stageId: 'quote' });
    expect((await currentPipeline(team)).stages.map((s) => s.id)).not.toContain('first_visit');
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE team_id = ? AND action = 'pipeline'").bind(team.teamId).all<{ detail: string }>();
    expect(audit.results.map((a) => JSON.parse(a.detail).moveDeals)).toEqual([{ first_visit: 'quote' }]);
  });

  it('two admins saving from the same version at the same instant: one wins, the other is told, no mix', async () => {
    const team = await seedTeam();
    // A second admin in the same team.
    const before = await currentPipeline(team);
    const managerId = team.logins.find((l) => l.role === 'manager')!.userId;
    await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(managerId).run();
    const mine = { ...settingsOf(before), allowSkip: true };
    const theirs = { ...settingsOf(before), stages: before.stages.map((s) => (s.id === 'lead' ? { ...s, color: '#000000' } : s)) };
    for (let round = 0; round < 5; round++) {
      const current = await currentPipeline(team);
      const answers = await Promise.all([
        api('/api/team/pipeline', { method: 'PUT', token: team.token('admin'), body: JSON.stringify({ settings: { ...mine, allowSkip: round % 2 === 0 }, expectedUpdatedAt: current.updatedAt }) }),
        api('/api/team/pipeline', { method: 'PUT', token: team.token('manager'), body: JSON.stringify({ settings: theirs, expectedUpdatedAt: current.updatedAt }) }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const after = await currentPipeline(team);
      const winner = answers[0]!.status === 200 ? 'mine' : 'theirs';
      if (winner === 'mine') expect(after.stages.find((s) => s.id === 'lead')!.color).toBe(current.stages.find((s) => s.id === 'lead')!.color);
      else expect(after.allowSkip).toBe(current.allowSkip);
    }
  });

  it('refuses settings that are not a pipeline, naming the field', async () => {
    const team = await seedTeam();
    const before = await currentPipeline(team);
    const noLost = { ...settingsOf(before), stages: before.stages.filter((s) => s.kind !== 'lost') };
    const res = await savePipeline(team, noLost, before.updatedAt);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { fields: { field: string }[] } } }).error.details.fields[0]!.field).toMatch(/^settings\.stages/);
  });
});
