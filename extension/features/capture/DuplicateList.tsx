import type { Match } from '../../../shared/rules/dedup';
import type { Company } from '../../../shared/schema/company';
import { useApp } from '../appContext';
import type { ContactMatch } from './useDuplicates';
import { AskForCustomer } from '../claims/AskForCustomer';

/** Existing contacts and companies a new lead matches, with owners and what matched. */
export function DuplicateList(props: {
  contacts: ContactMatch[];
  companies: Match<Company>[];
  companyId: string | null;
  onCompany: (id: string | null) => void;
  attachId?: string | null;
  onAttach?: (id: string | null) => void;
}) {
  const { me, t } = useApp();
  if (props.contacts.length === 0 && props.companies.length === 0) return null;
  const memberName = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  const reasons = (r: string[]) => t('capture.matchedBy', { reasons: r.map((x) => t(`capture.reason.${x as 'email'}`)).join(', ') });
  return (
    <section className="duplicates" data-testid="duplicates" aria-label={t('capture.duplicates')}>
      <h3>{t('capture.duplicates')}</h3>
      <ul>
        {props.contacts.map((m) => (
          <li key={m.id}>
            <span>
              <strong>{m.name ?? t('capture.hidden')}</strong> · {t('capture.owner', { name: m.ownerName })} · {reasons(m.reasons)}
            </span>
            {m.ownerId !== me.user.id && <AskForCustomer contactId={m.id} ownerName={m.ownerName} />}
            {m.attachable && props.onAttach && (
              <label className="check">
                <input type="checkbox" checked={props.attachId === m.id} onChange={(e) => props.onAttach!(e.target.checked ? m.id : null)} /> {t('capture.attach')}
              </label>
            )}
          </li>
        ))}
        {props.companies.map((m) => (
          <li key={m.record.id}>
            <span>
              <strong>{m.record.name}</strong> · {t('capture.owner', { name: memberName(m.record.ownerId) })} · {reasons(m.reasons)}
            </span>
            <label className="check">
              <input type="checkbox" checked={props.companyId === m.record.id} onChange={(e) => props.onCompany(e.target.checked ? m.record.id : null)} /> {t('capture.useCompany')}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
