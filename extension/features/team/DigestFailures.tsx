import { callApi } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { formatDateTime } from '../format';

/** Managers see digests that could not be sent, so a broken address or mail setup is never silent. */
export function DigestFailures() {
  const { t, locale, me } = useApp();
  const failures = useRemote(() => callApi('digestFailures'), []);
  if (!failures.data || failures.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="digest-failures-title" data-testid="digest-failures">
      <h2 id="digest-failures-title">{t('digest.failures')}</h2>
      <p className="note">{t('digest.failuresHelp')}</p>
      <ul className="plain-list">
        {failures.data.map((f) => (
          <li key={`${f.userId}:${f.localDate}`}>
            <strong>{f.name}</strong> ({f.email}) · {f.localDate} · {t('digest.attempts', { count: f.attempts })}
            {f.givenUp && <span className="error"> · {t('digest.givenUp')}</span>}
            <div className="muted small">
              {formatDateTime(f.claimedAt, locale, me.user.timeZone)} · {f.lastError}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
