import { useMemo, useState, type FormEvent } from 'react';
import { MeUpdateSchema } from '../../../shared/api/me';
import { setMeta } from '../../db/meta';
import { LanguageSelect } from '../settings/LanguageSelect';
import { callApi, failureOf, sendToBackground } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Display name, language, IANA time zone (detected, editable), the daily digest (on/off, hour, preview) and browser reminders. */
export function ProfileScreen() {
  const { me, t, db, notify } = useApp();
  const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = useMemo(() => {
    const all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return [...new Set([me.user.timeZone, detected, ...all])].sort();
  }, [me.user.timeZone, detected]);
  const [form, setForm] = useState({
    name: me.user.name,
    locale: me.user.locale,
    timeZone: me.user.timeZone,
    digestHour: me.user.digestHour,
    digestEnabled: me.user.digestEnabled,
    remindDayBefore: me.user.remindDayBefore,
    remindHourBefore: me.user.remindHourBefore,
  });
  const [previewing, setPreviewing] = useState(false);

  async function preview() {
    setPreviewing(true);
    try {
      const result = await callApi('previewDigest');
      notify({ text: result.sent ? t('profile.previewSent', { email: me.user.email }) : t('profile.previewEmpty'), tone: 'ok' });
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    } finally {
      setPreviewing(false);
    }
  }
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = MeUpdateSchema.safeParse(form);
    if (!parsed.success) return setError(t('field.invalid', { field: String(parsed.error.issues[0]?.path[0] ?? '') }));
    setBusy(true);
    setError(null);
    const answer = await sendToBackground({ type: 'update-profile', fields: parsed.data });
    setBusy(false);
    if (!answer.ok) return setError(t.error(answer));
    await setMeta(db, 'locale', parsed.data.locale ?? me.user.locale);
    notify({ text: t('profile.saved'), tone: 'ok' });
  }

  return (
    <form className="card profile" onSubmit={submit} aria-labelledby="profile-title" noValidate>
      <h2 id="profile-title">{t('profile.title')}</h2>
      <label>
        {t('profile.name')}
        <input name="name" value={form.name} maxLength={200} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      <label>
        {t('profile.language')}
        <LanguageSelect name="locale" value={form.locale} onChange={(locale) => setForm({ ...form, locale })} />
      </label>
      <label>
        {t('profile.timeZone')}
        <select name="timeZone" value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
        {detected !== form.timeZone && (
          <button type="button" className="link small" onClick={() => setForm({ ...form, timeZone: detected })}>
            {t('profile.detected', { zone: detected })}
          </button>
        )}
      </label>
      <label className="check">
        <input type="checkbox" name="digestEnabled" checked={form.digestEnabled} onChange={(e) => setForm({ ...form, digestEnabled: e.target.checked })} /> {t('profile.digestEnabled')}
      </label>
      <label>
        {t('profile.digestHour')}
        <select name="digestHour" value={form.digestHour} onChange={(e) => setForm({ ...form, digestHour: Number(e.target.value) })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, '0')}:00
            </option>
          ))}
        </select>
      </label>
      <fieldset className="plain">
        <legend className="muted small">{t('profile.reminders')}</legend>
        <label className="check">
          <input type="checkbox" name="remindDayBefore" checked={form.remindDayBefore} onChange={(e) => setForm({ ...form, remindDayBefore: e.target.checked })} /> {t('profile.remindDayBefore')}
        </label>
        <label className="check">
          <input type="checkbox" name="remindHourBefore" checked={form.remindHourBefore} onChange={(e) => setForm({ ...form, remindHourBefore: e.target.checked })} /> {t('profile.remindHourBefore')}
        </label>
      </fieldset>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('profile.save')}
        </button>
        <button type="button" disabled={previewing} onClick={() => void preview()}>
          {t('profile.previewDigest')}
        </button>
      </div>
    </form>
  );
}
