import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { ActivityTimeline } from '../activity/ActivityTimeline';
import { DealLinks } from '../deal/DealLinks';

export function CompanyView({ id }: { id: string }) {
  const { db, t, navigate } = useApp();
  const company = useLiveQuery(() => db.company.get(id), [db, id]);
  const people = useLiveQuery(() => db.contact.where('companyId').equals(id).filter((c) => c.deletedAt === null).toArray(), [db, id]) ?? [];
  const deals = useLiveQuery(() => db.deal.where('companyId').equals(id).filter((d) => d.deletedAt === null).toArray(), [db, id]) ?? [];
  if (!company) return <p className="muted">{t('list.loading')}</p>;
  return (
    <article className="card record" data-testid="company-view">
      <h2>
        {company.grade && <span className={`grade grade-${company.grade}`}>{company.grade}</span>} {company.name}
      </h2>
      <dl className="details">
        <dt>{t('company.website')}</dt>
        <dd>{company.website ? <a href={company.website} target="_blank" rel="noreferrer">{company.website}</a> : '—'}</dd>
        <dt>{t('lead.phone')}</dt>
        <dd>{company.phone ?? '—'}</dd>
      </dl>
      <section>
        <h3>{t('company.contacts')}</h3>
        <ul className="records">
          {people.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => navigate({ name: 'contact', id: c.id })}>
                {c.name} <span className="sub">{c.title}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <DealLinks deals={deals} />
      <ActivityTimeline filter={{ companyId: id }} />
    </article>
  );
}
