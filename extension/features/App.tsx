import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { getDb } from '../db/appDb';
import { getMeta } from '../db/meta';
import { defaultLocale, translator } from '../i18n/translate';
import { sendToBackground } from '../messaging/sendToBackground';
import { AppContext, type ListView, type View } from './appContext';
import { Toast, type ToastMessage } from './feedback/Toast';
import { CaptureView, CompanyView, ContactView, DealView, FollowUpView, MergeView, NewLeadForm } from './lazyViews';
import { ConnectView } from './connect/ConnectView';
import { RecordLists } from './lists/RecordLists';
import { Header } from './settings/Header';
import { RejectedChanges } from './sync/RejectedChanges';
import { ClaimRequests } from './claims/ClaimRequests';

/** The side panel: connect first, then lists, record views and the lead form. */
export function App({ defaultApiUrl }: { defaultApiUrl: string }) {
  const db = getDb();
  const state = useLiveQuery(
    async () => ({
      session: await getMeta(db, 'session'),
      me: await getMeta(db, 'me'),
      locale: await getMeta(db, 'locale'),
      capture: await getMeta(db, 'pendingCapture'),
      signedOut: await getMeta(db, 'signedOut'),
      openRecord: await getMeta(db, 'openRecord'),
      unsent: await db.outbox.count(),
    }),
    [db],
  );
  // The user's own choice on this device, else their profile's language, else the browser's.
  const locale = state?.locale ?? state?.me?.user.locale ?? defaultLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [view, setView] = useState<View>({ name: 'list', tab: 'deals' });
  // Back returns to the list (tab, search, owner filter) the user came from.
  const [lastList, setLastList] = useState<ListView>({ name: 'list', tab: 'deals' });
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const nudgeSync = useCallback(() => void sendToBackground({ type: 'sync-now' }), []);
  const navigate = useCallback((next: View) => {
    if (next.name === 'list') setLastList(next);
    setView(next);
  }, []);
  const notify = useCallback((message: Omit<ToastMessage, 'id'>) => setToast({ ...message, id: Date.now() }), []);
  const closeToast = useCallback(() => setToast(null), []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('appName');
  }, [locale, t]);
  // A clicked reminder (or link) asked for a record: show it, once.
  useEffect(() => {
    if (!state?.openRecord || !state.me) return;
    navigate(state.openRecord);
    void db.meta.delete('openRecord');
  }, [state?.openRecord, state?.me, navigate, db]);
  // Opening the panel is a good moment to catch up.
  useEffect(() => nudgeSync(), [nudgeSync]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) && setView((v) => (v.name === 'list' ? v : lastList));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lastList]);

  if (!state) return <p className="muted pad">{t('list.loading')}</p>;
  if (!state.session || !state.me) return <ConnectView t={t} locale={locale} defaultApiUrl={defaultApiUrl} />;
  if (state.signedOut) {
    // Same person signing in again keeps the cache and sends the outbox; see sync/session.ts.
    return <ConnectView t={t} locale={locale} defaultApiUrl={defaultApiUrl} signedOut={{ email: state.me.user.email, apiUrl: state.session.apiUrl, unsent: state.unsent }} />;
  }

  return (
    <AppContext.Provider value={{ db, me: state.me, locale, t, nudgeSync, navigate, notify }}>
      <Header back={view.name !== 'list' ? lastList : null} />
      <main>
        <RejectedChanges />
        <ClaimRequests />
        <Suspense fallback={null}>{state.capture && <CaptureView key={state.capture.id} pending={state.capture} />}</Suspense>
        {view.name === 'list' && <RecordLists view={view} />}
        <Suspense fallback={<p className="muted">{t('list.loading')}</p>}>
          {view.name === 'newLead' && <NewLeadForm />}
          {view.name === 'deal' && <DealView id={view.id} />}
          {view.name === 'contact' && <ContactView id={view.id} />}
          {view.name === 'company' && <CompanyView id={view.id} />}
          {view.name === 'followUp' && <FollowUpView id={view.id} />}
          {view.name === 'merge' && <MergeView key={view.ids.join()} entity={view.entity} ids={view.ids} />}
        </Suspense>
      </main>
      <Toast key={toast?.id} message={toast} onClose={closeToast} />
    </AppContext.Provider>
  );
}
