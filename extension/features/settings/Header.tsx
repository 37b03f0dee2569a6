import { useState } from 'react';
import { setMeta } from '../../db/meta';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useApp, type ListView } from '../appContext';
import { languageName, LOCALES } from '../../i18n/languages';
import { SyncIndicator } from '../sync/SyncIndicator';
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
        <select
          aria-label={t('settings.language')}
          value={locale}
          onChange={(e) => {
            const next = e.target.value as typeof locale;
            // Shown at once on this device; saved to the profile (and so to other devices and
            // digest mail) when the API is reachable.
            void setMeta(db, 'locale', next);
            void sendToBackground({ type: 'update-profile', fields: { locale: next } });
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
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
