import type { Locale } from '../../../shared/schema/primitives';
import type { AppDb } from '../../db/appDb';
import { setMeta } from '../../db/meta';
import { languageName, LOCALES } from '../../i18n/languages';
import { sendToBackground } from '../../messaging/sendToBackground';

/** A choice of interface language, each named in itself (中文, English). */
export function LanguageSelect({ value, onChange, name, label }: { value: Locale; onChange: (locale: Locale) => void; name?: string; label?: string }) {
  return (
    <select name={name} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Locale)}>
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {languageName(l)}
        </option>
      ))}
    </select>
  );
}

/**
 * The language the user picks in a header: shown at once on this device, and saved to the
 * profile (so to other devices and digest mail) when the API is reachable.
 */
export function switchLanguage(db: AppDb, next: Locale): void {
  void setMeta(db, 'locale', next);
  void sendToBackground({ type: 'update-profile', fields: { locale: next } });
}
