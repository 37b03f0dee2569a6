import { canSee } from '../../../../shared/rules/visibility';
import { Rejection } from '../rejection';
import type { Change, EntityRules } from './entityRules';
import { checkPhones } from './phoneRules';

const emailsOf = (row: Record<string, unknown> | null): string[] => (row && row.deletedAt === null ? (row.emails as string[]) : []);

/**
 * One live contact per email within a team. The refusal names who holds it (the contact itself
 * only to someone who may see it). The partial unique index on lookup_keys enforces the same
 * rule in the database, so even a write that slipped past this check could not land.
 */
export const contactRules: EntityRules = {
  check(ctx, change) {
    if (change.fields && 'phones' in change.fields) checkPhones(change.fields.phones, 'fields.phones');
    for (const email of claimed(change)) {
      const holder = ctx.emailHolders.get(email);
      if (!holder || holder.contactId === change.after.id) continue;
      const visible = canSee(ctx.viewer, 'contact', { ownerId: holder.ownerId });
      const who = visible ? `${holder.contactName} (owner: ${holder.ownerName})` : `a contact owned by ${holder.ownerName}`;
      throw new Rejection('conflict', `${email} already belongs to ${who}`, 'fields.emails', {
        entity: 'contact',
        id: holder.contactId,
        ownerId: holder.ownerId,
        ownerName: holder.ownerName,
      });
    }
  },

  apply(ctx, change) {
    const id = change.after.id;
    for (const email of emailsOf(change.before)) if (ctx.emailHolders.get(email)?.contactId === id) ctx.emailHolders.delete(email);
    const ownerName = ctx.members.find((m) => m.id === change.after.ownerId)?.name ?? (change.after.ownerId === ctx.viewer.id ? ctx.viewer.name : '');
    for (const email of emailsOf(change.after)) {
      ctx.emailHolders.set(email, { contactId: id, contactName: change.after.name as string, ownerId: change.after.ownerId, ownerName });
    }
  },
};

/** Emails this change makes the contact hold that it did not hold before. */
function claimed(change: Change): string[] {
  const before = new Set(emailsOf(change.before));
  return emailsOf(change.after).filter((e) => !before.has(e));
}

