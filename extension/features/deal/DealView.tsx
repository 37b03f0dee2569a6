import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { checkStageGate } from '../../../shared/rules/stageGate';
import { formatMoney, minorDigits, toMinorUnits } from '../../../shared/rules/money';
import type { Deal } from '../../../shared/schema/deal';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';
import { ActivityTimeline } from '../activity/ActivityTimeline';
import { DeleteControl } from '../deletion/DeleteControl';
import { FollowUpForm } from '../followUp/FollowUpForm';
import { FollowUpList } from '../followUp/FollowUpList';
import { formatDateTime, fromDateInput, toDateInput } from '../format';
import { useStageLabel, useStages } from './useStages';

export function DealView({ id }: { id: string }) {
  const { db, t } = useApp();
  const deal = useLiveQuery(() => db.deal.get(id), [db, id]);
  const company = useLiveQuery(async () => (deal?.companyId ? db.company.get(deal.companyId) : undefined), [db, deal?.companyId]);
  const contact = useLiveQuery(async () => (deal?.contactId ? db.contact.get(deal.contactId) : undefined), [db, deal?.contactId]);
  if (deal === undefined) return <p className="muted">{t('list.loading')}</p>;
  return (
    <article className="card record" data-testid="deal-view">
      <div className="row">
        <h2 className="grow">{deal.title}</h2>
        {deal.deletedAt === null && <DeleteControl entity="deal" record={deal} />}
      </div>
      {deal.deletedAt !== null && <DeleteControl entity="deal" record={deal} />}
      <p className="sub">{[company?.name, contact?.name].filter(Boolean).join(' · ')}</p>
      <StageMover deal={deal} />
      <DealDetails deal={deal} />
      <section>
        <h3>{t('nav.followUps')}</h3>
        <FollowUpList filter={{ dealId: deal.id }} />
        <FollowUpForm dealId={deal.id} contactId={deal.contactId} />
      </section>
      <StageHistory dealId={deal.id} />
      <ActivityTimeline filter={{ dealId: deal.id }} />
    </article>
  );
}

/** Stage change, checked against the stage's required fields here and again on the server. */
function StageMover({ deal }: { deal: Deal }) {
  const { db, me, t, locale, nudgeSync } = useApp();
  const stages = useStages();
  const label = useStageLabel();
  const [target, setTarget] = useState(deal.stageId);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setTarget(deal.stageId), [deal.stageId]);

  async function move() {
    if (target === deal.stageId) return;
    const gate = checkStageGate(stages, target, deal);
    if (!gate.ok) {
      const fields = gate.reason === 'missing_fields' ? gate.missing.map((f) => t(`gate.${f}`)).join(', ') : target;
      setMessage(t('deal.gateMissing', { stage: label(target), fields }));
      return;
    }
    await writeLocal(db, me.user, [{ entity: 'deal', op: 'update', recordId: deal.id, fields: { stageId: target } }]);
    setMessage(t('deal.moved', { stage: label(target) }));
    nudgeSync();
  }

  return (
    <div className="stage-mover">
      <ol className="stages" aria-label={t('deal.pipeline')}>
        {stages.map((s) => (
          <li key={s.id} className={`${s.id === deal.stageId ? 'current' : ''} kind-${s.kind}`}>
            {s.label[locale]}
          </li>
        ))}
      </ol>
      <div className="row">
        <select name="stage" value={target} onChange={(e) => setTarget(e.target.value)} aria-label={t('deal.stage')}>
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
      {message && <p role="status" className="note">{message}</p>}
    </div>
  );
}

function DealDetails({ deal }: { deal: Deal }) {
  const { db, me, t, locale, nudgeSync } = useApp();
  const zone = me.user.timeZone;
  const digits = minorDigits(deal.currency);
  const [amount, setAmount] = useState(deal.amountMinor === null ? '' : (deal.amountMinor / 10 ** digits).toFixed(digits));
  const [close, setClose] = useState(deal.expectedCloseAt === null ? '' : toDateInput(deal.expectedCloseAt, zone));
  const [lostReason, setLostReason] = useState(deal.lostReason ?? '');
  const [error, setError] = useState<string | null>(null);
  // Another device's change arrives through the live query: show it unless the user is typing.
  useEffect(() => {
    if (!isEditing('amount')) setAmount(deal.amountMinor === null ? '' : (deal.amountMinor / 10 ** digits).toFixed(digits));
  }, [deal.amountMinor, digits]);
  useEffect(() => {
    if (!isEditing('expectedClose')) setClose(deal.expectedCloseAt === null ? '' : toDateInput(deal.expectedCloseAt, zone));
  }, [deal.expectedCloseAt, zone]);
  useEffect(() => {
    if (!isEditing('lostReason')) setLostReason(deal.lostReason ?? '');
  }, [deal.lostReason]);

  async function save(fields: Partial<Pick<Deal, 'amountMinor' | 'expectedCloseAt' | 'lostReason'>>) {
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => deal[k as keyof Deal] !== v));
    if (Object.keys(changed).length === 0) return;
    await writeLocal(db, me.user, [{ entity: 'deal', op: 'update', recordId: deal.id, fields: changed }]);
    nudgeSync();
  }

  return (
    <dl className="details">
      <dt>{t('deal.amount')}</dt>
      <dd>
        <input
          name="amount"
          inputMode="decimal"
          value={amount}
          placeholder={t('deal.noAmount')}
          aria-label={t('deal.amount')}
          onChange={(e) => setAmount(e.target.value)}
          onBlur={() => {
            const minor = toMinorUnits(amount, deal.currency);
            if (Number.isNaN(minor)) return setError(t('field.invalid', { field: t('deal.amount') }));
            setError(null);
            void save({ amountMinor: minor });
          }}
        />{' '}
        {deal.amountMinor !== null && <span className="muted">{formatMoney(deal.amountMinor, deal.currency, locale)}</span>}
        {error && <span className="error" role="alert">{error}</span>}
      </dd>
      <dt>{t('deal.expectedClose')}</dt>
      <dd>
        <input name="expectedClose" type="date" value={close} aria-label={t('deal.expectedClose')} onChange={(e) => setClose(e.target.value)} onBlur={() => void save({ expectedCloseAt: close ? fromDateInput(close, zone) : null })} />
      </dd>
      <dt>{t('deal.lostReason')}</dt>
      <dd>
        <input name="lostReason" value={lostReason} maxLength={500} aria-label={t('deal.lostReason')} onChange={(e) => setLostReason(e.target.value)} onBlur={() => void save({ lostReason: lostReason.trim() || null })} />
      </dd>
      <dt>{t('deal.owner')}</dt>
      <dd>{me.members.find((m) => m.id === deal.ownerId)?.name ?? '—'}</dd>
    </dl>
  );
}

function isEditing(name: string): boolean {
  return document.activeElement instanceof HTMLInputElement && document.activeElement.name === name;
}

function StageHistory({ dealId }: { dealId: string }) {
  const { db, t, locale } = useApp();
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
            {label(c.toStageId)} <span className="muted">{formatDateTime(c.changedAt, locale)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
