import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { HandoverCounts } from '../../shared/api/handover';
import { jsonEach } from '../db/jsonParam';
import { activities, companies, contacts, deals, followUps } from '../db/schema';
import type { Db } from '../env';

export type HandoverScope = Record<keyof HandoverCounts, string[]>;

/**
 * The live records a handover moves, read in one batch. All of a member's records, or the
 * chosen contacts with their deals, and the open follow-ups and activities of those contacts
 * and deals. Done follow-ups and stage history stay where they are (history), and a deleted
 * record stays with whoever deleted it.
 */
export async function handoverScope(db: Db, teamId: string, fromUserId: string, contactIds?: string[]): Promise<HandoverScope> {
  const owned = <T extends { teamId: any; ownerId: any; deletedAt: any }>(t: T) => and(eq(t.teamId, teamId), eq(t.ownerId, fromUserId), isNull(t.deletedAt))!;
  let contactOf: SQL | undefined;
  let dealOf: SQL | undefined;
  if (contactIds) {
    const chosen = jsonEach(contactIds);
    const movedDeals = db.select({ id: deals.id }).from(deals).where(and(owned(deals), inArray(deals.contactId, chosen)));
    contactOf = inArray(contacts.id, chosen);
    dealOf = inArray(deals.contactId, chosen);
    const [contactRows, dealRows, followUpRows, activityRows] = await db.batch([
      db.select({ id: contacts.id }).from(contacts).where(and(owned(contacts), contactOf)),
      db.select({ id: deals.id }).from(deals).where(and(owned(deals), dealOf)),
      db.select({ id: followUps.id }).from(followUps).where(and(owned(followUps), isNull(followUps.doneAt), or(inArray(followUps.contactId, chosen), inArray(followUps.dealId, movedDeals)))),
      db.select({ id: activities.id }).from(activities).where(and(owned(activities), or(inArray(activities.contactId, chosen), inArray(activities.dealId, movedDeals)))),
    ]);
    return { company: [], contact: ids(contactRows), deal: ids(dealRows), followUp: ids(followUpRows), activity: ids(activityRows) };
  }
  const [companyRows, contactRows, dealRows, followUpRows, activityRows] = await db.batch([
    db.select({ id: companies.id }).from(companies).where(owned(companies)),
    db.select({ id: contacts.id }).from(contacts).where(owned(contacts)),
    db.select({ id: deals.id }).from(deals).where(owned(deals)),
    db.select({ id: followUps.id }).from(followUps).where(and(owned(followUps), isNull(followUps.doneAt))),
    db.select({ id: activities.id }).from(activities).where(owned(activities)),
  ]);
  return { company: ids(companyRows), contact: ids(contactRows), deal: ids(dealRows), followUp: ids(followUpRows), activity: ids(activityRows) };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export function countsOf(scope: HandoverScope): HandoverCounts {
  return { company: scope.company.length, contact: scope.contact.length, deal: scope.deal.length, followUp: scope.followUp.length, activity: scope.activity.length };
}
