import { useState, type ReactNode } from 'react';
import type { WritableEntity } from '../../../shared/api/entities';
import { canWrite } from '../../../shared/rules/visibility';
import { useApp } from '../appContext';
import { DeleteControl } from '../deletion/DeleteControl';
import { ReassignControl } from '../owner/ReassignControl';
import { RecordHistory } from '../audit/RecordHistory';
import { MergedBanner } from '../merge/MergedBanner';

/** mergedIntoId: contacts and companies merged into another record. */
type Shown = { id: string; ownerId: string; deletedAt: number | null; mergedIntoId?: string | null };

/**
 * What every record view shares: loading and "no longer here" states, the title with Delete (for
 * those who may write it) or the deleted banner with Undo, and the owner with Reassign.
 * `children` gets whether the viewer may write the record; a History tab beside it shows the audit log.
 */
export function RecordFrame<T extends Shown>({ entity, record, title, testId, children }: { entity: WritableEntity; record: T | null | undefined; title: (record: T) => ReactNode; testId: string; children: (record: T, writable: boolean) => ReactNode }) {
  const { me, t } = useApp();
  const [tab, setTab] = useState<'details' | 'history'>('details');
  if (record === undefined) return <p className="muted">{t('list.loading')}</p>;
  if (record === null) return <p className="empty">{t('record.gone')}</p>;
  const writable = canWrite(me.user, record);
  return (
    <article className="card record" data-testid={testId}>
      <div className="row">
        <h2 className="grow">{title(record)}</h2>
        {record.deletedAt === null && writable && <DeleteControl entity={entity} record={record} />}
      </div>
      {record.deletedAt !== null && (record.mergedIntoId ? <MergedBanner entity={entity} survivorId={record.mergedIntoId} /> : <DeleteControl entity={entity} record={record} />)}
      <div className="row small">
        <span className="muted">{t('deal.owner')}</span> <ReassignControl entity={entity} record={record} />
      </div>
      <nav className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'details'} className={tab === 'details' ? 'active' : ''} onClick={() => setTab('details')}>
          {t('record.details')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'active' : ''} onClick={() => setTab('history')}>
          {t('history.title')}
        </button>
      </nav>
      {tab === 'details' ? children(record, writable) : <RecordHistory entity={entity} id={record.id} />}
    </article>
  );
}
