import { useState, type FormEvent } from 'react';
import type { FollowUpKind } from '../../../shared/schema/followUp';
import { KindSelect } from '../edit/KindSelect';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';
import { fromDateInput, toDateInput } from '../format';

const DAY = 86_400_000;

export function FollowUpForm({ dealId, contactId }: { dealId: string | null; contactId: string | null }) {
  const { db, me, t, nudgeSync } = useApp();
  const zone = me.user.timeZone;
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<FollowUpKind>('call');
  const [due, setDue] = useState(toDateInput(Date.now() + DAY, zone));
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const dueAt = fromDateInput(due, zone);
    if (!title.trim()) return setError(t('field.required', { field: t('followUp.title') }));
    if (dueAt === null) return setError(t('field.invalid', { field: t('followUp.due') }));
    await writeLocal(db, me.user, [
      { entity: 'followUp', op: 'create', fields: { kind, title: title.trim(), dueAt, doneAt: null, outcome: null, contactId, dealId } },
    ]);
    setTitle('');
    setError(null);
    nudgeSync();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={t('followUp.add')}>
      <input name="followUpTitle" placeholder={t('followUp.title')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      <div className="row">
        <KindSelect of="followUp" name="followUpKind" value={kind} onChange={setKind} label={t('followUp.kind')} />
        <input name="followUpDue" type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-label={t('followUp.due')} />
        <button type="submit">{t('followUp.save')}</button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
