import { useLiveQuery } from 'dexie-react-hooks';
import type { FollowUp } from '../../../shared/schema/followUp';
import { useApp } from '../appContext';
import { RecordFields } from '../edit/RecordFields';
import { RecordFrame } from '../record/RecordFrame';
import { FollowUpActions } from './FollowUpActions';
import { FollowUpDone, followUpBadges } from './followUpRow';

/** One follow-up: edit what, when and how; tick it done; open what it is about. */
export function FollowUpView({ id }: { id: string }) {
  const { db, me, t, locale, navigate } = useApp();
  const followUp = useLiveQuery(async () => (await db.followUp.get(id)) ?? null, [db, id]);
  const about = useLiveQuery(
    async () => (followUp?.dealId ? db.deal.get(followUp.dealId) : followUp?.contactId ? db.contact.get(followUp.contactId) : undefined),
    [db, followUp?.dealId, followUp?.contactId],
  );
  const title = (f: FollowUp) => (
    <>
      <FollowUpDone followUp={f} /> {f.title}
    </>
  );
  return (
    <RecordFrame entity="followUp" record={followUp} title={title} testId="follow-up-view">
      {(followUp, writable) => (
        <>
          <p className="sub">{followUpBadges(followUp, t, locale, me.user.timeZone)}</p>
          {about && (
            <p>
              <a href="#" onClick={(e) => (e.preventDefault(), navigate(followUp.dealId ? { name: 'deal', id: about.id } : { name: 'contact', id: about.id }))}>
                {String((about as { title?: string; name?: string }).title ?? (about as { name?: string }).name ?? '')}
              </a>
            </p>
          )}
          {writable && <FollowUpActions followUp={followUp} />}
          <RecordFields entity="followUp" record={followUp} readOnly={!writable} />
        </>
      )}
    </RecordFrame>
  );
}
