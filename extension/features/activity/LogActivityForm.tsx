import { useState, type FormEvent } from 'react';
import { ActivityFieldsSchema, type Activity } from '../../../shared/schema/activity';
import type { FollowUpKind } from '../../../shared/schema/followUp';
import { KindSelect } from '../edit/KindSelect';
import { writeLocal, type LocalChange } from '../../db/localWrite';
import { useApp } from '../appContext';
import { fromDateInput, fromDateTimeInput, toDateInput, toDateTimeInput } from '../format';

type Links = { dealId: string | null; contactId: string | null; companyId: string | null };
const DAY = 86_400_000;

/**
 * Log what happened — a call, visit, meeting, note or email — with when it happened (now unless
 * changed: the server stamps recordedAt, so back-filling shows) and, in the same save, the next
 * follow-up if there is one.
 */
export function LogActivityForm({ links }: { links: Links }) {
  const { db, me, t, nudgeSync, notify } = useApp();
  const zone = me.user.timeZone;
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Activity['kind']>('call');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [when, setWhen] = useState(() => toDateTimeInput(Date.now(), zone));
  const [next, setNext] = useState('');
  const [nextKind, setNextKind] = useState<FollowUpKind>('call');
  const [nextDue, setNextDue] = useState(() => toDateInput(Date.now() + DAY, zone));
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (!open) {
    return (
      <button type="button" onClick={() => (setWhen(toDateTimeInput(Date.now(), zone)), setOpen(true))}>
        + {t('activity.log')}
      </button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const occurredAt = fromDateTimeInput(when, zone);
    const dueAt = next.trim() ? fromDateInput(nextDue, zone) : null;
    const problems: Record<string, string> = {};
    if (occurredAt === null) problems.when = t('field.invalid', { field: t('field.activity.occurredAt') });
    else if (occurredAt > Date.now() + 5 * 60_000) problems.when = t('activity.future');
    if (!subject.trim() && !body.trim()) problems.subject = t('field.required', { field: t('field.activity.subject') });
    if (next.trim() && dueAt === null) problems.nextDue = t('field.invalid', { field: t('followUp.due') });
    const fields = { kind, occurredAt: occurredAt ?? 0, subject: subject.trim() || null, body: body.trim(), sourceUrl: null, ...links };
    if (!problems.when && !ActivityFieldsSchema.safeParse(fields).success) problems.subject = t('field.invalid', { field: t('field.activity.subject') });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const changes: LocalChange[] = [{ entity: 'activity', op: 'create', fields }];
    if (next.trim()) {
      changes.push({ entity: 'followUp', op: 'create', fields: { kind: nextKind, title: next.trim(), dueAt: dueAt!, doneAt: null, outcome: null, contactId: links.contactId, dealId: links.dealId } });
    }
    const ids = await writeLocal(db, me.user, changes);
    nudgeSync();
    notify({
      text: t('activity.logged'),
      undo: async () => {
        await writeLocal(db, me.user, changes.map((c, i) => ({ entity: c.entity, op: 'delete' as const, recordId: ids[i]! })));
        nudgeSync();
      },
    });
    setSubject('');
    setBody('');
    setNext('');
    setOpen(false);
  }

  return (
    <form className="card inline-form" onSubmit={submit} noValidate aria-label={t('activity.log')} data-testid="log-activity">
      <div className="row">
        <KindSelect of="activity" value={kind} onChange={setKind} label={t('field.activity.kind')} />
        <input type="datetime-local" aria-label={t('field.activity.occurredAt')} aria-invalid={!!errors.when} value={when} onChange={(e) => setWhen(e.target.value)} />
      </div>
      {errors.when && <span className="error" role="alert">{errors.when}</span>}
      <input aria-label={t('field.activity.subject')} placeholder={t('field.activity.subject')} aria-invalid={!!errors.subject} value={subject} maxLength={300} onChange={(e) => setSubject(e.target.value)} autoFocus />
      {errors.subject && <span className="error" role="alert">{errors.subject}</span>}
      <textarea aria-label={t('field.activity.body')} placeholder={t('field.activity.body')} value={body} maxLength={10_000} rows={3} onChange={(e) => setBody(e.target.value)} />
      <fieldset className="next-step">
        <legend>{t('activity.nextFollowUp')}</legend>
        <input aria-label={t('activity.nextTitle')} placeholder={t('activity.nextTitle')} value={next} maxLength={200} onChange={(e) => setNext(e.target.value)} />
        <div className="row">
          <KindSelect of="followUp" value={nextKind} onChange={setNextKind} label={t('followUp.kind')} />
          <input type="date" aria-label={t('activity.nextDue')} aria-invalid={!!errors.nextDue} value={nextDue} onChange={(e) => setNextDue(e.target.value)} />
        </div>
        {errors.nextDue && <span className="error" role="alert">{errors.nextDue}</span>}
      </fieldset>
      <div className="row">
        <button type="submit" className="primary">
          {t('activity.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('lead.cancel')}
        </button>
      </div>
    </form>
  );
}
