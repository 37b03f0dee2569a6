import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';

const SITES = [
  { site: 'Gmail', origins: ['https://mail.google.com/*'] },
  { site: 'Outlook', origins: ['https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'] },
];

/** Host access to webmail is asked for only when the user turns the in-page button on there. */
export function CaptureSettings() {
  const { t } = useApp();
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const refresh = () =>
    void Promise.all(SITES.map(async (s) => [s.site, await browser.permissions.contains({ origins: s.origins })] as const)).then((pairs) => setGranted(Object.fromEntries(pairs)));
  useEffect(refresh, []);

  async function enable(origins: string[]) {
    if (await browser.permissions.request({ origins })) await sendToBackground({ type: 'enable-capture', origins });
    refresh();
  }

  return (
    <div className="row small muted">
      <span>{t('capture.settings')}:</span>
      {SITES.map((s) =>
        granted[s.site] ? (
          <span key={s.site}>✓ {t('capture.enabled', { site: s.site })}</span>
        ) : (
          <button key={s.site} type="button" className="link" onClick={() => void enable(s.origins)}>
            {t('capture.enable', { site: s.site })}
          </button>
        ),
      )}
    </div>
  );
}
