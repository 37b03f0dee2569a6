import { useLiveQuery } from 'dexie-react-hooks';
import { canWrite } from '../../../shared/rules/visibility';
import { useApp } from '../appContext';
import { DeleteControl } from '../deletion/DeleteControl';
import { RecordFields } from '../edit/RecordFields';
import { ReassignControl } from '../owner/ReassignControl';
import { FollowUpDone, followUpBadges } from './followUpRow';

/** One follow-up: edit what, when and how; tick it done; open what it is about. */
export function FollowUpView({ id }: { id: string }) {
  const { db, me, t, locale, navigate } = useApp();
  const followUp = useLiveQuery(async () => (await db.followUp.get(id)) ?? null, [db, id]);
  const about = useLiveQuery(
    async () => (followUp?.dealId ? db.deal.get(followUp.dealId) : followUp?.contactId ? db.contact.get(followUp.contactId) : undefined),
    [db, followUp?.dealId, followUp?.contactId],
  );
  if (followUp === undefined) return <p className="muted">{t('list.loading')}</p>;
  if (followUp === null) return <p className="empty">{t('record.gone')}</p>;
  const writable = canWrite(me.user, followUp);
  return (
    <article className="card record" data-testid="follow-up-view">
      <div className="row">
        <FollowUpDone followUp={followUp} />
        <h2 className="grow">{followUp.title}</h2>
        {followUp.deletedAt === null && writable && <DeleteControl entity="followUp" record={followUp} />}
      </div>
      {followUp.deletedAt !== null && <DeleteControl entity="followUp" record={followUp} />}
      <p className="sub">{followUpBadges(followUp, t, locale, me.user.timeZone)}</p>
      {about && (
        <p>
          <a href="#" onClick={(e) => (e.preventDefault(), navigate(followUp.dealId ? { name: 'deal', id: about.id } : { name: 'contact', id: about.id }))}>
            {String((about as { title?: string; name?: string }).title ?? (about as { name?: string }).name ?? '')}
          </a>
        </p>
      )}
      <RecordFields entity="followUp" record={followUp} readOnly={!writable} />
      <div className="row small">
        <span className="muted">{t('deal.owner')}</span> <ReassignControl entity="followUp" record={followUp} />
      </div>
    </article>
  );
}
