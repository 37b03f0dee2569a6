import { useState, type FormEvent } from 'react';
import { sendToBackground } from '../../messaging/sendToBackground';
import type { Translate } from '../../i18n/translate';

/** The first screen: API address and token. The background checks them against /api/me. */
export function ConnectView({ t, defaultApiUrl }: { t: Translate; defaultApiUrl: string }) {
  const [apiUrl, setApiUrl] = useState(defaultApiUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Our own messages, in the user's language, instead of the browser's validation bubbles.
    if (!apiUrl.trim() || !token.trim()) return setError(t('validation.required'));
    setBusy(true);
    setError(null);
    const answer = await sendToBackground({ type: 'connect', apiUrl, token });
    setBusy(false);
    if (!answer.ok) setError(t('connect.failed', { message: t.error(answer) }));
  }

  return (
    <form className="card connect" onSubmit={submit} aria-labelledby="connect-title" noValidate>
      <h1 id="connect-title">{t('connect.title')}</h1>
      <p className="muted">{t('connect.intro')}</p>
      <label>
        {t('connect.apiUrl')}
        <input name="apiUrl" type="url" required value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} />
      </label>
      <label>
        {t('connect.token')}
        <input name="token" type="password" required autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('connect.connecting') : t('connect.submit')}
      </button>
    </form>
  );
}
