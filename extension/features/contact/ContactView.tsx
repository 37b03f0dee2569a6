import { useLiveQuery } from 'dexie-react-hooks';
import { canWrite } from '../../../shared/rules/visibility';
import { useApp } from '../appContext';
import { ActivityTimeline } from '../activity/ActivityTimeline';
import { LogActivityForm } from '../activity/LogActivityForm';
import { DealLinks } from '../deal/DealLinks';
import { DeleteControl } from '../deletion/DeleteControl';
import { RecordFields } from '../edit/RecordFields';
import { FollowUpForm } from '../followUp/FollowUpForm';
import { FollowUpList } from '../followUp/FollowUpList';
import { ReassignControl } from '../owner/ReassignControl';

export function ContactView({ id }: { id: string }) {
  const { db, me, t, navigate } = useApp();
  const contact = useLiveQuery(async () => (await db.contact.get(id)) ?? null, [db, id]);
  const company = useLiveQuery(async () => (contact?.companyId ? db.company.get(contact.companyId) : undefined), [db, contact?.companyId]);
  const deals = useLiveQuery(() => db.deal.where('contactId').equals(id).filter((d) => d.deletedAt === null).toArray(), [db, id]) ?? [];
  if (contact === undefined) return <p className="muted">{t('list.loading')}</p>;
  if (contact === null) return <p className="empty">{t('record.gone')}</p>;
  const writable = canWrite(me.user, contact);
  return (
    <article className="card record" data-testid="contact-view">
      <div className="row">
        <h2 className="grow">{contact.name}</h2>
        {contact.deletedAt === null && writable && <DeleteControl entity="contact" record={contact} />}
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
      <RecordFields entity="contact" record={contact} readOnly={!writable} />
      <div className="row small">
        <span className="muted">{t('deal.owner')}</span> <ReassignControl entity="contact" record={contact} />
      </div>
      <DealLinks deals={deals} />
      <section>
        <h3>{t('nav.followUps')}</h3>
        <FollowUpList filter={{ contactId: id }} />
        <FollowUpForm contactId={id} dealId={null} />
      </section>
      <LogActivityForm links={{ dealId: null, contactId: id, companyId: contact.companyId }} />
      <ActivityTimeline filter={{ contactId: id }} />
    </article>
  );
}
