import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatMoney } from '../../../shared/rules/money';
import type { Company } from '../../../shared/schema/company';
import type { Contact } from '../../../shared/schema/contact';
import type { Deal } from '../../../shared/schema/deal';
import type { FollowUp } from '../../../shared/schema/followUp';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useApp, type DueFilter, type ListTab, type ListView } from '../appContext';
import { addDays, localDate, startOfLocalDay } from '../../../shared/time/zoned';
import { CaptureSettings } from '../capture/CaptureSettings';
import { DealFlags } from '../deal/DealFlags';
import { useStageLabel, useStages } from '../deal/useStages';
import { FollowUpDone, followUpBadges } from '../followUp/followUpRow';
import { useOwnerName } from '../owner/useOwnerName';
import { OwnerFilter } from '../owner/OwnerFilter';
import { companyNames, searchList, staleDeals, type DueWindow, type ListEntity } from './listQueries';
import { focusFirstRow, VirtualRecordList, type ListSource } from './VirtualRecordList';

const tabs: ListTab[] = ['deals', 'contacts', 'companies', 'followUps'];
const entityOf: Record<ListTab, ListEntity> = { deals: 'deal', contacts: 'contact', companies: 'company', followUps: 'followUp' };

/**
 * Tabs of records read from Dexie through indexes: instant, still there offline, and as fast
 * with 50,000 rows as with 50. The search box and the owner filter live in the view, so Back
 * from a record returns to them.
 */
export function RecordLists({ view }: { view: ListView }) {
  const { t, navigate } = useApp();
  const [query, setQuery] = useState(view.query ?? '');
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const ownerId = view.ownerId ?? null;
  const update = (change: Partial<ListView>) => navigate({ ...view, query, ...change });
  const captureTab = async () => {
    const answer = await sendToBackground({ type: 'capture-active-tab' });
    // Say why: no access to the tab from here, a message no reader could make out, or nothing there.
    setNotice(answer.ok ? null : answer.code === 'capture_no_access' ? t('capture.noAccess') : answer.code === 'capture_unreadable' ? t('capture.unreadable') : t('capture.nothing'));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === 'n') {
        e.preventDefault();
        navigate({ name: 'newLead' });
      } else if (e.key === 'c') {
        e.preventDefault();
        void captureTab();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <div className="lists">
      <nav className="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={view.tab === name} className={view.tab === name ? 'active' : ''} onClick={() => update({ tab: name })}>
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <div className="row">
        <input
          ref={search}
          type="search"
          className="grow"
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusFirstRow(`${entityOf[view.tab]}-list`);
            } else if (e.key === 'Escape' && query) {
              e.stopPropagation();
              setQuery('');
            }
          }}
          aria-label={t('search.placeholder')}
          data-testid="search"
        />
        <OwnerFilter value={ownerId} onChange={(id) => update({ ownerId: id })} />
        {view.tab === 'deals' && (
          <label className="small">
            <input type="checkbox" checked={!!view.staleOnly} onChange={(e) => update({ staleOnly: e.target.checked })} data-testid="stale-filter" /> {t('list.staleOnly')}
          </label>
        )}
        {view.tab === 'followUps' && (
          <select aria-label={t('followUp.window')} value={view.due ?? ''} onChange={(e) => update({ due: (e.target.value || null) as DueFilter | null })} data-testid="due-filter">
            <option value="">{t('followUp.window.all')}</option>
            {(['overdue', 'today', 'upcoming'] as const).map((w) => (
              <option key={w} value={w}>
                {t(`followUp.window.${w}`)}
              </option>
            ))}
          </select>
        )}
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => navigate({ name: 'newLead' })} title="n">
          + {t('lead.new')}
        </button>
        <button type="button" onClick={() => void captureTab()} title="c">
          {t('capture.tab')}
        </button>
      </div>
      {notice && <p className="note" role="status">{notice}</p>}
      <EntityList key={view.tab} tab={view.tab} query={query} ownerId={ownerId} due={view.tab === 'followUps' ? (view.due ?? null) : null} staleOnly={view.tab === 'deals' && !!view.staleOnly} remember={() => navigate({ ...view, query })} />
      <CaptureSettings />
    </div>
  );
}

/** One tab's list: the whole index when the search box is empty, ranked matches otherwise. */
function EntityList({ tab, query, ownerId, due, staleOnly, remember }: { tab: ListTab; query: string; ownerId: string | null; due: DueFilter | null; staleOnly: boolean; remember: () => void }) {
  const { db, me, t, locale, navigate } = useApp();
  const stages = useStages();
  const stale = useLiveQuery(async () => {
    if (!staleOnly) return null;
    const open = new Set(stages.filter((s) => s.kind === 'open').map((s) => s.id));
    const rows = await staleDeals<{ id: string; companyId?: string | null }>(db, ownerId, open, Date.now(), me.team.staleAfterDays);
    return { rows, ids: new Set(rows.map((r) => r.id)), companies: await companyNames(db, rows) };
  }, [db, staleOnly, ownerId, stages, me.team.staleAfterDays]);
  const dueRange = useMemo(() => (due ? dueWindow(due, Date.now(), me.user.timeZone) : null), [due, me.user.timeZone]);
  const entity = entityOf[tab];
  const deferred = useDeferredValue(query.trim());
  const found = useLiveQuery(async () => {
    if (!deferred) return null;
    const rows = (await searchList<{ id: string; companyId?: string | null }>(db, entity, deferred, ownerId)).filter((r) => !stale || stale.ids.has(r.id));
    return { query: deferred, rows, companies: await companyNames(db, rows) };
  }, [db, entity, deferred, ownerId, stale]);
  // While the next keystroke's answer is on its way, the previous answer stays on screen rather
  // than the whole list flashing back.
  const [lastFound, setLastFound] = useState(found);
  useEffect(() => {
    if (found !== undefined) setLastFound(found);
  }, [found]);
  const shown = found ?? lastFound;
  const results = deferred && shown ? shown : undefined;
  const stageLabel = useStageLabel();
  const ownerName = useOwnerName();
  // "Stale only" lists the stale deals it found; otherwise the list reads straight from the index.
  const indexSource = useMemo<ListSource<never>>(() => (stale ? { kind: 'rows', rows: stale.rows as never[], companies: stale.companies } : { kind: 'index', entity, ownerId, due: dueRange }), [stale, entity, ownerId, dueRange]);
  const resultSource = useMemo<ListSource<never> | null>(() => (results ? { kind: 'rows', rows: results.rows as never[], companies: results.companies } : null), [results]);
  const open = (name: 'deal' | 'contact' | 'company' | 'followUp') => (row: { id: string }) => {
    remember();
    navigate({ name, id: row.id });
  };
  const presented = rowPresentation(tab, { stageLabel, ownerName, t, locale, timeZone: me.user.timeZone });
  // Contacts and companies can be picked two at a time, to merge them.
  const mergeable = tab === 'contacts' || tab === 'companies' ? entityOf[tab] : null;
  const [selected, setSelected] = useState<string[] | null>(null);
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...(s ?? []).filter((x) => x !== id), id].slice(-2) : (s ?? []).filter((x) => x !== id)));
  const rows = selected
    ? {
        ...presented,
        aside: (row: { id: string; name: string }) => (
          <input type="checkbox" className="row-select" aria-label={t('merge.selectRow', { name: row.name })} checked={selected.includes(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
        ),
      }
    : presented;
  // The whole list stays mounted (hidden) while searching: clearing the search shows it at once,
  // without counting and reading it again.
  return (
    <>
      {mergeable && (
        <div className="row small" data-testid="merge-select">
          {selected === null ? (
            <button type="button" className="link" onClick={() => setSelected([])}>
              {t('merge.select')}
            </button>
          ) : (
            <>
              <span className="grow">{t('merge.selected', { count: selected.length })}</span>
              <button type="button" className="primary" disabled={selected.length !== 2} onClick={() => navigate({ name: 'merge', entity: mergeable as 'contact' | 'company', ids: selected as [string, string] })}>
                {t('merge.selectedSubmit')}
              </button>
              <button type="button" className="link" onClick={() => setSelected(null)}>
                {t('merge.selectCancel')}
              </button>
            </>
          )}
        </div>
      )}
      <div hidden={resultSource !== null}>
        <VirtualRecordList<never>
          {...rows}
          source={indexSource}
          testId={resultSource ? `${entity}-list-all` : `${entity}-list`}
          label={t(`nav.${tab}`)}
          empty={<p className="empty">{t(`list.empty.${tab}`)}</p>}
          onOpen={open(entity)}
        />
      </div>
      {resultSource && results && (
        <VirtualRecordList<never>
          {...rows}
          source={resultSource}
          testId={`${entity}-list`}
          label={t(`nav.${tab}`)}
          shownQuery={results.query}
          empty={<p className="empty">{t('list.noMatch', { query: results.query })}</p>}
          onOpen={open(entity)}
        />
      )}
    </>
  );
}

interface RowContext {
  stageLabel: (id: string) => string;
  ownerName: (id: string) => string;
  t: ReturnType<typeof useApp>['t'];
  locale: ReturnType<typeof useApp>['locale'];
  timeZone: string;
}

/**
 * The due dates of open follow-ups that are overdue (due before now), due later today, or
 * upcoming (from tomorrow), in the user's own day: the same split as the overdue and today badges.
 */
export function dueWindow(due: DueFilter, now: number, timeZone: string): DueWindow {
  const endOfToday = startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone);
  if (due === 'overdue') return { from: 0, to: now };
  if (due === 'today') return { from: now, to: endOfToday };
  return { from: endOfToday, to: 8.64e15 };
}

/** How one row of each tab reads: title, a line of what matters, and the owner. */
function rowPresentation(tab: ListTab, { stageLabel, ownerName, t, locale, timeZone }: RowContext): { renderRow: (row: never, company: string | undefined) => ReactNode; aside?: (row: never) => ReactNode } {
  switch (tab) {
    case 'deals':
      return {
        renderRow: (d: Deal, company) => (
          <>
            <span className="title">{d.title}</span>
            <span className="sub">
              <span className="badge">{stageLabel(d.stageId)}</span> <DealFlags deal={d} /> {company ?? ''} {d.amountMinor !== null ? formatMoney(d.amountMinor, d.currency, locale) : ''}
              <span className="owner">{ownerName(d.ownerId)}</span>
            </span>
          </>
        ),
      };
    case 'contacts':
      return {
        renderRow: (c: Contact, company) => (
          <>
            <span className="title">{c.name}</span>
            <span className="sub">
              {[c.title, company, c.emails[0]].filter(Boolean).join(' · ')}
              <span className="owner">{ownerName(c.ownerId)}</span>
            </span>
          </>
        ),
      };
    case 'companies':
      return {
        renderRow: (c: Company) => (
          <>
            <span className="title">
              {c.grade && <span className={`grade grade-${c.grade}`}>{c.grade}</span>} {c.name}
            </span>
            <span className="sub">
              {[c.industry, c.domain].filter(Boolean).join(' · ')}
              <span className="owner">{ownerName(c.ownerId)}</span>
            </span>
          </>
        ),
      };
    case 'followUps':
      return {
        aside: (f: FollowUp) => <FollowUpDone followUp={f} />,
        renderRow: (f: FollowUp) => (
          <>
            <span className={`title ${f.doneAt !== null ? 'done' : ''}`}>{f.title}</span>
            <span className="sub">
              {followUpBadges(f, t, locale, timeZone)}
              <span className="owner">{ownerName(f.ownerId)}</span>
            </span>
          </>
        ),
      };
  }
}
