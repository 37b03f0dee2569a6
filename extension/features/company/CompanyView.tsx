import { useLiveQuery } from 'dexie-react-hooks';
import { canWrite } from '../../../shared/rules/visibility';
import { useApp } from '../appContext';
import { ActivityTimeline } from '../activity/ActivityTimeline';
import { LogActivityForm } from '../activity/LogActivityForm';
import { DealLinks } from '../deal/DealLinks';
import { DeleteControl } from '../deletion/DeleteControl';
import { RecordFields } from '../edit/RecordFields';
import { ReassignControl } from '../owner/ReassignControl';

export function CompanyView({ id }: { id: string }) {
  const { db, me, t, navigate } = useApp();
  const company = useLiveQuery(async () => (await db.company.get(id)) ?? null, [db, id]);
  const people = useLiveQuery(() => db.contact.where('companyId').equals(id).filter((c) => c.deletedAt === null).limit(200).toArray(), [db, id]) ?? [];
  const deals = useLiveQuery(() => db.deal.where('companyId').equals(id).filter((d) => d.deletedAt === null).limit(200).toArray(), [db, id]) ?? [];
  if (company === undefined) return <p className="muted">{t('list.loading')}</p>;
  if (company === null) return <p className="empty">{t('record.gone')}</p>;
  const writable = canWrite(me.user, company);
  return (
    <article className="card record" data-testid="company-view">
      <div className="row">
        <h2 className="grow">
          {company.grade && <span className={`grade grade-${company.grade}`}>{company.grade}</span>} {company.name}
        </h2>
        {company.deletedAt === null && writable && <DeleteControl entity="company" record={company} />}
      </div>
      {company.deletedAt !== null && <DeleteControl entity="company" record={company} />}
      <RecordFields entity="company" record={company} readOnly={!writable} />
      <div className="row small">
        <span className="muted">{t('deal.owner')}</span> <ReassignControl entity="company" record={company} />
      </div>
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
      <ActivityTimeline filter={{ companyId: id }} />
    </article>
  );
}
