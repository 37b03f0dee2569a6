import { useState } from 'react';
import type { Merge } from '../../../shared/api/merge';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { formatDate } from '../format';

/**
 * The merges a contact or company took part in, read from the server (merges are not cached),
 * each with Undo while it may still be undone. Shows nothing when there are none.
 */
export function MergeHistory({ recordId }: { recordId: string }) {
  const { t, locale, me, notify, nudgeSync } = useApp();
  const merges = useRemote(() => callApi('listMerges', recordId), [recordId]);
  const [busy, setBusy] = useState<string | null>(null);
  if (merges.error) return merges.error.code === 'offline' ? <p className="muted small">{t('merge.historyOffline')}</p> : null;
  if (!merges.data || merges.data.length === 0) return null;
  const date = (at: number) => formatDate(at, locale, me.user.timeZone);

  const undo = async (merge: Merge) => {
    setBusy(merge.id);
    try {
      await callApi('undoMerge', merge.id);
      nudgeSync();
      notify({ text: t('merge.undone') });
      merges.reload();
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section data-testid="merge-history">
      <h3>{t('merge.history')}</h3>
      <ul>
        {merges.data.map((m) => (
          <li key={m.id} className="row small">
            <span className="grow">{m.survivorId === recordId ? t('merge.mergedFrom', { name: m.mergedName, date: date(m.mergedAt) }) : t('merge.mergedAway', { date: date(m.mergedAt) })}</span>
            {m.undoneAt !== null ? (
              <span className="muted">{t('merge.undoneOn', { date: date(m.undoneAt) })}</span>
            ) : Date.now() < m.undoableUntil ? (
              <button type="button" className="link" disabled={busy === m.id} onClick={() => undo(m)}>
                {t('merge.undo')}
              </button>
            ) : (
              <span className="muted">{t('merge.final')}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
