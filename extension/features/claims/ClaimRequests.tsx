import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Claim } from '../../../shared/api/claims';
import { seesWholeTeam } from '../../../shared/rules/visibility';
import { getMeta, setMeta } from '../../db/meta';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useOwnerName } from '../owner/useOwnerName';

/**
 * 撞单 requests at the top of the panel: those this user may decide (their customers; every open
 * one for managers) with Hand over / Decline, and the outcome of their own requests.
 */
export function ClaimRequests() {
  const { db, me, t, notify } = useApp();
  const claims = useLiveQuery(() => getMeta(db, 'claims'), [db]) ?? [];
  const name = useOwnerName();
  const [busy, setBusy] = useState<string | null>(null);
  const decidable = claims.filter((c) => c.status === 'open' && c.requesterId !== me.user.id && (c.ownerId === me.user.id || seesWholeTeam(me.user.role)));
  const mine = claims.filter((c) => c.requesterId === me.user.id);
  if (decidable.length === 0 && mine.length === 0) return null;

  async function decide(claim: Claim, approve: boolean) {
    const requester = name(claim.requesterId);
    const reason = approve ? null : window.prompt(t('claim.reasonPrompt', { requester }));
    if (!approve && !reason?.trim()) return;
    setBusy(claim.id);
    try {
      const decided = await callApi('decideClaim', claim.id, approve ? { decision: 'approve' } : { decision: 'decline', reason: reason! });
      // Shown at once; the next sync round brings the team's view.
      await setMeta(db, 'claims', claims.map((c) => (c.id === decided.id ? decided : c)));
      notify({ text: approve ? t('claim.approved', { requester }) : t('claim.declined'), tone: 'ok' });
    } catch (err) {
      notify({ text: t.error(failureOf(err)), tone: 'error' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card claims" data-testid="claims" aria-label={t('claim.title')}>
      <h3>{t('claim.title')}</h3>
      <ul className="plain-list">
        {decidable.map((c) => (
          <li key={c.id} data-claim={c.id}>
            <div>{t('claim.incoming', { requester: name(c.requesterId), contact: c.contactName ?? '—', owner: name(c.ownerId) })}</div>
            {c.note && <div className="muted small">{t('claim.note', { note: c.note })}</div>}
            <div className="row">
              <button type="button" className="primary" disabled={busy === c.id} onClick={() => void decide(c, true)}>
                {t('claim.approve')}
              </button>
              <button type="button" disabled={busy === c.id} onClick={() => void decide(c, false)}>
                {t('claim.decline')}
              </button>
            </div>
          </li>
        ))}
        {mine.map((c) => (
          <li key={c.id} className="small" data-claim={c.id} data-status={c.status}>
            {c.status === 'open' && t('claim.mineOpen', { owner: name(c.ownerId) })}
            {c.status === 'approved' && t('claim.mineApproved', { contact: c.contactName ?? t('claim.someone') })}
            {c.status === 'declined' && t('claim.mineDeclined', { owner: name(c.ownerId), reason: c.reason ?? '' })}
          </li>
        ))}
      </ul>
    </section>
  );
}
