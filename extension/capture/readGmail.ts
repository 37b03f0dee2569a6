import type { MailCapture } from '../../shared/extract/captureSchemas';
import { bodyTextFromHtml } from './mailBodyText';
import { GMAIL } from './selectors';
import { parseMailDate, ThreadPeople } from './threadPeople';

/** The open Gmail conversation: the last expanded message's sender, date and own text, plus everyone else on the thread. */
export function readGmail(doc: Document): MailCapture | null {
  const messages = Array.from(doc.querySelectorAll(GMAIL.message)).filter((m) => m.querySelector(GMAIL.sender));
  const open = messages.filter((m) => m.querySelector(GMAIL.body));
  const current = open.at(-1) ?? messages.at(-1);
  if (!current) return null;
  const sender = current.querySelector(GMAIL.sender)!;
  const people = new ThreadPeople();
  for (const message of messages) {
    const from = message.querySelector(GMAIL.sender);
    const email = from?.getAttribute('email');
    if (from && email) people.sender(from.getAttribute('name') ?? from.textContent ?? '', email, message.querySelector(GMAIL.body));
  }
  for (const el of Array.from(doc.querySelectorAll(GMAIL.recipients))) {
    const email = el.getAttribute('email');
    if (email) people.recipient(el.getAttribute('name') ?? el.textContent ?? '', email);
  }
  const title = current.querySelector(GMAIL.date)?.getAttribute('title') ?? '';
  const body = current.querySelector(GMAIL.body);
  return {
    kind: 'mail',
    site: 'gmail',
    url: doc.location?.href ?? '',
    subject: doc.querySelector(GMAIL.subject)?.textContent?.trim() ?? '',
    sentAt: parseMailDate(title),
    from: { name: sender.getAttribute('name') ?? sender.textContent?.trim() ?? '', email: sender.getAttribute('email') ?? '' },
    bodyText: body ? bodyTextFromHtml(body) : '',
    participants: people.list(),
  };
}
