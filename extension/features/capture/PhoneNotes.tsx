import type { FoundPhone } from '../../../shared/extract/captureSchemas';
import { useApp } from '../appContext';

/**
 * What the capture found besides numbers to call: each number's kind (手机, 电话…), faxes (shown,
 * never saved as a number to call), and numbers that did not validate, kept as printed so the
 * rep can correct one into the list above instead of losing it.
 */
export function PhoneNotes({ details }: { details: FoundPhone[] }) {
  const { t } = useApp();
  if (details.length === 0) return null;
  return (
    <ul className="plain-list small phone-notes" data-testid="phone-notes">
      {details.map((p) => (
        <li key={`${p.kind}:${p.raw}`} className={p.e164 ? 'muted' : 'warning'}>
          {t(`capture.phoneKind.${p.kind}`)}: {p.e164 ? (p.ext ? `${p.e164} ${t('capture.ext', { ext: p.ext })}` : p.e164) : p.raw}
          {p.kind === 'fax' && p.e164 && ` · ${t('capture.faxNotSaved')}`}
          {!p.e164 && ` · ${t('capture.phoneUnread')}`}
        </li>
      ))}
    </ul>
  );
}
