import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { DealFieldsSchema, type Deal } from '../../../shared/schema/deal';
import { useApp } from '../appContext';
import { RecordTimeline } from '../timeline/RecordTimeline';
import { LogActivityForm } from '../activity/LogActivityForm';
import { RecordFields } from '../edit/RecordFields';
import { FollowUpForm } from '../followUp/FollowUpForm';
import { FollowUpList } from '../followUp/FollowUpList';
import { formatDateTime } from '../format';
import { stageEnteredAt, wholeDays } from '../../../shared/rules/dealClock';
import { RecordFrame } from '../record/RecordFrame';
import { GateForm, type GateRefusal } from './GateForm';
import { dealsWithNextStep } from './dealProgress';
import { useMoveDeal } from './useMoveDeal';
import { useStageLabel, useStages } from './useStages';

export function DealView({ id }: { id: string }) {
  const { db, t } = useApp();
  const deal = useLiveQuery(async () => (await db.deal.get(id)) ?? null, [db, id]);
  const company = useLiveQuery(async () => (deal?.companyId ? db.company.get(deal.companyId) : undefined), [db, deal?.companyId]);
  const contact = useLiveQuery(async () => (deal?.contactId ? db.contact.get(deal.contactId) : undefined), [db, deal?.contactId]);
  return (
    <RecordFrame entity="deal" record={deal} title={(d) => d.title} testId="deal-view">
      {(deal, writable) => (
        <>
          <p className="sub">{[company?.name, contact?.name].filter(Boolean).join(' · ')}</p>
          <DealClock deal={deal} />
          <StageMover deal={deal} />
          <RecordFields entity="deal" record={deal} readOnly={!writable} />
          <section>
            <h3>{t('nav.followUps')}</h3>
            <NextStepPrompt deal={deal} />
            <FollowUpList filter={{ dealId: deal.id }} />
            <FollowUpForm dealId={deal.id} contactId={deal.contactId} />
          </section>
          <LogActivityForm links={{ dealId: deal.id, contactId: deal.contactId, companyId: deal.companyId }} />
          <StageHistory dealId={deal.id} />
          <RecordTimeline subject={{ dealId: deal.id }} />
        </>
      )}
    </RecordFrame>
  );
}

/**
 * Stage change, checked against the pipeline's gates here (the stages passed on a forward jump
 * included) and again on the server. What is missing is asked for in place; filling it in moves
 * the deal in one change.
 */
function StageMover({ deal }: { deal: Deal }) {
  const { t, locale } = useApp();
  const stages = useStages();
  const label = useStageLabel();
  const moveDeal = useMoveDeal();
  const [target, setTarget] = useState(deal.stageId);
  const [refusal, setRefusal] = useState<GateRefusal | null>(null);
  useEffect(() => setTarget(deal.stageId), [deal.stageId]);

  async function move() {
    setRefusal(await moveDeal(deal, target));
  }

  return (
    <div className="stage-mover">
      <ol className="stages" aria-label={t('deal.pipeline')}>
        {stages.map((s) => (
          <li key={s.id} className={`${s.id === deal.stageId ? 'current' : ''} kind-${s.kind}`} style={{ borderColor: s.color }}>
            {s.label[locale]}
          </li>
        ))}
      </ol>
      <div className="row">
        <select name="stage" value={target} onChange={(e) => (setTarget(e.target.value), setRefusal(null))} aria-label={t('deal.stage')}>
          {stages.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s.id)}
            </option>
          ))}
        </select>
        <button type="button" className="primary" onClick={move} disabled={target === deal.stageId}>
          {t('deal.moveTo')}
        </button>
      </div>
      {refusal && <GateForm deal={deal} refusal={refusal} onDone={() => setRefusal(null)} onCancel={() => (setRefusal(null), setTarget(deal.stageId))} />}
    </div>
  );
}

/**
 * Next-step discipline: an open deal without an open follow-up says so above the follow-up form,
 * after a move or any edit as soon as it is the case (never taking the focus from a field being edited).
 * After any change to an open deal that has one (an edit, a move, a logged activity), it offers
 * to set the next follow-up, which may no longer fit.
 */
function NextStepPrompt({ deal }: { deal: Deal }) {
  const { db, t } = useApp();
  const open = useStages().find((s) => s.id === deal.stageId)?.kind === 'open';
  const hasNextStep = useLiveQuery(async () => (await dealsWithNextStep(db, [deal.id])).has(deal.id), [db, deal.id]);
  // Any change the user can make to the deal: its fields (a move included) and its activities.
  const activities = useLiveQuery(() => db.activity.where('dealId').equals(deal.id).count(), [db, deal.id]);
  const state = activities === undefined ? null : JSON.stringify([Object.keys(DealFieldsSchema.shape).map((f) => deal[f as keyof Deal]), activities]);
  const seen = useRef<string | null>(null);
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    if (state === null) return;
    if (seen.current !== null && seen.current !== state) setOffered(true);
    seen.current = state;
  }, [state]);
  if (!open) return null;
  if (hasNextStep === false) {
    return (
      <p className="banner" role="status" data-testid="next-step-prompt">
        {t('deal.nextStepPrompt')}
      </p>
    );
  }
  if (!offered || !hasNextStep) return null;
  // After a change, the next step is offered even when one is planned: it may no longer fit.
  return (
    <p className="banner" role="status" data-testid="next-step-offer">
      {t('deal.nextStepOffer')}{' '}
      <button type="button" className="link" onClick={() => (setOffered(false), document.querySelector<HTMLInputElement>('[data-testid="deal-view"] input[name="followUpTitle"]')?.focus())}>
        {t('deal.nextStepSet')}
      </button>{' '}
      <button type="button" className="link" onClick={() => setOffered(false)}>
        {t('deal.nextStepLater')}
      </button>
    </p>
  );
}

/** Days in the current stage and the deal's age, from its stage history. */
function DealClock({ deal }: { deal: Deal }) {
  const { db, t } = useApp();
  const label = useStageLabel();
  const changes = useLiveQuery(() => db.stageChange.where('dealId').equals(deal.id).toArray(), [db, deal.id]) ?? [];
  const now = Date.now();
  return (
    <p className="muted small" data-testid="deal-clock">
      {t('deal.clock', { stage: label(deal.stageId), days: wholeDays(stageEnteredAt(deal, changes), now), age: wholeDays(deal.createdAt, now) })}
    </p>
  );
}

function StageHistory({ dealId }: { dealId: string }) {
  const { db, me, t, locale } = useApp();
  const label = useStageLabel();
  const changes = useLiveQuery(() => db.stageChange.where('dealId').equals(dealId).sortBy('changedAt'), [db, dealId]) ?? [];
  if (changes.length === 0) return null;
  return (
    <section>
      <h3>{t('deal.history')}</h3>
      <ol className="history">
        {changes.map((c) => (
          <li key={c.id}>
            {c.fromStageId ? `${label(c.fromStageId)} → ` : ''}
            {label(c.toStageId)} <span className="muted">{formatDateTime(c.changedAt, locale, me.user.timeZone)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
