import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import type { WritableEntity } from '../../../shared/api/entities';
import { formatMoney, minorDigits, toMinorUnits } from '../../../shared/rules/money';
import { GradeSchema } from '../../../shared/schema/company';
import { getMeta } from '../../db/meta';
import type { MessageKey } from '../../i18n/messages';
import { usePhoneTools } from '../../phone/phoneTools';
import { useApp } from '../appContext';
import { fromDateInput, fromDateTimeInput, toDateInput, toDateTimeInput } from '../format';
import { searchList } from '../lists/listQueries';
import { PhoneLink } from '../phone/PhoneLink';
import { editableFields, type FieldKind } from './fieldSpecs';
import { KindSelect } from './KindSelect';
import { CustomFieldEditor } from '../deal/CustomFieldEditor';
import { usePipeline } from '../deal/useStages';
import { useSaveFields } from './useSaveFields';

type AnyRecord = { id: string; ownerId: string } & Record<string, unknown>;

/**
 * Every editable field of a record, each saved when it loses focus (or on change, for choices).
 * A field someone else changed updates in place unless the user is typing in it. Read-only for
 * users who may not write the record (the worker refuses it anyway).
 */
export function RecordFields({ entity, record, readOnly = false }: { entity: WritableEntity; record: AnyRecord; readOnly?: boolean }) {
  const { t } = useApp();
  const save = useSaveFields(entity, record);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const commit = async (fields: Record<string, unknown>) => {
    const problems = await save(fields);
    setErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(fields)) delete next[key];
      return { ...next, ...problems };
    });
  };
  return (
    <dl className="details" data-testid={`${entity}-fields`}>
      {editableFields[entity].map(({ name, kind }) => {
        const label = t(`field.${entity}.${name}` as MessageKey);
        return (
          <div key={name} className="field">
            <dt>{label}</dt>
            <dd>
              <FieldEditor entity={entity} name={name} kind={kind} label={label} record={record} readOnly={readOnly} commit={commit} invalid={!!errors[name]} />
              {errors[name] && (
                <span className="error" role="alert">
                  {errors[name]}
                </span>
              )}
            </dd>
          </div>
        );
      })}
      {entity === 'deal' && <CustomFieldRows record={record} readOnly={readOnly} commit={commit} errors={errors} />}
    </dl>
  );
}

/** The team's custom deal fields (pipeline settings), saved into the deal's `custom` map. */
function CustomFieldRows({ record, readOnly, commit, errors }: { record: AnyRecord; readOnly: boolean; commit: (fields: Record<string, unknown>) => Promise<void>; errors: Record<string, string> }) {
  const { locale } = useApp();
  const { customFields } = usePipeline();
  const values = (record.custom as Record<string, unknown> | undefined) ?? {};
  return (
    <>
      {customFields.map((field) => (
        <div key={field.key} className="field">
          <dt>{field.label[locale]}</dt>
          <dd>
            <CustomFieldEditor field={field} name={`deal.custom.${field.key}`} value={values[field.key]} readOnly={readOnly} invalid={!!errors.custom} onChange={(value) => void commit({ custom: { ...values, [field.key]: value } })} />
          </dd>
        </div>
      ))}
      {errors.custom && (
        <span className="error" role="alert">
          {errors.custom}
        </span>
      )}
    </>
  );
}

export interface EditorProps {
  entity: WritableEntity;
  name: string;
  kind: FieldKind;
  label: string;
  record: AnyRecord;
  readOnly: boolean;
  invalid: boolean;
  commit: (fields: Record<string, unknown>) => Promise<void>;
}

/** The editor for one built-in field, by its kind; `commit` receives the parsed value. */
export function FieldEditor(props: EditorProps) {
  const { kind } = props;
  if (kind === 'grade' || kind === 'followUpKind' || kind === 'activityKind') return <ChoiceEditor {...props} />;
  if (kind === 'company' || kind === 'contact') return <RecordPicker {...props} />;
  if (kind === 'money') return <MoneyEditor {...props} />;
  if (kind === 'phones' || kind === 'phone') return <PhonesEditor {...props} />;
  return <TextEditor {...props} />;
}

/** Local draft of a field that follows the record unless the user is editing it. */
function useDraft(value: string): [string, (v: string) => void, { onFocus: () => void; onBlur: () => void }] {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  return [draft, setDraft, { onFocus: () => (editing.current = true), onBlur: () => (editing.current = false) }];
}

function TextEditor({ entity, name, kind, label, record, readOnly, invalid, commit }: EditorProps) {
  const { me } = useApp();
  const zone = me.user.timeZone;
  const raw = record[name];
  const shown =
    kind === 'emails' ? ((raw as string[]) ?? []).join('\n') : kind === 'date' ? (raw == null ? '' : toDateInput(raw as number, zone)) : kind === 'dateTime' ? (raw == null ? '' : toDateTimeInput(raw as number, zone)) : String(raw ?? '');
  const [draft, setDraft, focus] = useDraft(shown);
  const parse = (text: string): unknown => {
    if (kind === 'emails') return text.split(/[\n,;]+/).map((e) => e.trim()).filter(Boolean);
    if (kind === 'date') return text ? fromDateInput(text, zone) : null;
    if (kind === 'dateTime') return text ? fromDateTimeInput(text, zone) : null;
    const trimmed = text.trim();
    return trimmed === '' ? null : trimmed;
  };
  const common = {
    name: `${entity}.${name}`,
    'aria-label': label,
    'aria-invalid': invalid,
    value: draft,
    readOnly,
    onFocus: focus.onFocus,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: () => {
      focus.onBlur();
      if (draft !== shown) void commit({ [name]: parse(draft) });
    },
  };
  if (kind === 'longText' || kind === 'emails') return <textarea rows={kind === 'emails' ? Math.max(1, draft.split('\n').length) : 2} {...common} />;
  const type = kind === 'date' ? 'date' : kind === 'dateTime' ? 'datetime-local' : kind === 'url' ? 'url' : 'text';
  return <input type={type} {...common} />;
}

function ChoiceEditor({ entity, name, kind, label, record, readOnly, commit }: EditorProps) {
  const { t } = useApp();
  const value = (record[name] as string | null) ?? '';
  if (kind !== 'grade') {
    const of = kind === 'followUpKind' ? 'followUp' : 'activity';
    return <KindSelect of={of} name={`${entity}.${name}`} label={label} value={value as never} disabled={readOnly} onChange={(next) => void commit({ [name]: next })} />;
  }
  return (
    <select name={`${entity}.${name}`} aria-label={label} value={value} disabled={readOnly} onChange={(e) => void commit({ [name]: e.target.value || null })}>
      <option value="">{t('field.none')}</option>
      {GradeSchema.options.map((grade) => (
        <option key={grade} value={grade}>
          {grade}
        </option>
      ))}
    </select>
  );
}

function MoneyEditor({ entity, name, label, record, readOnly, invalid, commit }: EditorProps) {
  const { t, locale } = useApp();
  const currency = String(record.currency ?? 'CNY');
  const digits = minorDigits(currency);
  const amount = record[name] as number | null;
  const shown = amount === null ? '' : (amount / 10 ** digits).toFixed(digits);
  const [draft, setDraft, focus] = useDraft(shown);
  const [error, setError] = useState(false);
  return (
    <>
      <input
        name={`${entity}.${name}`}
        inputMode="decimal"
        aria-label={label}
        aria-invalid={invalid || error}
        placeholder={t('deal.noAmount')}
        value={draft}
        readOnly={readOnly}
        onFocus={focus.onFocus}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          focus.onBlur();
          const minor = toMinorUnits(draft, currency);
          setError(Number.isNaN(minor));
          if (!Number.isNaN(minor) && draft !== shown) void commit({ [name]: minor });
        }}
      />
      <span className="muted">{amount !== null ? formatMoney(amount, currency, locale) : currency}</span>
      {error && (
        <span className="error" role="alert">
          {t('field.invalid', { field: label })}
        </span>
      )}
    </>
  );
}

/** Phones are stored in E.164, shown as the user's region writes them, typed in any format. */
function PhonesEditor({ entity, name, kind, label, record, readOnly, invalid, commit }: EditorProps) {
  const { db, t } = useApp();
  const tools = usePhoneTools();
  const region = useLiveQuery(() => getMeta(db, 'phoneRegion'), [db]) ?? 'CN';
  const stored = kind === 'phones' ? ((record[name] as string[]) ?? []) : record[name] ? [record[name] as string] : [];
  const shown = stored.map((p) => (tools ? tools.display(p, region) : p)).join('\n');
  const [draft, setDraft, focus] = useDraft(shown);
  const [bad, setBad] = useState<string | null>(null);
  const save = () => {
    focus.onBlur();
    if (draft === shown || !tools) return;
    const lines = draft.split(/\n+/).map((l) => l.trim()).filter(Boolean);
    const parsed = lines.map((line) => tools.normalize(line, region));
    const wrong = lines.find((_, i) => parsed[i] === null);
    setBad(wrong ?? null);
    if (wrong) return;
    void commit({ [name]: kind === 'phones' ? parsed : (parsed[0] ?? null) });
  };
  return (
    <div className="phones">
      {kind === 'phones' ? (
        <textarea name={`${entity}.${name}`} aria-label={label} aria-invalid={invalid || !!bad} rows={Math.max(1, stored.length)} value={draft} readOnly={readOnly} onFocus={focus.onFocus} onChange={(e) => setDraft(e.target.value)} onBlur={save} />
      ) : (
        <input name={`${entity}.${name}`} aria-label={label} aria-invalid={invalid || !!bad} value={draft} readOnly={readOnly} onFocus={focus.onFocus} onChange={(e) => setDraft(e.target.value)} onBlur={save} />
      )}
      <span className="phone-links">
        {stored.map((p) => (
          <PhoneLink key={p} e164={p} shown={tools ? tools.display(p, region) : p} />
        ))}
      </span>
      {bad && (
        <span className="error" role="alert">
          {t('phone.invalid', { phone: bad })}
        </span>
      )}
    </div>
  );
}

/** Links a record to a company or contact: type to search the local cache, pick from the list. */
function RecordPicker({ entity, name, kind, label, record, readOnly, commit }: EditorProps) {
  const { db, t } = useApp();
  const target = kind as 'company' | 'contact';
  const id = record[name] as string | null;
  const current = useLiveQuery(async () => (id ? ((await db.records(target).get(id)) ?? null) : null), [db, target, id]);
  const shown = current?.name ?? '';
  const [draft, setDraft, focus] = useDraft(shown);
  const listId = useId();
  const options = useLiveQuery(async () => (draft.trim() && draft !== shown ? searchList<{ id: string; name: string }>(db, target, draft, null, 8) : []), [db, target, draft, shown]) ?? [];
  const [missing, setMissing] = useState(false);
  return (
    <>
      <input
        name={`${entity}.${name}`}
        aria-label={label}
        aria-invalid={missing}
        list={listId}
        value={draft}
        readOnly={readOnly}
        placeholder={t('field.none')}
        onFocus={focus.onFocus}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          focus.onBlur();
          if (draft === shown) return;
          if (!draft.trim()) return void commit({ [name]: null });
          const match = options.find((o) => o.name === draft.trim()) ?? (options.length === 1 ? options[0] : undefined);
          setMissing(!match);
          if (match) void commit({ [name]: match.id });
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.id} value={o.name} />
        ))}
      </datalist>
      {missing && (
        <span className="error" role="alert">
          {t('field.pickExisting', { field: label })}
        </span>
      )}
    </>
  );
}
