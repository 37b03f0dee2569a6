import { useLiveQuery } from 'dexie-react-hooks';
import { useApp } from '../appContext';
import { RecordTimeline } from '../timeline/RecordTimeline';
import { LogActivityForm } from '../activity/LogActivityForm';
import { DealLinks } from '../deal/DealLinks';
import { RecordFields } from '../edit/RecordFields';
import { FollowUpForm } from '../followUp/FollowUpForm';
import { FollowUpList } from '../followUp/FollowUpList';
import { RecordFrame } from '../record/RecordFrame';
import { MergeHistory } from '../merge/MergeHistory';
import { PossibleDuplicates } from '../merge/PossibleDuplicates';

export function ContactView({ id }: { id: string }) {
  const { db, t, navigate } = useApp();
  const contact = useLiveQuery(async () => (await db.contact.get(id)) ?? null, [db, id]);
  const company = useLiveQuery(async () => (contact?.companyId ? db.company.get(contact.companyId) : undefined), [db, contact?.companyId]);
  const deals = useLiveQuery(() => db.deal.where('contactId').equals(id).filter((d) => d.deletedAt === null).toArray(), [db, id]) ?? [];
  return (
    <RecordFrame entity="contact" record={contact} title={(c) => c.name} testId="contact-view">
      {(contact, writable) => (
        <>
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
          <PossibleDuplicates entity="contact" record={contact} />
          <DealLinks deals={deals} />
          <section>
            <h3>{t('nav.followUps')}</h3>
            <FollowUpList filter={{ contactId: id }} />
            <FollowUpForm contactId={id} dealId={null} />
          </section>
          <LogActivityForm links={{ dealId: null, contactId: id, companyId: contact.companyId }} />
          <RecordTimeline subject={{ contactId: id }} />
          <MergeHistory recordId={id} />
        </>
      )}
    </RecordFrame>
  );
}
