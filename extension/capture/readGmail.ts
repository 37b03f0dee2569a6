import type { MailCapture } from '../../shared/extract/captureSchemas';
import { ownTextFromHtml } from './mailBodyText';
import { GMAIL } from './selectors';

/** The open Gmail conversation: the last expanded message's sender, date and own text, plus everyone else on the thread. */
export function readGmail(doc: Document): MailCapture | null {
  const messages = Array.from(doc.querySelectorAll(GMAIL.message)).filter((m) => m.querySelector(GMAIL.sender));
  const open = messages.filter((m) => m.querySelector(GMAIL.body));
  const current = open.at(-1) ?? messages.at(-1);
  if (!current) return null;
  const sender = current.querySelector(GMAIL.sender)!;
  const people = new Map<string, { name: string; email: string; bodyText?: string }>();
  for (const message of messages) {
    const from = message.querySelector(GMAIL.sender);
    const email = from?.getAttribute('email')?.toLowerCase();
    if (!from || !email) continue;
    const body = message.querySelector(GMAIL.body);
    // Later messages win: the latest signature is the freshest.
    people.set(email, { name: from.getAttribute('name') ?? from.textContent ?? '', email, ...(body ? { bodyText: ownTextFromHtml(body) } : {}) });
  }
  for (const el of Array.from(doc.querySelectorAll(GMAIL.recipients))) {
    const email = el.getAttribute('email')?.toLowerCase();
    if (email && !people.has(email)) people.set(email, { name: el.getAttribute('name') ?? el.textContent ?? '', email });
  }
  const title = current.querySelector(GMAIL.date)?.getAttribute('title') ?? '';
  const body = current.querySelector(GMAIL.body);
  return {
    kind: 'mail',
    site: 'gmail',
    url: doc.location?.href ?? '',
    subject: doc.querySelector(GMAIL.subject)?.textContent?.trim() ?? '',
    sentAt: parseDate(title),
    from: { name: sender.getAttribute('name') ?? sender.textContent?.trim() ?? '', email: sender.getAttribute('email') ?? '' },
    bodyText: body ? ownTextFromHtml(body) : '',
    participants: [...people.values()],
  };
}

/** Gmail's title attribute reads like "Fri, Sep 11, 2026, 9:04 AM"; the narrow no-break space is normalised. */
export function parseDate(text: string): number | null {
  const cleaned = text.replace(/[\u202f\u00a0]/g, ' ').replace(/ at /, ' ').trim();
  if (!cleaned) return null;
  const ms = Date.parse(cleaned.replace(/^(\w{3}), (\w{3} \d{1,2}, \d{4}), /, '$2 '));
  return Number.isFinite(ms) ? ms : null;
}
