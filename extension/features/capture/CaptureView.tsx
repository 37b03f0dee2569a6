import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { LeadDraft } from '../../../shared/extract/captureSchemas';
import { companyDomainOf } from '../../../shared/extract/mailDomain';
import { ContactFieldsSchema } from '../../../shared/schema/contact';
import type { PendingCapture } from '../../capture/pendingCapture';
import { useApp } from '../appContext';
import { useStages } from '../deal/useStages';
import { saveCapture, type CaptureForm } from './saveCapture';
import { DuplicateList } from './DuplicateList';
import { PhoneNotes } from './PhoneNotes';
import { useDuplicates } from './useDuplicates';

const toForm = (lead: LeadDraft): CaptureForm => ({
  name: lead.name ?? '',
  title: lead.title ?? '',
  company: lead.company ?? '',
  emails: lead.emails,
  phones: lead.phones,
  website: lead.website ?? '',
  address: lead.address ?? '',
});
const lines = (text: string) => text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);

/**
 * The lead a capture pre-filled: the sender (or another person on the thread), what already
 * exists in Sidecar and whose it is, and a save that attaches instead of duplicating.
 */
export function CaptureView({ pending }: { pending: PendingCapture }) {
  const { db, me, t, navigate, nudgeSync } = useApp();
  const firstStage = useStages()[0]!;
  const { draft } = pending;
  const people = useMemo(() => [draft.lead, ...draft.others.filter((o) => !o.emails.includes(me.user.email))], [draft, me.user.email]);
  const [person, setPerson] = useState(0);
  const [form, setForm] = useState<CaptureForm>(() => toForm(draft.lead));
  const [emailsText, setEmailsText] = useState(form.emails.join('\n'));
  const [phonesText, setPhonesText] = useState(form.phones.join('\n'));
  const [logEmail, setLogEmail] = useState(draft.activity !== null);
  const [createDeal, setCreateDeal] = useState(true);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [attachId, setAttachId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const next = toForm(people[person]!);
    setForm(next);
    setEmailsText(next.emails.join('\n'));
    setPhonesText(next.phones.join('\n'));
    setAttachId(null);
    setCompanyId(null);
  }, [person, people]);

  // Where the extractor read each value (shown on hover), for the sender only: others have no draft sources.
  const sourceOf = (field: keyof NonNullable<typeof draft.sources>): string | undefined => {
    const source = person === 0 ? draft.sources?.[field] : undefined;
    if (!source) return undefined;
    return source.from === 'signature' ? t('capture.source.signature', { line: source.line }) : t(`capture.source.${source.from}`);
  };

  const candidate = useMemo(
    () => ({ emails: lines(emailsText), phones: lines(phonesText), companyName: form.company.trim() || null, domain: form.website.trim() || lines(emailsText).map(companyDomainOf).find(Boolean) || null }),
    [emailsText, phonesText, form.company, form.website],
  );
  const { contacts: contactMatches, companies: companyMatches } = useDuplicates(candidate);
  // The first matching company is reused by default: twins are the problem Sidecar exists to stop.
  useEffect(() => setCompanyId((current) => current ?? companyMatches[0]?.record.id ?? null), [companyMatches]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const emails = lines(emailsText).map((e) => e.toLowerCase());
    const phones = lines(phonesText);
    if (!attachId && !form.name.trim()) return setError(t('field.required', { field: t('lead.contactName') }));
    if (!ContactFieldsSchema.shape.emails.safeParse(emails).success) return setError(t('field.invalid', { field: t('lead.email') }));
    if (!ContactFieldsSchema.shape.phones.safeParse(phones).success) return setError(t('field.invalid', { field: t('lead.phone') }));
    setSaving(true);
    try {
      const attachTo = attachId ? ((await db.contact.get(attachId)) ?? null) : null;
      const contactId = await saveCapture(db, me.user, { ...form, emails, phones }, {
        source: draft.source,
        sourceUrl: draft.sourceUrl,
        companyId: attachTo ? attachTo.companyId : companyId,
        attachTo,
        createDeal,
        firstStageId: firstStage.id,
        currency: me.team.defaultCurrency,
        activity: logEmail ? draft.activity : null,
      });
      await db.meta.delete('pendingCapture');
      nudgeSync();
      navigate({ name: 'contact', id: contactId });
    } catch (err) {
      setError(t.error({ code: 'bad_request' }));
    } finally {
      setSaving(false);
    }
  }

  const set = (key: keyof CaptureForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  return (
    <form className="card capture" onSubmit={submit} noValidate aria-labelledby="capture-title" data-testid="capture-view" onKeyDown={(e) => e.key === 'Escape' && void db.meta.delete('pendingCapture')}>
      <h2 id="capture-title">{t('capture.title')}</h2>
      <p className="sub wrap-anywhere">{draft.activity ? t('capture.fromMail', { subject: draft.activity.subject }) : t('capture.fromPage', { url: draft.sourceUrl ?? '' })}</p>
      {people.length > 1 && (
        <label>
          {t('capture.person')}
          <select name="person" value={person} onChange={(e) => setPerson(Number(e.target.value))}>
            {people.map((p, i) => (
              <option key={i} value={i}>
                {(p.name ?? p.emails[0] ?? '?') + (i === 0 && draft.activity ? ` (${t('capture.sender')})` : '')}
              </option>
            ))}
          </select>
        </label>
      )}
      <DuplicateList contacts={contactMatches} companies={companyMatches} companyId={companyId} onCompany={setCompanyId} attachId={attachId} onAttach={setAttachId} />
      <label>
        {t('lead.contactName')} *
        <input name="name" title={sourceOf('name')} value={form.name} onChange={set('name')} maxLength={200} autoFocus />
      </label>
      <label>
        {t('lead.jobTitle')}
        <input name="title" title={sourceOf('title')} value={form.title} onChange={set('title')} maxLength={200} />
      </label>
      <label>
        {t('lead.company')}
        <input name="company" title={sourceOf('company')} value={form.company} onChange={set('company')} maxLength={200} />
      </label>
      <label>
        {t('capture.emails')}
        <textarea name="emails" title={sourceOf('emails')} rows={2} value={emailsText} onChange={(e) => setEmailsText(e.target.value)} />
      </label>
      <label>
        {t('capture.phones')}
        <textarea name="phones" title={sourceOf('phones')} rows={2} value={phonesText} onChange={(e) => setPhonesText(e.target.value)} />
      </label>
      <PhoneNotes details={people[person]!.phoneDetails ?? []} />
      <label>
        {t('capture.website')}
        <input name="website" title={sourceOf('website')} value={form.website} onChange={set('website')} maxLength={2048} />
      </label>
      <label>
        {t('capture.address')}
        <input name="address" title={sourceOf('address')} value={form.address} onChange={set('address')} maxLength={500} />
      </label>
      {draft.activity && (
        <label className="check">
          <input type="checkbox" checked={logEmail} onChange={(e) => setLogEmail(e.target.checked)} /> {t('capture.logEmail')}
        </label>
      )}
      {!attachId && (
        <label className="check">
          <input type="checkbox" checked={createDeal} onChange={(e) => setCreateDeal(e.target.checked)} /> {t('capture.createDeal')}
        </label>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {t('capture.save')}
        </button>
        <button type="button" onClick={() => void db.meta.delete('pendingCapture')}>
          {t('capture.discard')}
        </button>
      </div>
    </form>
  );
}
