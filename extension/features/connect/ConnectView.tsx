import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { SIGN_IN_LINK_POLL_MS } from '../../../shared/api/auth';
import type { Locale } from '../../../shared/schema/primitives';
import type { Translate } from '../../i18n/translate';
import type { BackgroundRequest } from '../../messaging/protocol';
import { sendToBackground } from '../../messaging/sendToBackground';
import { deviceLabel } from './deviceLabel';

type Step = 'email' | 'code' | 'newTeam' | 'token';

/**
 * The first screen. Sign in with an emailed code: the address, then the 6 digits; an address
 * without an account may create a team (its first user becomes the admin). A device token
 * from an admin or the demo seed still works under "Use a device token".
 */
export function ConnectView({ t, locale, defaultApiUrl, signedOut }: { t: Translate; locale: Locale; defaultApiUrl: string; signedOut?: { email: string; apiUrl: string; unsent: number } }) {
  const [step, setStep] = useState<Step>('email');
  const [apiUrl, setApiUrl] = useState(signedOut?.apiUrl ?? defaultApiUrl);
  const [email, setEmail] = useState(signedOut?.email ?? '');
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const [team, setTeam] = useState({ teamName: '', userName: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The secret that lets this panel collect its token once the emailed link is confirmed. */
  const [requestId, setRequestId] = useState<string | null>(null);

  // While the code is awaited, ask every few seconds whether the emailed link was confirmed.
  useEffect(() => {
    if (step !== 'code' || !requestId) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const answer = await sendToBackground({ type: 'sign-in', apiUrl, request: { email, requestId, deviceLabel: deviceLabel(), locale } });
      if (stopped || answer.ok) return;
      if (answer.code === 'no_account') {
        setNotice(t('connect.noAccount'));
        setStep('newTeam');
      } else if (answer.code !== 'sign_in_pending' && answer.code !== 'offline') {
        setRequestId(null); // expired or replaced: the code still works
      }
    }, SIGN_IN_LINK_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [step, requestId, apiUrl, email, locale, t]);

  async function ask(message: BackgroundRequest): Promise<{ ok: true; data?: unknown } | { ok: false; code?: string }> {
    setBusy(true);
    setError(null);
    const answer = await sendToBackground(message);
    setBusy(false);
    if (!answer.ok && answer.code !== 'no_account') setError(t('connect.failed', { message: t.error(answer) }));
    return answer;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Our own messages, in the user's language, instead of the browser's validation bubbles.
    if (!apiUrl.trim()) return setError(t('validation.required'));
    if (step === 'token') {
      if (!token.trim()) return setError(t('validation.required'));
      await ask({ type: 'connect', apiUrl, token });
    } else if (step === 'email') {
      if (!email.trim()) return setError(t('validation.required'));
      const answer = await ask({ type: 'request-sign-in-code', apiUrl, request: { email, locale } });
      if (answer.ok) {
        setRequestId((answer.data as { requestId?: string } | undefined)?.requestId ?? null);
        setNotice(t('connect.codeSent', { email: email.trim() }));
        setStep('code');
      }
    } else {
      // After a confirmed link, creating the team needs no code: the request id proves the address.
      const byLink = step === 'newTeam' && !code.trim() && requestId !== null;
      if (!byLink && !/^\d{6}$/.test(code.trim())) return setError(t('connect.codeFormat'));
      if (step === 'newTeam' && (!team.teamName.trim() || !team.userName.trim())) return setError(t('validation.required'));
      const proof = byLink ? { requestId: requestId! } : { code: code.trim() };
      const answer = await ask({
        type: 'sign-in',
        apiUrl,
        request: { email, ...proof, deviceLabel: deviceLabel(), locale, ...(step === 'newTeam' ? { newTeam: { ...team, defaultCurrency: 'CNY' } } : {}) },
      });
      if (!answer.ok && answer.code === 'no_account') {
        setNotice(t('connect.noAccount'));
        setStep('newTeam');
      }
    }
  }

  const field = (label: string, input: ReactNode) => (
    <label>
      {label}
      {input}
    </label>
  );
  const submitLabel = { email: t('connect.sendCode'), code: t('connect.signIn'), newTeam: t('connect.createTeam'), token: t('connect.submit') }[step];

  return (
    <form className="card connect" onSubmit={submit} aria-labelledby="connect-title" noValidate>
      <h1 id="connect-title">{t('connect.title')}</h1>
      {signedOut && (
        <p role="alert" className="warning" data-testid="signed-out">
          {t('connect.signedOut')} {signedOut.unsent > 0 && t('connect.unsentKept', { count: signedOut.unsent })}
        </p>
      )}
      <p className="muted">{step === 'token' ? t('connect.intro') : t('connect.emailIntro')}</p>
      {field(t('connect.apiUrl'), <input name="apiUrl" type="url" required value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} />)}
      {step === 'token'
        ? field(t('connect.token'), <input name="token" type="password" required autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />)
        : field(t('connect.email'), <input name="email" type="email" required autoComplete="email" value={email} readOnly={step !== 'email'} onChange={(e) => setEmail(e.target.value)} autoFocus={step === 'email'} />)}
      {(step === 'code' || step === 'newTeam') &&
        field(t('connect.code'), <input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} autoFocus={step === 'code'} />)}
      {step === 'newTeam' && (
        <>
          {field(t('connect.teamName'), <input name="teamName" value={team.teamName} maxLength={100} onChange={(e) => setTeam({ ...team, teamName: e.target.value })} autoFocus />)}
          {field(t('connect.yourName'), <input name="userName" value={team.userName} maxLength={100} onChange={(e) => setTeam({ ...team, userName: e.target.value })} />)}
          {field(t('connect.timeZone'), <input name="timeZone" value={team.timeZone} onChange={(e) => setTeam({ ...team, timeZone: e.target.value })} />)}
        </>
      )}
      {notice && !error && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('connect.connecting') : submitLabel}
      </button>
      <p className="connect-alternatives">
        {step !== 'email' && step !== 'token' && (
          <button type="button" className="link" onClick={() => (setStep('email'), setCode(''), setNotice(null), setError(null))}>
            {t('connect.changeEmail')}
          </button>
        )}
        <button type="button" className="link" onClick={() => (setStep(step === 'token' ? 'email' : 'token'), setNotice(null), setError(null))}>
          {step === 'token' ? t('connect.useEmail') : t('connect.useToken')}
        </button>
      </p>
    </form>
  );
}
