import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { ActivityTimeline } from '../activity/ActivityTimeline';
import { DealLinks } from '../deal/DealLinks';
import { DeleteControl } from '../deletion/DeleteControl';
import { FollowUpForm } from '../followUp/FollowUpForm';
import { FollowUpList } from '../followUp/FollowUpList';

export function ContactView({ id }: { id: string }) {
  const { db, t, navigate } = useApp();
  const contact = useLiveQuery(() => db.contact.get(id), [db, id]);
  const company = useLiveQuery(async () => (contact?.companyId ? db.company.get(contact.companyId) : undefined), [db, contact?.companyId]);
  const deals = useLiveQuery(() => db.deal.where('contactId').equals(id).filter((d) => d.deletedAt === null).toArray(), [db, id]) ?? [];
  if (!contact) return <p className="muted">{t('list.loading')}</p>;
  return (
    <article className="card record" data-testid="contact-view">
      <div className="row">
        <h2 className="grow">{contact.name}</h2>
        {contact.deletedAt === null && <DeleteControl entity="contact" record={contact} />}
      </div>
      {contact.deletedAt !== null && <DeleteControl entity="contact" record={contact} />}
      <p className="sub">
        {contact.title}
        {company && (
          <>
            {' · '}
            <a href="#" onClick={(e) => (e.preventDefault(), navigate({ name: 'company', id: company.id }))}>
              {company.name}
            </a>
          </>
        )}
      </p>
      <dl className="details">
        <dt>{t('contact.emails')}</dt>
        <dd>{contact.emails.map((e) => <a key={e} href={`mailto:${e}`}>{e}</a>)}</dd>
        <dt>{t('contact.phones')}</dt>
        <dd>{contact.phones.map((p) => <a key={p} href={`tel:${p}`}>{p}</a>)}</dd>
      </dl>
      <DealLinks deals={deals} />
      <section>
        <h3>{t('nav.followUps')}</h3>
        <FollowUpList filter={{ contactId: id }} />
        <FollowUpForm contactId={id} dealId={null} />
      </section>
      <ActivityTimeline filter={{ contactId: id }} />
    </article>
  );
}
