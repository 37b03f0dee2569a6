import { callApi, failureOf, sendToBackground } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { formatDate, formatDateTime } from '../format';

/** The caller's signed-in devices; any can be signed out (this one through the usual sign-out). */
export function DevicesScreen() {
  const { t, locale, me, notify } = useApp();
  const devices = useRemote(() => callApi('listDevices'), []);
  const zone = me.user.timeZone;

  async function revoke(id: string, label: string, current: boolean) {
    if (!window.confirm(t('devices.revokeConfirm', { label }))) return;
    if (current) {
      // This device: the same path as "Sign out" in the panel (it clears the local cache too).
      const answer = await sendToBackground({ type: 'disconnect' });
      if (!answer.ok) notify({ text: t.error(answer), tone: 'error' });
      return;
    }
    try {
      await callApi('revokeDevice', id);
      notify({ text: t('devices.revoked', { label }), tone: 'ok' });
      devices.reload();
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    }
  }

  return (
    <section className="card" aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices.title')}</h2>
      <p className="note">{t('devices.intro')}</p>
      {devices.error && (
        <p role="alert" className="error">
          {t.error(devices.error)}{' '}
          <button type="button" className="link" onClick={devices.reload}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {devices.loading && !devices.data && <p className="muted">{t('common.loading')}</p>}
      <ul className="plain-list" data-testid="devices">
        {devices.data?.map((d) => (
          <li key={d.id} className="row">
            <span className="grow">
              <strong>{d.label}</strong> {d.current && <span className="badge">{t('devices.current')}</span>}
              <br />
              <span className="muted small">
                {t('devices.signedInOn', { date: formatDate(d.createdAt, locale, zone) })} · {d.lastUsedAt ? t('devices.lastUsed', { date: formatDateTime(d.lastUsedAt, locale, zone) }) : t('devices.neverUsed')}
              </span>
            </span>
            <button type="button" onClick={() => void revoke(d.id, d.label, d.current)}>
              {t('devices.revoke')}
            </button>
          </li>
        ))}
      </ul>
      {devices.data?.length === 1 && <p className="muted small">{t('devices.none')}</p>}
    </section>
  );
}
