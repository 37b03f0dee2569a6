import { useEffect } from 'react';
import { useApp } from '../appContext';

export interface ToastMessage {
  id: number;
  text: string;
  tone?: 'ok' | 'error';
  /** Reverses what was just done; shown as an Undo button. */
  undo?: () => Promise<void> | void;
}

const SHOWN_MS = 6000;

/** One short message at the bottom of the panel ("Saved", with Undo when undo is cheap). */
export function Toast({ message, onClose }: { message: ToastMessage | null; onClose: () => void }) {
  const { t } = useApp();
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onClose, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message, onClose]);
  if (!message) return null;
  return (
    <div className={`toast ${message.tone === 'error' ? 'toast-error' : ''}`} role="status" data-testid="toast">
      <span>{message.text}</span>
      {message.undo && (
        <button
          type="button"
          className="link"
          onClick={async () => {
            onClose();
            await message.undo!();
          }}
        >
          {t('feedback.undo')}
        </button>
      )}
    </div>
  );
}
