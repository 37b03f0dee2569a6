import { useLiveQuery } from 'dexie-react-hooks';
import { isBackfilled } from '../../../shared/rules/backfill';
import type { AppDb } from '../../db/appDb';
import { useApp } from '../appContext';
import { useStageLabel } from '../deal/useStages';
import { formatDateTime } from '../format';
import { recordedLate, timelineItems, type TimelineItem } from './timelineItems';

type Subject = { dealId: string } | { contactId: string } | { companyId: string };

/** What belongs to a deal, a contact (and their deals) or a company (its deals and people). */
async function loadHistory(db: AppDb, subject: Subject) {
  if ('dealId' in subject) {
    const [activities, changes, followUps] = await Promise.all([db.activity.where('dealId').equals(subject.dealId).toArray(), db.stageChange.where('dealId').equals(subject.dealId).toArray(), db.followUp.where('dealId').equals(subject.dealId).toArray()]);
    return timelineItems(activities, changes, followUps);
  }
  const byContact = 'contactId' in subject;
  const deals = byContact ? await db.deal.where('contactId').equals(subject.contactId).primaryKeys() : await db.deal.where('companyId').equals(subject.companyId).primaryKeys();
  const contacts = byContact ? [subject.contactId] : await db.contact.where('companyId').equals(subject.companyId).primaryKeys();
  const [activities, changes, byDeal, byPerson] = await Promise.all([
    byContact ? db.activity.where('contactId').equals(subject.contactId).toArray() : db.activity.where('companyId').equals(subject.companyId).toArray(),
    db.stageChange.where('dealId').anyOf(deals).toArray(),
    db.followUp.where('dealId').anyOf(deals).toArray(),
    db.followUp.where('contactId').anyOf(contacts).toArray(),
  ]);
  const followUps = [...new Map([...byDeal, ...byPerson].map((f) => [f.id, f])).values()];
  return timelineItems(activities, changes, followUps);
}

/**
 * A record's timeline: activities, stage moves and follow-ups in the order they happened, newest
 * first; anything recorded more than a day after it happened also says when it was recorded.
 */
export function RecordTimeline({ subject }: { subject: Subject }) {
  const { db, me, t, locale } = useApp();
  const stageLabel = useStageLabel();
  const key = JSON.stringify(subject);
  const items = useLiveQuery(() => loadHistory(db, subject), [db, key]);
  const when = (ms: number) => formatDateTime(ms, locale, me.user.timeZone);
  const memberName = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';

  const line = (item: TimelineItem) => {
    switch (item.kind) {
      case 'activity': {
        const a = item.activity;
        return (
          <>
            <span className="badge">{t(`activity.kind.${a.kind}`)}</span> <strong>{a.subject}</strong>
            {isBackfilled(a) && <span className="badge warn">{t('activity.backfilled')}</span>}
            {a.body && <p>{a.body}</p>}
          </>
        );
      }
      case 'stage':
        return (
          <>
            <span className="badge">{t('timeline.stage')}</span> {item.change.fromStageId ? `${stageLabel(item.change.fromStageId)} → ` : ''}
            {stageLabel(item.change.toStageId)} <span className="muted">· {memberName(item.change.changedBy)}</span>
          </>
        );
      case 'followUpPlanned':
        return (
          <>
            <span className="badge">{t('timeline.planned')}</span> {item.followUp.title} <span className="muted">· {t('timeline.due', { when: when(item.followUp.dueAt) })}</span>
          </>
        );
      case 'followUpDone':
        return (
          <>
            <span className="badge">{t('timeline.done')}</span> {item.followUp.title}
            {item.followUp.outcome && <p>{item.followUp.outcome}</p>}
          </>
        );
    }
  };

  return (
    <section>
      <h3>{t('activity.timeline')}</h3>
      {!items ? (
        <p className="muted">{t('list.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t('activity.none')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {items.map((item) => (
            <li key={item.id} data-kind={item.kind}>
              {line(item)} <span className="muted">{when(item.at)}</span>
              {recordedLate(item) && <span className="muted small"> · {t('timeline.recorded', { when: when(item.recordedAt) })}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
