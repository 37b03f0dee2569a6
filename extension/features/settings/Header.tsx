import { useState } from 'react';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useApp, type ListView } from '../appContext';
import { SyncIndicator } from '../sync/SyncIndicator';
import { LanguageSelect, switchLanguage } from './LanguageSelect';
import { openDashboard } from '../../navigation/openDashboard';

export function Header({ back }: { back: ListView | null }) {
  const { db, me, t, locale, navigate } = useApp();
  const [error, setError] = useState<string | null>(null);
  return (
    <header className="header">
      <div className="row">
        {back ? (
          <button type="button" className="link" onClick={() => navigate(back)} aria-label={t('nav.back')}>
            ← {t('nav.back')}
          </button>
        ) : (
          <strong className="brand">{t('appName')}</strong>
        )}
        <span className="grow" />
        <SyncIndicator />
        <button type="button" className="link" data-testid="open-dashboard" onClick={() => void openDashboard()}>
          {t('dashboard.open')}
        </button>
        <LanguageSelect label={t('settings.language')} value={locale} onChange={(next) => switchLanguage(db, next)} />
      </div>
      <div className="row muted small">
        <span className="grow" data-testid="signed-in-as">
          {t('settings.signedInAs', { name: me.user.name, role: t(`role.${me.user.role}`) })}
        </span>
        <button
          type="button"
          className="link"
          onClick={async () => {
            let answer = await sendToBackground({ type: 'disconnect' });
            // Unsent changes: say how many would be lost and let the user choose.
            if (!answer.ok && answer.code === 'unsent_changes' && window.confirm(t.plural('settings.signOutDiscard', Number(answer.params?.count ?? 0)))) {
              answer = await sendToBackground({ type: 'disconnect', discardUnsent: true });
            }
            setError(answer.ok || answer.code === 'unsent_changes' ? null : t.error(answer));
          }}
        >
          {t('settings.disconnect')}
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </header>
  );
}
