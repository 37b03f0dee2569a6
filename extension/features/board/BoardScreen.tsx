import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { formatMoney } from '../../../shared/rules/money';
import { canWrite, seesWholeTeam } from '../../../shared/rules/visibility';
import { GradeSchema, type Grade } from '../../../shared/schema/company';
import type { Deal } from '../../../shared/schema/deal';
import { useApp } from '../appContext';
import { RecordFields } from '../edit/RecordFields';
import { OwnerFilter } from '../owner/OwnerFilter';
import { dealsWithNextStep, lastActivityByDeal } from '../deal/dealProgress';
import { GateForm, type GateRefusal } from '../deal/GateForm';
import { useMoveDeal } from '../deal/useMoveDeal';
import { usePipeline, useStages } from '../deal/useStages';
import { checkStageMove } from '../../../shared/rules/stageGate';
import { boardColumns, type BoardColumn, type BoardFacts, type BoardFilters } from './boardColumns';

/** Until the card details are read: no companies, and nothing marked stale or without a next step. */
const NO_FACTS: BoardFacts = { companies: new Map(), lastActivity: new Map(), stageChanges: [], withNextStep: new Set(), loaded: false };

/** Cards drawn per column before "Show more": a column of thousands stays quick to draw and scroll. */
const CARDS_PER_PAGE = 60;

/**
 * Deals by stage (dashboard #board): drag a card to another column or move it with ←/→, open
 * it with Enter for a quick edit. Every move goes through the pipeline's gates; a drop into a
 * stage whose requirements the deal lacks opens the missing fields. Managers see the team, reps
 * their own (what their cache holds).
 */
export function BoardScreen() {
  const { db, me, t, locale } = useApp();
  const stages = useStages();
  const pipeline = usePipeline();
  const moveDeal = useMoveDeal();
  const manager = seesWholeTeam(me.user.role);
  const [filters, setFilters] = useState<BoardFilters>({ ownerId: null, grade: null, closeMonth: null, staleOnly: false });
  const [open, setOpen] = useState<{ dealId: string; refusal: GateRefusal | null } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [shown, setShown] = useState<Record<string, number>>({});

  // The deals draw the columns first; what the cards add (company, grade, staleness, time in
  // stage, next step) is read alongside and fills in when it arrives.
  const allDeals = useLiveQuery(() => db.deal.toArray(), [db]);
  const facts = useLiveQuery(async (): Promise<BoardFacts> => {
    const [companies, stageChanges, lastActivity, withNextStep] = await Promise.all([db.company.toArray(), db.stageChange.toArray(), lastActivityByDeal(db), dealsWithNextStep(db)]);
    return { companies: new Map(companies.map((c) => [c.id, { name: c.name, grade: c.grade }])), lastActivity, stageChanges, withNextStep };
  }, [db]);
  const data = useMemo(() => (allDeals ? { deals: allDeals, ...(facts ?? NO_FACTS) } : undefined), [allDeals, facts]);
  // A move shows at once: the card is drawn in its new column before the cache's live query has
  // re-read ten thousand deals; the override goes once the cache agrees.
  const [moved, setMoved] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!data) return;
    setMoved((current) => {
      const left = Object.fromEntries(Object.entries(current).filter(([id, stageId]) => data.deals.find((d) => d.id === id)?.stageId !== stageId));
      return Object.keys(left).length === Object.keys(current).length ? current : left;
    });
  }, [data]);
  const deals = useMemo(() => (data ? (Object.keys(moved).length ? data.deals.map((d) => (moved[d.id] ? { ...d, stageId: moved[d.id]! } : d)) : data.deals) : []), [data, moved]);
  const columns: BoardColumn[] = useMemo(
    () => (data ? boardColumns(deals, stages, data, filters, Date.now(), me.team.staleAfterDays, me.user.timeZone) : []),
    [data, deals, stages, filters, me.team.staleAfterDays, me.user.timeZone],
  );
  const openDeal = open ? deals.find((d) => d.id === open.dealId) : undefined;

  useEffect(() => {
    if (focusId) document.querySelector<HTMLElement>(`[data-deal="${focusId}"]`)?.focus();
  }, [columns, focusId]);

  async function move(deal: Deal, toStageId: string) {
    if (toStageId === deal.stageId) return;
    // The same gate useMoveDeal applies, checked first so an allowed move is drawn at once.
    if (checkStageMove(pipeline, deal.stageId, toStageId, deal).ok) setMoved((m) => ({ ...m, [deal.id]: toStageId }));
    const refusal = await moveDeal(deal, toStageId);
    if (refusal) {
      setMoved((m) => Object.fromEntries(Object.entries(m).filter(([id]) => id !== deal.id)));
      setOpen({ dealId: deal.id, refusal });
    }
  }

  function onCardKey(event: React.KeyboardEvent, deal: Deal) {
    const at = stages.findIndex((s) => s.id === deal.stageId);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || !stages[at + step]) return;
    event.preventDefault();
    setFocusId(deal.id);
    void move(deal, stages[at + step]!.id);
  }

  const memberName = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  const money = (totals: BoardColumn['totals'], key: 'amountMinor' | 'weightedMinor') => totals.map((x) => formatMoney(x[key], x.currency, locale)).join(' + ') || '—';

  if (!data) return <p className="muted pad">{t('common.loading')}</p>;
  const total = columns.reduce((n, c) => n + c.cards.length, 0);
  return (
    <section aria-labelledby="board-title" data-testid="board" data-count={total}>
      <div className="row board-filters">
        <h2 id="board-title">{t('dashboard.tab.board')}</h2>
        {manager && <OwnerFilter value={filters.ownerId} onChange={(ownerId) => setFilters((f) => ({ ...f, ownerId }))} />}
        <label>
          {t('board.grade')}{' '}
          <select value={filters.grade ?? ''} onChange={(e) => setFilters((f) => ({ ...f, grade: (e.target.value || null) as Grade | 'none' | null }))}>
            <option value="">{t('board.anyGrade')}</option>
            {GradeSchema.options.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
            <option value="none">{t('board.noGrade')}</option>
          </select>
        </label>
        <label>
          {t('board.closeMonth')} <input type="month" value={filters.closeMonth ?? ''} onChange={(e) => setFilters((f) => ({ ...f, closeMonth: e.target.value || null }))} />
        </label>
        <label>
          <input type="checkbox" checked={filters.staleOnly} onChange={(e) => setFilters((f) => ({ ...f, staleOnly: e.target.checked }))} /> {t('board.staleOnly', { days: me.team.staleAfterDays })}
        </label>
        <span className="muted small">{t('board.keys')}</span>
      </div>
      {total === 0 && <p className="muted">{t('board.empty')}</p>}
      <div className="board">
        {columns.map((column) => {
          const limit = shown[column.stage.id] ?? CARDS_PER_PAGE;
          const label = column.stage.label[locale];
          return (
            <section
              key={column.stage.id}
              className={`board-column kind-${column.stage.kind}`}
              data-stage={column.stage.id}
              aria-label={label}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                const deal = deals.find((d) => d.id === e.dataTransfer.getData('text/x-sidecar-deal'));
                if (deal) void move(deal, column.stage.id);
              }}
            >
              <header style={{ borderTopColor: column.stage.color }}>
                <strong>{label}</strong> <span className="count" data-testid="column-count">{column.cards.length}</span>
                <div className="small muted" title={t('board.weighted', { probability: column.stage.probability })}>
                  {money(column.totals, 'amountMinor')}
                  <br />
                  {t('board.weightedShort')} {money(column.totals, 'weightedMinor')}
                </div>
              </header>
              <ul>
                {column.cards.slice(0, limit).map((card) => (
                  <li key={card.deal.id}>
                    <button
                      type="button"
                      className={`board-card${card.stale ? ' stale' : ''}`}
                      data-deal={card.deal.id}
                      draggable
                      onDragStart={(e) => {
                        e.dataTransfer.setData('text/x-sidecar-deal', card.deal.id);
                        e.dataTransfer.effectAllowed = 'move';
                      }}
                      onKeyDown={(e) => onCardKey(e, card.deal)}
                      onClick={() => setOpen({ dealId: card.deal.id, refusal: null })}
                    >
                      <span className="title">{card.deal.title}</span>
                      <span className="small muted">
                        {[card.companyName, card.grade && t('board.gradeBadge', { grade: card.grade }), manager ? memberName(card.deal.ownerId) : null].filter(Boolean).join(' · ')}
                      </span>
                      <span className="small">{card.deal.amountMinor !== null ? formatMoney(card.deal.amountMinor, card.deal.currency, locale) : t('deal.noAmount')}</span>
                      <span className="small muted">{t('board.clock', { days: card.daysInStage, age: card.ageDays })}</span>
                      {card.stale && <span className="badge warn">{t('board.stale')}</span>}
                      {card.noNextStep && <span className="badge">{t('deal.noNextStep')}</span>}
                    </button>
                  </li>
                ))}
              </ul>
              {column.cards.length > limit && (
                <button type="button" className="link" onClick={() => setShown((s) => ({ ...s, [column.stage.id]: limit + CARDS_PER_PAGE }))}>
                  {t('board.showMore', { count: column.cards.length - limit })}
                </button>
              )}
            </section>
          );
        })}
      </div>
      {open && openDeal && (
        <aside className="drawer" role="dialog" aria-label={openDeal.title} data-testid="deal-drawer" onKeyDown={(e) => e.key === 'Escape' && setOpen(null)}>
          <div className="row">
            <h3 className="grow">{openDeal.title}</h3>
            <button type="button" onClick={() => setOpen(null)} aria-label={t('board.close')}>
              ✕
            </button>
          </div>
          {open.refusal && <GateForm deal={openDeal} refusal={open.refusal} onDone={() => setOpen({ dealId: openDeal.id, refusal: null })} onCancel={() => setOpen({ dealId: openDeal.id, refusal: null })} />}
          <RecordFields entity="deal" record={openDeal as never} readOnly={!canWrite(me.user, openDeal)} />
        </aside>
      )}
    </section>
  );
}
