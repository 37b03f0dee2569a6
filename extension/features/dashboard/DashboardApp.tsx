import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { seesWholeTeam } from '../../../shared/rules/visibility';
import { getDb } from '../../db/appDb';
import { getMeta } from '../../db/meta';
import { defaultLocale, translator } from '../../i18n/translate';
import { sendToBackground } from '../../messaging/sendToBackground';
import { AppContext } from '../appContext';
import { AuditScreen } from '../audit/AuditScreen';
import { DevicesScreen } from '../devices/DevicesScreen';
import { Toast, type ToastMessage } from '../feedback/Toast';
import { HandoverScreen } from '../handover/HandoverScreen';
import { BoardScreen } from '../board/BoardScreen';
import { PipelineScreen } from '../pipeline/PipelineScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { ProfileScreen } from '../profile/ProfileScreen';
import { SyncIndicator } from '../sync/SyncIndicator';
import { TeamScreen } from '../team/TeamScreen';
import { LanguageSelect, switchLanguage } from '../settings/LanguageSelect';

/** The dashboard's screens; the pipeline and reports add theirs here. */
const SCREENS = ['board', 'reports', 'team', 'pipeline', 'handover', 'audit', 'devices', 'profile'] as const;
type Screen = (typeof SCREENS)[number];
const MANAGERS_ONLY: ReadonlySet<Screen> = new Set(['handover', 'audit']);

const screenFromHash = (): Screen => {
  const name = location.hash.replace(/^#/, '') as Screen;
  return SCREENS.includes(name) ? name : 'team';
};

/**
 * The dashboard: an extension page in a full tab for work that needs room. Same Dexie cache,
 * background sync and i18n as the side panel; each screen is a #hash so it can be linked.
 */
export function DashboardApp() {
  const db = getDb();
  const state = useLiveQuery(async () => ({ session: await getMeta(db, 'session'), me: await getMeta(db, 'me'), locale: await getMeta(db, 'locale'), signedOut: await getMeta(db, 'signedOut') }), [db]);
  const locale = state?.locale ?? state?.me?.user.locale ?? defaultLocale();
  const t = useMemo(() => translator(locale), [locale]);
  const [screen, setScreen] = useState<Screen>(screenFromHash);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback((message: Omit<ToastMessage, 'id'>) => setToast({ ...message, id: Date.now() }), []);
  const nudgeSync = useCallback(() => void sendToBackground({ type: 'sync-now' }), []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('dashboard.title');
  }, [locale, t]);
  useEffect(() => {
    const onHash = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => nudgeSync(), [nudgeSync]);

  if (!state) return <p className="muted pad">{t('common.loading')}</p>;
  if (!state.session || !state.me || state.signedOut) {
    return (
      <main className="dashboard">
        <h1>{t('dashboard.title')}</h1>
        <p className="card" role="alert" data-testid="dashboard-signed-out">
          {t('dashboard.notSignedIn')}
        </p>
      </main>
    );
  }
  const me = state.me;
  const visible = SCREENS.filter((s) => !MANAGERS_ONLY.has(s) || seesWholeTeam(me.user.role));
  const current = visible.includes(screen) ? screen : 'team';

  return (
    <AppContext.Provider value={{ db, me, locale, t, nudgeSync, navigate: () => undefined, notify }}>
      <header className="header dashboard-header">
        <div className="row">
          <strong className="brand">{t('dashboard.title')}</strong>
          <span className="grow" />
          <span className="muted small" data-testid="signed-in-as">
            {t('settings.signedInAs', { name: me.user.name, role: t(`role.${me.user.role}`) })}
          </span>
          <SyncIndicator />
          <LanguageSelect label={t('settings.language')} value={locale} onChange={(next) => switchLanguage(db, next)} />
        </div>
        <nav className="tabs" role="tablist" aria-label={t('dashboard.title')}>
          {visible.map((s) => (
            <button key={s} type="button" role="tab" aria-selected={s === current} className={s === current ? 'active' : ''} onClick={() => (location.hash = s)}>
              {t(`dashboard.tab.${s}`)}
            </button>
          ))}
        </nav>
      </header>
      <main className="dashboard" role="tabpanel">
        {current === 'team' && <TeamScreen />}
        {current === 'board' && <BoardScreen />}
        {current === 'reports' && <ReportsScreen />}
        {current === 'pipeline' && <PipelineScreen />}
        {current === 'handover' && <HandoverScreen />}
        {current === 'audit' && <AuditScreen />}
        {current === 'devices' && <DevicesScreen />}
        {current === 'profile' && <ProfileScreen />}
      </main>
      <Toast key={toast?.id} message={toast} onClose={() => setToast(null)} />
    </AppContext.Provider>
  );
}
