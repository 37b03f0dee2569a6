import { useLiveQuery } from 'dexie-react-hooks';
import type { Company } from '../../../shared/schema/company';
import { useApp } from '../appContext';
import { RecordTimeline } from '../timeline/RecordTimeline';
import { LogActivityForm } from '../activity/LogActivityForm';
import { DealLinks } from '../deal/DealLinks';
import { RecordFields } from '../edit/RecordFields';
import { RecordFrame } from '../record/RecordFrame';
import { MergeHistory } from '../merge/MergeHistory';
import { PossibleDuplicates } from '../merge/PossibleDuplicates';
import { GradeSuggestion } from './GradeSuggestion';

export function CompanyView({ id }: { id: string }) {
  const { db, t, navigate } = useApp();
  const company = useLiveQuery(async () => (await db.company.get(id)) ?? null, [db, id]);
  const people = useLiveQuery(() => db.contact.where('companyId').equals(id).filter((c) => c.deletedAt === null).limit(200).toArray(), [db, id]) ?? [];
  const deals = useLiveQuery(() => db.deal.where('companyId').equals(id).filter((d) => d.deletedAt === null).limit(200).toArray(), [db, id]) ?? [];
  const title = (c: Company) => (
    <>
      {c.grade && <span className={`grade grade-${c.grade}`}>{c.grade}</span>} {c.name}
    </>
  );
  return (
    <RecordFrame entity="company" record={company} title={title} testId="company-view">
      {(company, writable) => (
        <>
          <RecordFields entity="company" record={company} readOnly={!writable} />
          <GradeSuggestion company={company} writable={writable} />
          <PossibleDuplicates entity="company" record={company} />
          <section>
            <h3>{t('company.contacts')}</h3>
            {people.length === 0 ? (
              <p className="empty">{t('list.empty.contacts')}</p>
            ) : (
              <ul className="records">
                {people.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="record-row" onClick={() => navigate({ name: 'contact', id: c.id })}>
                      <span className="title">{c.name}</span> <span className="sub">{c.title}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <DealLinks deals={deals} />
          <LogActivityForm links={{ dealId: null, contactId: null, companyId: id }} />
          <RecordTimeline subject={{ companyId: id }} />
          <MergeHistory recordId={id} />
        </>
      )}
    </RecordFrame>
  );
}
