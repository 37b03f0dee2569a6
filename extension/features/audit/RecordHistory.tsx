import { callApi } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { AuditTable } from './AuditEntryRow';

/**
 * A record's history from the server's audit log: who changed which field from what to what,
 * and through which device. Read online (the log is not cached); offline says so.
 */
export function RecordHistory({ entity, id }: { entity: string; id: string }) {
  const { t } = useApp();
  const history = useRemote(() => callApi('recordHistory', entity, id), [entity, id]);
  if (history.error) {
    return (
      <p role="alert" className="error">
        {history.error.code === 'offline' ? t('dashboard.offline') : t.error(history.error)}{' '}
        <button type="button" className="link" onClick={history.reload}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  if (!history.data) return <p className="muted">{t('common.loading')}</p>;
  if (history.data.entries.length === 0) return <p className="empty">{t('history.empty')}</p>;
  return <AuditTable entries={history.data.entries} showRecord={false} />;
}
