import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getDb } from '../db/appDb';
import { getMeta } from '../db/meta';
import { defaultLocale, translator } from '../i18n/translate';
import { sendToBackground } from '../messaging/sendToBackground';
import { AppContext, type View } from './appContext';
import { CaptureView } from './capture/CaptureView';
import { CompanyView } from './company/CompanyView';
import { ConnectView } from './connect/ConnectView';
import { ContactView } from './contact/ContactView';
import { DealView } from './deal/DealView';
import { NewLeadForm } from './lead/NewLeadForm';
import { RecordLists } from './lists/RecordLists';
import { Header } from './settings/Header';
import { RejectedChanges } from './sync/RejectedChanges';

/** The side panel: connect first, then lists, record views and the lead form. */
export function App({ defaultApiUrl }: { defaultApiUrl: string }) {
  const db = getDb();
  const state = useLiveQuery(
    async () => ({ session: await getMeta(db, 'session'), me: await getMeta(db, 'me'), locale: await getMeta(db, 'locale'), capture: await getMeta(db, 'pendingCapture') }),
    [db],
  );
  const locale = state?.locale ?? defaultLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [view, setView] = useState<View>({ name: 'list', tab: 'deals' });
  const nudgeSync = useCallback(() => void sendToBackground({ type: 'sync-now' }), []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('appName');
  }, [locale, t]);
  // Opening the panel is a good moment to catch up.
  useEffect(() => nudgeSync(), [nudgeSync]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !(e.target instanceof HTMLInputElement) && setView((v) => (v.name === 'list' ? v : { name: 'list', tab: 'deals' }));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!state) return <p className="muted pad">…</p>;
  if (!state.session || !state.me) return <ConnectView t={t} defaultApiUrl={defaultApiUrl} />;

  return (
    <AppContext.Provider value={{ db, me: state.me, locale, t, nudgeSync, navigate: setView }}>
      <Header canGoBack={view.name !== 'list'} />
      <main>
        <RejectedChanges />
        {state.capture && <CaptureView key={state.capture.id} pending={state.capture} />}
        {view.name === 'list' && <RecordLists tab={view.tab} />}
        {view.name === 'newLead' && <NewLeadForm />}
        {view.name === 'deal' && <DealView id={view.id} />}
        {view.name === 'contact' && <ContactView id={view.id} />}
        {view.name === 'company' && <CompanyView id={view.id} />}
      </main>
    </AppContext.Provider>
  );
}
