import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { HandoverCounts, HandoverRequest } from '../../../shared/api/handover';
import { MAX_HANDOVER_CONTACTS } from '../../../shared/api/handover';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';

/**
 * A manager gives one member's customers to another in one action: everything, or chosen
 * contacts. The preview says how many of each kind will move; nothing moves until confirmed.
 * Contacts to choose from come from the local cache (managers' devices hold the team's).
 */
export function HandoverScreen() {
  const { db, me, t, notify, nudgeSync } = useApp();
  const [fromUserId, setFrom] = useState('');
  const [toUserId, setTo] = useState('');
  const [scope, setScope] = useState<'all' | 'chosen'>('all');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [preview, setPreview] = useState<HandoverCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const contacts = useLiveQuery(
    async () => (fromUserId ? (await db.records('contact').where('ownerId').equals(fromUserId).toArray()).filter((c) => c.deletedAt === null) : []),
    [db, fromUserId],
  );
  const shown = (contacts ?? []).filter((c) => !filter || String(c.name).toLowerCase().includes(filter.toLowerCase())).slice(0, 200);
  const receivers = me.members.filter((m) => m.id !== fromUserId && m.disabledAt === null);

  const request = (): HandoverRequest | null => {
    if (!fromUserId || !toUserId) return null;
    if (scope === 'chosen') return chosen.size > 0 ? { fromUserId, toUserId, contactIds: [...chosen].slice(0, MAX_HANDOVER_CONTACTS) } : null;
    return { fromUserId, toUserId };
  };
  const reset = () => (setPreview(null), setError(null));

  async function run(kind: 'preview' | 'handOver') {
    const body = request();
    if (!body) return setError(t('handover.pick'));
    setBusy(true);
    setError(null);
    try {
      if (kind === 'preview') setPreview(await callApi('previewHandover', body));
      else {
        const result = await callApi('handOver', body);
        notify({ text: t('handover.done', result.moved) + (result.rejected ? ` ${t('handover.rejected', { count: result.rejected })}` : ''), tone: result.rejected ? 'error' : 'ok' });
        setPreview(null);
        setChosen(new Set());
        nudgeSync();
      }
    } catch (err) {
      setError(t.error(failureOf(err)));
    } finally {
      setBusy(false);
    }
  }

  const total = preview ? Object.values(preview).reduce((a, b) => a + b, 0) : 0;
  return (
    <section className="card" aria-labelledby="handover-title">
      <h2 id="handover-title">{t('handover.title')}</h2>
      <p className="note">{t('handover.intro')}</p>
      <div className="row">
        <label>
          {t('handover.from')}
          <select name="from" value={fromUserId} onChange={(e) => (setFrom(e.target.value), setChosen(new Set()), reset())}>
            <option value="">—</option>
            {me.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.disabledAt ? t('owner.disabled', { name: m.name }) : m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('handover.to')}
          <select name="to" value={toUserId} onChange={(e) => (setTo(e.target.value), reset())}>
            <option value="">—</option>
            {receivers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="row plain">
        <label className="check">
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => (setScope('all'), reset())} /> {t('handover.scopeAll')}
        </label>
        <label className="check">
          <input type="radio" name="scope" checked={scope === 'chosen'} onChange={() => (setScope('chosen'), reset())} /> {t('handover.scopeChosen')}
        </label>
      </fieldset>
      {scope === 'chosen' && fromUserId && (
        <div className="handover-contacts">
          <div className="row">
            <input type="search" aria-label={t('handover.filterContacts')} placeholder={t('handover.filterContacts')} value={filter} onChange={(e) => setFilter(e.target.value)} />
            <span className="muted small">{t('handover.chosenCount', { count: chosen.size })}</span>
          </div>
          <ul className="plain-list scroll">
            {shown.map((c) => (
              <li key={c.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(c.id)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(c.id);
                      else next.delete(c.id);
                      setChosen(next);
                      reset();
                    }}
                  />{' '}
                  {String(c.name)}
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <p role="status" data-testid="handover-preview">
          {total === 0 ? t('handover.nothing') : t('handover.willMove', preview)}
        </p>
      )}
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void run('preview')}>
          {t('handover.preview')}
        </button>
        <button type="button" className="primary" disabled={busy || !preview || total === 0} onClick={() => void run('handOver')}>
          {t('handover.confirm')}
        </button>
      </div>
    </section>
  );
}
