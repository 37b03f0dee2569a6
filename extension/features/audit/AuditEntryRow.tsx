import type { AuditEntry } from '../../../shared/api/audit';
import type { MessageKey } from '../../i18n/messages';
import { useApp } from '../appContext';
import { useStageLabel } from '../deal/useStages';
import { formatDateTime } from '../format';
import { useOwnerName } from '../owner/useOwnerName';

/** How one field's value reads to a person: names for people and stages, dates for times. */
function useShowValue(): (field: string, value: unknown) => string {
  const { t, locale, me } = useApp();
  const ownerName = useOwnerName();
  const stageLabel = useStageLabel();
  return (field, value) => {
    if (value === null || value === undefined || value === '') return t('field.none');
    if (field === 'ownerId' && typeof value === 'string') return ownerName(value);
    if ((field === 'stageId' || field === 'fromStageId' || field === 'toStageId') && typeof value === 'string') return stageLabel(value);
    if (field === 'role' && typeof value === 'string') return t(`role.${value}` as MessageKey);
    if (/At$/.test(field) && typeof value === 'number') return formatDateTime(value, locale, me.user.timeZone);
    if (Array.isArray(value)) return value.join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
}

/** A field's label in the user's language where there is one ("Job title"), else its name. */
function useFieldLabel(): (entity: string | null, field: string) => string {
  const { t } = useApp();
  return (entity, field) => {
    const key = `field.${entity}.${field}` as MessageKey;
    const label = t(key);
    return label === key ? field : label;
  };
}

/** One entry: when, who (and through which device), what, and each field old → new. */
export function AuditEntryRow({ entry, showRecord }: { entry: AuditEntry; showRecord: boolean }) {
  const { t, locale, me } = useApp();
  const ownerName = useOwnerName();
  const showValue = useShowValue();
  const fieldLabel = useFieldLabel();
  const changes = Object.entries(entry.detail?.changes ?? {});
  return (
    <tr data-action={entry.action}>
      <td className="nowrap">{formatDateTime(entry.at, locale, me.user.timeZone)}</td>
      <td>
        {entry.actorId ? ownerName(entry.actorId) : '—'}
        {entry.deviceLabel && <div className="muted small">{entry.deviceLabel}</div>}
      </td>
      <td>
        {t(`audit.action.${entry.action}` as MessageKey)}
        {showRecord && entry.entity && (
          <div className="muted small">
            {t(`entity.${entry.entity}` as MessageKey)}
            {entry.entity === 'user' && entry.recordId ? ` · ${ownerName(entry.recordId)}` : ''}
          </div>
        )}
      </td>
      <td>
        {changes.length > 0 && (
          <ul className="plain-list changes">
            {changes.map(([field, change]) => (
              <li key={field}>
                <span className="muted">{fieldLabel(entry.entity, field)}:</span> {entry.action !== 'create' && <del>{showValue(field, change.from)}</del>} {entry.action !== 'create' && '→ '}
                <ins>{showValue(field, change.to)}</ins>
              </li>
            ))}
          </ul>
        )}
        {entry.detail?.note && entry.action === 'handover' && (
          <span className="small">
            → {ownerName(String(entry.detail.note.to))} ({t('handover.willMove', entry.detail.note.counts as Record<string, number>)})
          </span>
        )}
      </td>
    </tr>
  );
}

export function AuditTable({ entries, showRecord }: { entries: AuditEntry[]; showRecord: boolean }) {
  const { t } = useApp();
  return (
    <table className="grid-table audit" data-testid="audit-entries">
      <thead>
        <tr>
          <th>{t('audit.when')}</th>
          <th>{t('audit.who')}</th>
          <th>{t('audit.what')}</th>
          <th>{t('audit.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <AuditEntryRow key={e.id} entry={e} showRecord={showRecord} />
        ))}
      </tbody>
    </table>
  );
}
