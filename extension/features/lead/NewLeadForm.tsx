import { useLiveQuery } from 'dexie-react-hooks';
import { NEW_DEAL_DEFAULTS } from '../../../shared/schema/deal';
import { useMemo, useState, type FormEvent } from 'react';
import { ulid } from 'ulidx';
import { ContactFieldsSchema } from '../../../shared/schema/contact';
import { toMinorUnits } from '../../../shared/rules/money';
import { writeLocal, type LocalChange } from '../../db/localWrite';
import { useApp } from '../appContext';
import { useStages } from '../deal/useStages';
import { DuplicateList } from '../capture/DuplicateList';
import { useDuplicates } from '../capture/useDuplicates';
import { companyDomainOf } from '../../../shared/extract/mailDomain';
import { loadPhoneTools, usePhoneTools } from '../../phone/phoneTools';

const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD'];

/**
 * A lead is a contact, their company (reused when the name already exists) and a deal at the
 * pipeline's first stage, saved in one local transaction and pushed together.
 */
export function NewLeadForm() {
  const { db, me, t, navigate, nudgeSync } = useApp();
  const firstStage = useStages()[0]!;
  const [form, setForm] = useState({ name: '', email: '', phone: '', title: '', company: '', dealTitle: '', amount: '', currency: me.team.defaultCurrency });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [useCompanyId, setUseCompanyId] = useState<string | null>(null);
  const phoneTools = usePhoneTools();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const candidate = useMemo(
    () => ({
      emails: form.email.trim() ? [form.email.trim().toLowerCase()] : [],
      // Only a number that parses is looked up: the server keys and stores phones in E.164.
      phones: form.phone.trim() && phoneTools ? [phoneTools.normalize(form.phone, 'CN')].filter((p): p is string => p !== null) : [],
      companyName: form.company.trim() || null,
      domain: companyDomainOf(form.email.trim()),
    }),
    [form.email, form.phone, form.company, phoneTools],
  );
  const duplicates = useDuplicates(candidate);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const emails = candidate.emails;
    // Stored in E.164 (national numbers read as CN); a number that does not parse is refused here, not sent.
    const typedPhone = form.phone.trim();
    const e164 = typedPhone ? (await loadPhoneTools()).normalize(typedPhone, 'CN') : null;
    const phones = e164 ? [e164] : [];
    if (!form.name.trim()) problems.name = t('field.required', { field: t('lead.contactName') });
    if (!ContactFieldsSchema.shape.emails.safeParse(emails).success) problems.email = t('field.invalid', { field: t('lead.email') });
    if ((typedPhone && !e164) || !ContactFieldsSchema.shape.phones.safeParse(phones).success) problems.phone = t('field.invalid', { field: t('lead.phone') });
    const amountMinor = toMinorUnits(form.amount, form.currency);
    if (Number.isNaN(amountMinor)) problems.amount = t('field.invalid', { field: t('lead.amount') });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;

    setSaving(true);
    const companyName = form.company.trim();
    const existing = useCompanyId
      ? await db.company.get(useCompanyId)
      : companyName
        ? await db.company.where('name').equals(companyName).filter((c) => c.deletedAt === null).first()
        : undefined;
    const companyId = existing?.id ?? (companyName ? ulid() : null);
    const contactId = ulid();
    const dealId = ulid();
    const changes: LocalChange[] = [];
    if (companyName && !existing) {
      changes.push({ entity: 'company', op: 'create', recordId: companyId!, fields: { name: companyName, domain: null, website: null, phone: null, address: null, industry: null, grade: null } });
    }
    changes.push(
      { entity: 'contact', op: 'create', recordId: contactId, fields: { name: form.name.trim(), emails, phones, title: form.title.trim() || null, companyId, source: 'manual', sourceUrl: null } },
      {
        entity: 'deal',
        op: 'create',
        recordId: dealId,
        fields: {
          ...NEW_DEAL_DEFAULTS,
          title: form.dealTitle.trim() || [companyName, form.name.trim()].filter(Boolean).join(' · '),
          companyId,
          contactId,
          stageId: firstStage.id,
          amountMinor: amountMinor as number | null,
          currency: form.currency,
        },
      },
    );
    await writeLocal(db, me.user, changes);
    nudgeSync();
    setSaving(false);
    navigate({ name: 'deal', id: dealId });
  }

  const field = (key: keyof typeof form, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input name={key} value={form[key]} onChange={set(key)} aria-invalid={Boolean(errors[key])} {...props} />
      {errors[key] && <span className="error" role="alert">{errors[key]}</span>}
    </label>
  );

  return (
    <form className="card lead-form" onSubmit={submit} noValidate aria-labelledby="lead-title" onKeyDown={(e) => e.key === 'Escape' && navigate({ name: 'list', tab: 'deals' })}>
      <h2 id="lead-title">{t('lead.title')}</h2>
      <DuplicateList contacts={duplicates.contacts} companies={duplicates.companies} companyId={useCompanyId} onCompany={setUseCompanyId} />
      {field('name', `${t('lead.contactName')} *`, { autoFocus: true, maxLength: 200 })}
      {field('email', t('lead.email'), { type: 'email', maxLength: 254 })}
      {field('phone', t('lead.phone'), { type: 'tel', maxLength: 40 })}
      {field('title', t('lead.jobTitle'), { maxLength: 200 })}
      {field('company', t('lead.company'), { maxLength: 200, list: 'company-names' })}
      <CompanyNames />
      {field('dealTitle', t('lead.dealTitle'), { maxLength: 200 })}
      <div className="row">
        {field('amount', t('lead.amount'), { inputMode: 'decimal' })}
        <label>
          {t('lead.currency')}
          <select name="currency" value={form.currency} onChange={set('currency')}>
            {[...new Set([me.team.defaultCurrency, ...CURRENCIES])].map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={saving}>
          {t('lead.save')}
        </button>
        <button type="button" onClick={() => navigate({ name: 'list', tab: 'deals' })}>
          {t('lead.cancel')}
        </button>
      </div>
    </form>
  );
}

function CompanyNames() {
  const { db } = useApp();
  const names = useLiveQuery(() => db.company.orderBy('name').uniqueKeys(), [db]) ?? [];
  return (
    <datalist id="company-names">
      {names.map((n) => (
        <option key={String(n)} value={String(n)} />
      ))}
    </datalist>
  );
}
