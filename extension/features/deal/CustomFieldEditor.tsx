import { useEffect, useState } from 'react';
import type { CustomField } from '../../../shared/schema/customField';
import { useApp } from '../appContext';
import { fromDateInput, toDateInput } from '../format';

/**
 * The editor of one of the team's custom deal fields, by its type. Text and numbers are handed
 * over when the input loses focus, dates and choices when they change; an empty input is null.
 */
export function CustomFieldEditor({ field, value, name, readOnly = false, invalid = false, onChange }: { field: CustomField; value: unknown; name: string; readOnly?: boolean; invalid?: boolean; onChange: (value: string | number | null) => void }) {
  const { t, locale, me } = useApp();
  const zone = me.user.timeZone;
  const label = field.label[locale];
  const shown = value === null || value === undefined ? '' : field.type === 'date' ? toDateInput(value as number, zone) : String(value);
  const [draft, setDraft] = useState(shown);
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => setDraft(shown), [shown]);
  const common = { name, 'aria-label': label, 'aria-invalid': invalid || unreadable, disabled: readOnly };
  if (field.type === 'choice') {
    return (
      <select {...common} value={draft} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('field.none')}</option>
        {field.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'date') return <input type="date" {...common} value={draft} onChange={(e) => (setDraft(e.target.value), onChange(e.target.value ? fromDateInput(e.target.value, zone) : null))} />;
  const commit = () => {
    if (draft === shown) return;
    if (draft.trim() === '') return onChange(null);
    if (field.type !== 'number') return onChange(draft.trim());
    const number = Number(draft.replace(/[,\s]/g, ''));
    // Not a number: said at the field, nothing written.
    setUnreadable(!Number.isFinite(number));
    if (Number.isFinite(number)) onChange(number);
  };
  return (
    <>
      <input type="text" inputMode={field.type === 'number' ? 'decimal' : undefined} {...common} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      {unreadable && (
        <span className="error" role="alert">
          {t('field.invalid', { field: label })}
        </span>
      )}
    </>
  );
}
