import { useLiveQuery } from 'dexie-react-hooks';
import type { MergeableEntity } from '../../../shared/api/merge';
import { companyNameKey, domainKey, findDuplicates } from '../../../shared/rules/dedup';
import { phoneDigits } from '../../search/searchKeys';
import type { Company } from '../../../shared/schema/company';
import type { Contact } from '../../../shared/schema/contact';
import { canWrite } from '../../../shared/rules/visibility';
import { useApp } from '../appContext';

type Found = { id: string; name: string; reasons: string[] };

/**
 * The duplicate warning of a saved contact or company: other live records in the cache with the
 * same phone, domain or name (the same rule a new lead is checked with, plus an identical contact
 * name), each with Merge for those the user may change.
 */
export function PossibleDuplicates({ entity, record }: { entity: MergeableEntity; record: Contact | Company }) {
  const { db, me, t, navigate } = useApp();
  const found = useLiveQuery(async (): Promise<Found[]> => {
    if (entity === 'contact') {
      const c = record as Contact;
      const candidates = [...(c.phones.length ? await db.contact.where('_words').anyOf(c.phones.map(phoneDigits)).toArray() : []), ...(await db.contact.where('name').equals(c.name).toArray())];
      const others = [...new Map(candidates.filter((o) => o.id !== c.id && o.deletedAt === null && canWrite(me.user, o)).map((o) => [o.id, o])).values()];
      const byPhone = findDuplicates({ emails: [], phones: c.phones, companyName: null, domain: null }, { contacts: others, companies: [] }).contacts;
      return others
        .map((o) => ({ id: o.id, name: o.name, reasons: [...(byPhone.find((m) => m.record.id === o.id)?.reasons ?? []), ...(o.name === c.name ? ['name'] : [])] }))
        .filter((m) => m.reasons.length > 0);
    }
    const k = record as Company;
    const keys = [companyNameKey(k.name), domainKey(k.domain ?? k.website ?? '') ?? ''].filter(Boolean);
    const candidates = (await db.company.where('_words').anyOf(keys).toArray()).filter((o) => o.id !== k.id && canWrite(me.user, o));
    const unique = [...new Map(candidates.map((o) => [o.id, o])).values()];
    return findDuplicates({ emails: [], phones: [], companyName: k.name, domain: k.domain ?? k.website ?? null }, { contacts: [], companies: unique }).companies.map((m) => ({ id: m.record.id, name: m.record.name, reasons: m.reasons }));
  }, [db, entity, record, me.user]);
  if (!found || found.length === 0 || !canWrite(me.user, record) || record.deletedAt !== null) return null;
  const reason = (r: string) => (r === 'name' ? t('merge.reason.name') : t(`capture.reason.${r as 'email'}`));
  return (
    <section className="duplicates" data-testid="possible-duplicates">
      <h3>{t('merge.duplicates')}</h3>
      <ul>
        {found.map((m) => (
          <li key={m.id} className="row">
            <span className="grow">
              <strong>{m.name}</strong> · {m.reasons.map(reason).join(t('list.separator'))}
            </span>
            <button type="button" className="link" onClick={() => navigate({ name: 'merge', entity, ids: [record.id, m.id] })}>
              {t('merge.with')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
