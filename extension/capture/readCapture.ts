import type { CaptureInput } from '../../shared/extract/captureSchemas';
import { readGmail } from './readGmail';
import { readOutlook } from './readOutlook';
import { readPage } from './readPage';
import { GMAIL, OUTLOOK } from './selectors';

/**
 * Reads whatever the tab shows: an open Gmail or Outlook message (recognised by host or by
 * their DOM), else the page's structured data. A selection always wins as a page capture.
 * Returns plain data only; nothing here touches the token or the database.
 */
export function readCapture(doc: Document, selection = ''): CaptureInput {
  const host = doc.location?.hostname ?? '';
  let webmail = false;
  if (!selection.trim()) {
    if (host === 'mail.google.com' || doc.querySelector(`${GMAIL.message} ${GMAIL.sender}`)) {
      webmail = true;
      const mail = readGmail(doc);
      if (mail) return mail;
    }
    if (host.startsWith('outlook.') || doc.querySelector(OUTLOOK.readingPane)) {
      webmail = true;
      const mail = readOutlook(doc);
      if (mail) return mail;
    }
  }
  return { ...readPage(doc, selection), unreadMail: webmail };
}
