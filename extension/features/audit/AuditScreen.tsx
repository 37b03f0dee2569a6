import { useEffect, useState } from 'react';
import { AuditEntitySchema, type AuditEntry } from '../../../shared/api/audit';
import type { MessageKey } from '../../i18n/messages';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { fromDateTimeInput } from '../format';
import { AuditTable } from './AuditEntryRow';

/** The team's audit log for managers: by person, kind of record and time, newest first, paged. */
export function AuditScreen() {
  const { me, t } = useApp();
  const [filters, setFilters] = useState({ actorId: '', entity: '', from: '', to: '' });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Day boundaries in the viewer's own time zone.
  const query = (before?: string) => ({
    actorId: filters.actorId || undefined,
    entity: (filters.entity || undefined) as never,
    from: filters.from ? (fromDateTimeInput(`${filters.from}T00:00`, me.user.timeZone) ?? undefined) : undefined,
    to: filters.to ? (fromDateTimeInput(`${filters.to}T23:59`, me.user.timeZone) ?? 0) + 59_999 : undefined,
    before,
  });

  async function load(before?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await callApi('auditLog', query(before));
      setEntries((current) => (before ? [...current, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(t.error(failureOf(err)));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <div className="row">
        <label>
          {t('audit.person')}
          <select name="actor" value={filters.actorId} onChange={(e) => setFilters({ ...filters, actorId: e.target.value })}>
            <option value="">{t('audit.anyone')}</option>
            {me.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.entity')}
          <select name="entity" value={filters.entity} onChange={(e) => setFilters({ ...filters, entity: e.target.value })}>
            <option value="">{t('audit.anything')}</option>
            {AuditEntitySchema.options.flatMap((o) => ('options' in o ? o.options : [])).map((entity) => (
              <option key={entity} value={entity}>
                {t(`entity.${entity}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')}
          <input type="date" name="from" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" name="to" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
        </label>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries.length > 0 && <AuditTable entries={entries} showRecord />}
      {!loading && !error && entries.length === 0 && <p className="empty">{t('audit.empty')}</p>}
      {loading && <p className="muted">{t('common.loading')}</p>}
      {nextBefore && !loading && (
        <button type="button" onClick={() => void load(nextBefore)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
