import { and, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Claim } from '../../shared/api/claims';
import { BACKFILL_AFTER_MS } from '../../shared/rules/backfill';
import { checkStageMove } from '../../shared/rules/stageGate';
import { daysIdle, isStale, isWaitingLead, NEW_LEAD_WINDOW_DAYS } from '../../shared/rules/staleness';
import { seesWholeTeam } from '../../shared/rules/visibility';
import type { CustomField } from '../../shared/schema/customField';
import type { Stage } from '../../shared/schema/pipeline';
import type { DealGateField } from '../../shared/schema/deal';
import { addDays, startOfLocalDay } from '../../shared/time/zoned';
import { jsonEach } from '../db/jsonParam';
import { activities, claimRequests, contacts, deals, followUps, pipelines, teams, users } from '../db/schema';
import type { Db } from '../env';
import type { DueUser } from './dueUsers';

const DAY = 86_400_000;

/** One line of a rep's digest: what, why, and the record it links to. */
export type DigestItem =
  | { kind: 'overdue' | 'dueToday'; entity: 'followUp'; id: string; title: string; dueAt: number }
  | { kind: 'stale'; entity: 'deal'; id: string; title: string; days: number }
  | { kind: 'missingFields'; entity: 'deal'; id: string; title: string; missing: string[] }
  | { kind: 'noNextStep'; entity: 'deal'; id: string; title: string }
  | { kind: 'waitingLead'; entity: 'contact'; id: string; title: string; hours: number }
  | { kind: 'claim'; entity: 'contact'; id: string; title: string; requester: string };

export interface RepLine {
  userId: string;
  name: string;
  overdue: number;
  stale: number;
  waitingLeads: number;
  backfilledYesterday: number;
}

export interface ManagerSection {
  reps: RepLine[];
  totals: { activitiesThisWeek: number; activitiesLastWeek: number; newLeadsThisWeek: number; newLeadsLastWeek: number };
}

export interface Digest {
  user: DueUser;
  items: DigestItem[];
  manager: ManagerSection | null;
}

type DealFacts = { id: string; ownerId: string; title: string; stageId: string; createdAt: number; lastActivityAt: number | null; hasNextStep: number; custom: Record<string, unknown> } & Record<DealGateField, unknown>;

/** What each team needs once per run, whichever of its users are in the batch. */
interface TeamFacts {
  stages: Stage[];
  customFields: CustomField[];
  staleAfterDays: number;
  firstResponseHours: number;
  members: { id: string; name: string; role: string }[];
  deals: DealFacts[];
  waitingLeads: { id: string; ownerId: string; name: string; createdAt: number }[];
  overdueByOwner: Map<string, number>;
  backfilled: { ownerId: string; recordedAt: number }[];
  activityTimes: number[];
  leadTimes: number[];
  claims: (Pick<Claim, 'id' | 'contactId' | 'requesterId' | 'ownerId'> & { contactName: string })[];
}

/**
 * Reads what a batch of due users' digests need in one D1 round trip, team by team, never user
 * by user: so a run's queries grow with the number of batches and teams, not of users.
 */
async function loadTeamFacts(db: Db, teamIds: string[], now: number): Promise<Map<string, TeamFacts>> {
  const ids = jsonEach(teamIds);
  const weekAgo2 = now - 14 * DAY;
  const [teamRows, pipelineRows, memberRows, dealRows, leadRows, overdueRows, backfilledRows, activityRows, newLeadRows, claimRows] = await db.batch([
    db.select({ id: teams.id, staleAfterDays: teams.staleAfterDays, firstResponseHours: teams.firstResponseHours }).from(teams).where(inArray(teams.id, ids)),
    db.select({ teamId: pipelines.teamId, stages: pipelines.stages, customFields: pipelines.customFields }).from(pipelines).where(inArray(pipelines.teamId, ids)),
    db.select({ id: users.id, teamId: users.teamId, name: users.name, role: users.role }).from(users).where(and(inArray(users.teamId, ids), isNull(users.disabledAt))),
    db
      .select({
        id: deals.id,
        teamId: deals.teamId,
        ownerId: deals.ownerId,
        title: deals.title,
        stageId: deals.stageId,
        createdAt: deals.createdAt,
        amountMinor: deals.amountMinor,
        expectedCloseAt: deals.expectedCloseAt,
        lostReason: deals.lostReason,
        contractNumber: deals.contractNumber,
        signedAt: deals.signedAt,
        collectedAmountMinor: deals.collectedAmountMinor,
        collectedAt: deals.collectedAt,
        custom: deals.custom,
        contactId: deals.contactId,
        companyId: deals.companyId,
        lastActivityAt: sql<number | null>`(SELECT MAX(${activities.occurredAt}) FROM ${activities} WHERE ${activities.dealId} = ${deals.id} AND ${activities.deletedAt} IS NULL)`,
        hasNextStep: sql<number>`EXISTS (SELECT 1 FROM ${followUps} WHERE ${followUps.dealId} = ${deals.id} AND ${followUps.doneAt} IS NULL AND ${followUps.deletedAt} IS NULL)`,
      })
      .from(deals)
      .where(and(inArray(deals.teamId, ids), isNull(deals.deletedAt))),
    db
      .select({ id: contacts.id, teamId: contacts.teamId, ownerId: contacts.ownerId, name: contacts.name, createdAt: contacts.createdAt })
      .from(contacts)
      .where(
        and(
          inArray(contacts.teamId, ids),
          isNull(contacts.deletedAt),
          gte(contacts.createdAt, now - NEW_LEAD_WINDOW_DAYS * DAY),
          sql`NOT EXISTS (SELECT 1 FROM ${activities} WHERE ${activities.contactId} = ${contacts.id} AND ${activities.deletedAt} IS NULL)`,
        ),
      ),
    db
      .select({ teamId: followUps.teamId, ownerId: followUps.ownerId, n: sql<number>`COUNT(*)` })
      .from(followUps)
      .where(and(inArray(followUps.teamId, ids), isNull(followUps.doneAt), isNull(followUps.deletedAt), lt(followUps.dueAt, now)))
      .groupBy(followUps.teamId, followUps.ownerId),
    db
      .select({ teamId: activities.teamId, ownerId: activities.ownerId, recordedAt: activities.recordedAt })
      .from(activities)
      .where(and(inArray(activities.teamId, ids), gte(activities.recordedAt, now - 3 * DAY), isNull(activities.deletedAt), sql`${activities.recordedAt} - ${activities.occurredAt} > ${BACKFILL_AFTER_MS}`)),
    db
      .select({ teamId: activities.teamId, week: sql<number>`${activities.occurredAt} >= ${now - 7 * DAY}`, n: sql<number>`COUNT(*)` })
      .from(activities)
      .where(and(inArray(activities.teamId, ids), gte(activities.occurredAt, weekAgo2), lt(activities.occurredAt, now), isNull(activities.deletedAt)))
      .groupBy(activities.teamId, sql`2`),
    db
      .select({ teamId: contacts.teamId, week: sql<number>`${contacts.createdAt} >= ${now - 7 * DAY}`, n: sql<number>`COUNT(*)` })
      .from(contacts)
      .where(and(inArray(contacts.teamId, ids), gte(contacts.createdAt, weekAgo2), isNull(contacts.deletedAt)))
      .groupBy(contacts.teamId, sql`2`),
    db
      .select({ id: claimRequests.id, teamId: claimRequests.teamId, contactId: claimRequests.contactId, requesterId: claimRequests.requesterId, ownerId: claimRequests.ownerId, contactName: contacts.name })
      .from(claimRequests)
      .innerJoin(contacts, eq(contacts.id, claimRequests.contactId))
      .where(and(inArray(claimRequests.teamId, ids), eq(claimRequests.status, 'open'))),
  ]);

  const facts = new Map<string, TeamFacts>();
  for (const team of teamRows) {
    const mine = <T extends { teamId: string }>(rows: T[]) => rows.filter((r) => r.teamId === team.id);
    const weekly = (rows: { teamId: string; week: number; n: number }[]) => {
      const own = mine(rows);
      return [own.find((r) => r.week)?.n ?? 0, own.find((r) => !r.week)?.n ?? 0];
    };
    facts.set(team.id, {
      stages: pipelineRows.find((p) => p.teamId === team.id)?.stages ?? [],
      customFields: pipelineRows.find((p) => p.teamId === team.id)?.customFields ?? [],
      staleAfterDays: team.staleAfterDays,
      firstResponseHours: team.firstResponseHours,
      members: mine(memberRows),
      deals: mine(dealRows),
      waitingLeads: mine(leadRows),
      overdueByOwner: new Map(mine(overdueRows).map((r) => [r.ownerId, r.n])),
      backfilled: mine(backfilledRows),
      activityTimes: weekly(activityRows),
      leadTimes: weekly(newLeadRows),
      claims: mine(claimRows),
    });
  }
  return facts;
}

/** The follow-ups due by the end of each user's local today, in one query for the batch. */
async function loadDueFollowUps(db: Db, users: DueUser[], horizon: number) {
  return db
    .select({ id: followUps.id, ownerId: followUps.ownerId, title: followUps.title, dueAt: followUps.dueAt })
    .from(followUps)
    .where(and(inArray(followUps.teamId, jsonEach([...new Set(users.map((u) => u.teamId))])), inArray(followUps.ownerId, jsonEach(users.map((u) => u.id))), isNull(followUps.doneAt), isNull(followUps.deletedAt), lt(followUps.dueAt, horizon)))
    .orderBy(followUps.dueAt);
}

/** Builds the digests of a batch of due users (each may be empty: then nothing is sent). */
export async function buildDigests(db: Db, users: DueUser[], now: number): Promise<Digest[]> {
  if (users.length === 0) return [];
  const endOfToday = new Map(users.map((u) => [u.id, startOfLocalDay(addDays(u.localDate, 1), u.timeZone)]));
  const [facts, dueRows] = await Promise.all([loadTeamFacts(db, [...new Set(users.map((u) => u.teamId))], now), loadDueFollowUps(db, users, Math.max(...endOfToday.values()))]);

  return users.map((user) => {
    const team = facts.get(user.teamId)!;
    const startOfToday = startOfLocalDay(user.localDate, user.timeZone);
    const items: DigestItem[] = [];
    for (const f of dueRows) {
      if (f.ownerId !== user.id || f.dueAt >= endOfToday.get(user.id)!) continue;
      items.push({ kind: f.dueAt < startOfToday ? 'overdue' : 'dueToday', entity: 'followUp', id: f.id, title: f.title, dueAt: f.dueAt });
    }
    const openStage = new Set(team.stages.filter((s) => s.kind === 'open').map((s) => s.id));
    for (const d of team.deals) {
      if (d.ownerId !== user.id || !openStage.has(d.stageId)) continue;
      if (isStale(d, now, team.staleAfterDays)) items.push({ kind: 'stale', entity: 'deal', id: d.id, title: d.title, days: daysIdle(d, now) });
      const gate = checkStageMove({ stages: team.stages, allowSkip: true }, d.stageId, d.stageId, d);
      // A custom field is named by its label in the recipient's language; built-in ones by key, named by the message.
      const named = (field: string) => (field.startsWith('custom.') ? (team.customFields.find((f) => `custom.${f.key}` === field)?.label[user.locale] ?? field.slice(7)) : field);
      if (!gate.ok && gate.reason === 'missing_fields') items.push({ kind: 'missingFields', entity: 'deal', id: d.id, title: d.title, missing: gate.missing.map((m) => named(m.field)) });
      if (!d.hasNextStep) items.push({ kind: 'noNextStep', entity: 'deal', id: d.id, title: d.title });
    }
    for (const c of team.waitingLeads) {
      if (c.ownerId === user.id && isWaitingLead({ createdAt: c.createdAt, firstActivityAt: null }, now, team.firstResponseHours)) {
        items.push({ kind: 'waitingLead', entity: 'contact', id: c.id, title: c.name, hours: Math.floor((now - c.createdAt) / 3_600_000) });
      }
    }
    const nameOf = (id: string) => team.members.find((m) => m.id === id)?.name ?? '';
    for (const claim of team.claims) {
      if (claim.ownerId === user.id || seesWholeTeam(user.role)) items.push({ kind: 'claim', entity: 'contact', id: claim.contactId, title: claim.contactName, requester: nameOf(claim.requesterId) });
    }
    return { user, items, manager: seesWholeTeam(user.role) ? managerSection(team, user, now, startOfToday) : null };
  });
}

function managerSection(team: TeamFacts, user: DueUser, now: number, startOfToday: number): ManagerSection {
  const openStage = new Set(team.stages.filter((s) => s.kind === 'open').map((s) => s.id));
  const yesterday = startOfLocalDay(addDays(user.localDate, -1), user.timeZone);
  const reps = team.members
    .filter((m) => m.role === 'rep')
    .map((m) => ({
      userId: m.id,
      name: m.name,
      overdue: team.overdueByOwner.get(m.id) ?? 0,
      stale: team.deals.filter((d) => d.ownerId === m.id && openStage.has(d.stageId) && isStale(d, now, team.staleAfterDays)).length,
      waitingLeads: team.waitingLeads.filter((c) => c.ownerId === m.id && isWaitingLead({ createdAt: c.createdAt, firstActivityAt: null }, now, team.firstResponseHours)).length,
      backfilledYesterday: team.backfilled.filter((a) => a.ownerId === m.id && a.recordedAt >= yesterday && a.recordedAt < startOfToday).length,
    }));
  return {
    reps,
    totals: { activitiesThisWeek: team.activityTimes[0]!, activitiesLastWeek: team.activityTimes[1]!, newLeadsThisWeek: team.leadTimes[0]!, newLeadsLastWeek: team.leadTimes[1]! },
  };
}

/** Nothing to say: no email. A manager's digest says something when any rep line or its own items do. */
export function isEmpty(digest: Digest): boolean {
  const repNews = digest.manager?.reps.some((r) => r.overdue + r.stale + r.waitingLeads + r.backfilledYesterday > 0) ?? false;
  return digest.items.length === 0 && !repNews;
}
