import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { formatMoney } from '../../../shared/rules/money';
import { useApp, type ListTab } from '../appContext';
import { CaptureSettings } from '../capture/CaptureSettings';
import { FollowUpList } from '../followUp/FollowUpList';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useStageLabel } from '../deal/useStages';

const tabs: ListTab[] = ['deals', 'contacts', 'companies', 'followUps'];

/** Tabs of the user's records, read from Dexie: instant, and still there offline. */
export function RecordLists({ tab }: { tab: ListTab }) {
  const { t, navigate } = useApp();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const captureTab = async () => {
    const answer = await sendToBackground({ type: 'capture-active-tab' });
    setNotice(answer.ok ? null : t('capture.nothing'));
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
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} onClick={() => navigate({ name: 'list', tab: name })}>
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <div className="row">
        <input ref={search} type="search" className="grow" placeholder={t('search.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('search.placeholder')} />
        <button type="button" className="primary" onClick={() => navigate({ name: 'newLead' })} title="n">
          + {t('lead.new')}
        </button>
        <button type="button" onClick={() => void captureTab()} title="c">
          {t('capture.tab')}
        </button>
      </div>
      {notice && <p className="note" role="status">{notice}</p>}
      {tab === 'deals' && <DealList query={query} />}
      {tab === 'contacts' && <ContactList query={query} />}
      {tab === 'companies' && <CompanyList query={query} />}
      {tab === 'followUps' && <FollowUpList filter={{}} query={query} />}
      <CaptureSettings />
    </div>
  );
}

/** Company names by id, for the subtitles of deal and contact rows. */
function useCompanyNames(): Map<string, string> | undefined {
  const { db } = useApp();
  return useLiveQuery(async () => new Map((await db.company.toArray()).map((c) => [c.id, c.name])), [db]);
}

const matches = (query: string, ...texts: (string | null | undefined)[]) => {
  const q = query.trim().toLowerCase();
  return q === '' || texts.some((text) => text?.toLowerCase().includes(q));
};

function Empty({ loading, query, emptyText }: { loading: boolean; query: string; emptyText: string }) {
  const { t } = useApp();
  if (loading) return <p className="muted">{t('list.loading')}</p>;
  return <p className="empty">{query ? t('list.noMatch', { query }) : emptyText}</p>;
}

function DealList({ query }: { query: string }) {
  const { db, t, locale, navigate } = useApp();
  const stageLabel = useStageLabel();
  const deals = useLiveQuery(() => db.deal.orderBy('updatedAt').reverse().filter((d) => d.deletedAt === null).toArray(), [db]);
  const companies = useCompanyNames();
  const shown = (deals ?? []).filter((d) => matches(query, d.title, companies?.get(d.companyId ?? '')));
  if (shown.length === 0) return <Empty loading={!deals} query={query} emptyText={t('list.empty.deals')} />;
  return (
    <ul className="records" data-testid="deal-list">
      {shown.map((d) => (
        <li key={d.id}>
          <button type="button" onClick={() => navigate({ name: 'deal', id: d.id })}>
            <span className="title">{d.title}</span>
            <span className="sub">
              <span className="badge">{stageLabel(d.stageId)}</span> {companies?.get(d.companyId ?? '') ?? ''}{' '}
              {d.amountMinor !== null ? formatMoney(d.amountMinor, d.currency, locale) : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ContactList({ query }: { query: string }) {
  const { db, t, navigate } = useApp();
  const contacts = useLiveQuery(() => db.contact.orderBy('name').filter((c) => c.deletedAt === null).toArray(), [db]);
  const companies = useCompanyNames();
  const shown = (contacts ?? []).filter((c) => matches(query, c.name, c.title, companies?.get(c.companyId ?? ''), ...c.emails, ...c.phones));
  if (shown.length === 0) return <Empty loading={!contacts} query={query} emptyText={t('list.empty.contacts')} />;
  return (
    <ul className="records" data-testid="contact-list">
      {shown.map((c) => (
        <li key={c.id}>
          <button type="button" onClick={() => navigate({ name: 'contact', id: c.id })}>
            <span className="title">{c.name}</span>
            <span className="sub">{[c.title, companies?.get(c.companyId ?? ''), c.emails[0]].filter(Boolean).join(' · ')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function CompanyList({ query }: { query: string }) {
  const { db, t, navigate } = useApp();
  const companies = useLiveQuery(() => db.company.orderBy('name').filter((c) => c.deletedAt === null).toArray(), [db]);
  const shown = (companies ?? []).filter((c) => matches(query, c.name, c.domain, c.industry));
  if (shown.length === 0) return <Empty loading={!companies} query={query} emptyText={t('list.empty.companies')} />;
  return (
    <ul className="records" data-testid="company-list">
      {shown.map((c) => (
        <li key={c.id}>
          <button type="button" onClick={() => navigate({ name: 'company', id: c.id })}>
            <span className="title">
              {c.grade && <span className={`grade grade-${c.grade}`}>{c.grade}</span>} {c.name}
            </span>
            <span className="sub">{[c.industry, c.domain].filter(Boolean).join(' · ')}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
