import type { MailCapture } from '../../shared/extract/captureSchemas';
import { ownTextFromHtml } from './mailBodyText';
import { OUTLOOK } from './selectors';
import { parseMailDate, ThreadPeople } from './threadPeople';

/** "From: Peter Novak <peter.novak@x.example>" in any of the labels Outlook localises. */
function parseSender(label: string): { name: string; email: string } | null {
  const rest = label.replace(/^[^:：]+[:：]\s*/, '');
  const match = /^(.*?)\s*<([^>]+@[^>]+)>\s*$/.exec(rest) ?? /^()([^\s@]+@[^\s@]+)$/.exec(rest.trim());
  return match ? { name: match[1]!.replace(/^["']|["']$/g, '').trim(), email: match[2]!.trim().toLowerCase() } : null;
}

/** The open Outlook conversation in the reading pane. */
export function readOutlook(doc: Document): MailCapture | null {
  const pane = doc.querySelector(OUTLOOK.readingPane);
  if (!pane) return null;
  const messages = Array.from(pane.querySelectorAll(OUTLOOK.message)).filter((m) => m.querySelector(OUTLOOK.sender));
  const current = messages.filter((m) => m.querySelector(OUTLOOK.body)).at(-1) ?? messages.at(-1);
  if (!current) return null;
  const people = new ThreadPeople();
  for (const message of messages) {
    const from = parseSender(message.querySelector(OUTLOOK.sender)?.getAttribute('aria-label') ?? '');
    if (from) people.sender(from.name, from.email, message.querySelector(OUTLOOK.body));
  }
  for (const well of Array.from(pane.querySelectorAll(OUTLOOK.recipients))) {
    for (const match of (well.textContent ?? '').matchAll(/([^;,<>:]+?)\s*<([^>]+@[^>]+)>/g)) people.recipient(match[1]!.trim(), match[2]!);
  }
  const sender = parseSender(current.querySelector(OUTLOOK.sender)!.getAttribute('aria-label') ?? '')!;
  const body = current.querySelector(OUTLOOK.body);
  return {
    kind: 'mail',
    site: 'outlook',
    url: doc.location?.href ?? '',
    subject: pane.querySelector(OUTLOOK.subject)?.textContent?.trim() ?? '',
    sentAt: parseMailDate(current.querySelector(OUTLOOK.date)?.textContent ?? ''),
    from: sender,
    bodyText: body ? ownTextFromHtml(body) : '',
    participants: people.list(),
  };
}
