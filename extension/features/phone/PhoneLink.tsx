import type { ClipboardEvent } from 'react';

/**
 * A phone as the user's region writes it, dialled with `tel:` in E.164; copying it copies the
 * E.164 form, which every dialler and CRM import accepts.
 */
export function PhoneLink({ e164, shown }: { e164: string; shown: string }) {
  const dial = e164.replace(/\s*ext\.\s*/i, ';ext=');
  const onCopy = (e: ClipboardEvent) => {
    e.preventDefault();
    e.clipboardData.setData('text/plain', e164);
  };
  return (
    <a href={`tel:${dial}`} onCopy={onCopy} data-e164={e164}>
      {shown}
    </a>
  );
}
