import { useState } from 'react';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';

/**
 * On a duplicate that belongs to a teammate: ask for the customer instead of creating a twin.
 * The owner and the managers see the request in their panels and digests.
 */
export function AskForCustomer({ contactId, ownerName }: { contactId: string; ownerName: string }) {
  const { t, notify, nudgeSync } = useApp();
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  if (asked) return <span className="muted small">{t('claim.asked', { name: ownerName })}</span>;
  return (
    <button
      type="button"
      className="link"
      disabled={busy}
      onClick={async () => {
        const note = window.prompt(t('claim.notePrompt', { name: ownerName }));
        if (note === null) return; // cancelled
        setBusy(true);
        try {
          await callApi('requestClaim', { contactId, note: note.trim() || null });
          setAsked(true);
          nudgeSync();
        } catch (err) {
          const failure = failureOf(err);
          // Asked already (another device, a double click): that is what the user wanted.
          if (failure.code === 'conflict') setAsked(true);
          else notify({ text: t.error(failure), tone: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('claim.ask', { name: ownerName })}
    </button>
  );
}
