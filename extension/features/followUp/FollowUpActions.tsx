import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ActivityKindSchema } from '../../../shared/schema/activity';
import type { FollowUp, FollowUpKind } from '../../../shared/schema/followUp';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';

const DAY = 86_400_000;

/** What a done follow-up becomes on the timeline: the same kind of contact ("other" is a note). */
const ACTIVITY_OF: Record<FollowUpKind, z.infer<typeof ActivityKindSchema>> = { call: 'call', email: 'email', visit: 'visit', meeting: 'meeting', other: 'note' };

/**
 * An open follow-up's actions: complete it with what came of it (the outcome is logged as an
 * activity on the same deal and contact, in the same local write), or snooze it a day or a week
 * from whichever is later, its due date or now. Undo on the toast restores it.
 */
export function FollowUpActions({ followUp }: { followUp: FollowUp }) {
  const { db, me, t, nudgeSync, notify } = useApp();
  const [outcome, setOutcome] = useState('');
  if (followUp.doneAt !== null) return null;

  async function complete(event: FormEvent) {
    event.preventDefault();
    const now = Date.now();
    const deal = followUp.dealId ? await db.deal.get(followUp.dealId) : undefined;
    const contact = followUp.contactId ? await db.contact.get(followUp.contactId) : undefined;
    const text = outcome.trim();
    await writeLocal(db, me.user, [
      { entity: 'followUp', op: 'update', recordId: followUp.id, fields: { doneAt: now, outcome: text || null } },
      {
        entity: 'activity',
        op: 'create',
        fields: { kind: ACTIVITY_OF[followUp.kind], occurredAt: now, subject: followUp.title, body: text, sourceUrl: null, dealId: followUp.dealId, contactId: followUp.contactId, companyId: deal?.companyId ?? contact?.companyId ?? null },
      },
    ]);
    setOutcome('');
    nudgeSync();
    notify({ text: t('followUp.completed') });
  }

  async function snooze(days: number) {
    const dueAt = Math.max(followUp.dueAt, Date.now()) + days * DAY;
    const before = followUp.dueAt;
    await writeLocal(db, me.user, [{ entity: 'followUp', op: 'update', recordId: followUp.id, fields: { dueAt } }]);
    nudgeSync();
    notify({
      text: t('followUp.snoozed'),
      undo: async () => {
        await writeLocal(db, me.user, [{ entity: 'followUp', op: 'update', recordId: followUp.id, fields: { dueAt: before } }]);
        nudgeSync();
      },
    });
  }

  return (
    <form className="inline-form" onSubmit={complete} aria-label={t('followUp.complete')} data-testid="follow-up-actions">
      <textarea name="outcome" rows={2} placeholder={t('followUp.outcomePlaceholder')} aria-label={t('followUp.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value)} maxLength={2000} />
      <div className="row">
        <button type="submit" className="primary">
          {t('followUp.complete')}
        </button>
        <button type="button" onClick={() => void snooze(1)}>
          {t('followUp.snoozeDay')}
        </button>
        <button type="button" onClick={() => void snooze(7)}>
          {t('followUp.snoozeWeek')}
        </button>
      </div>
    </form>
  );
}
