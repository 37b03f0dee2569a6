import type { MailCapture } from '../../shared/extract/captureSchemas';
import { bodyTextFromHtml } from './mailBodyText';
import { OUTLOOK } from './selectors';
import { parseMailDate, ThreadPeople } from './threadPeople';

type Person = { name: string; email: string };

/** "From: Peter Novak <peter.novak@x.example>" (or a bare address) in any of the labels Outlook localises. */
function parseSender(label: string): Person | null {
  const rest = label.replace(/^[^:：]+[:：]\s*/, '');
  const match = /^(.*?)\s*<([^>]+@[^>]+)>\s*$/.exec(rest) ?? /^()([^\s@]+@[^\s@]+)$/.exec(rest.trim());
  return match ? { name: match[1]!.replace(/^["']|["']$/g, '').trim(), email: match[2]!.trim().toLowerCase() } : null;
}

/**
 * The sender of a message body, from independent hooks, nearest first: the "From: …" label in
 * the message's wrapper, else the last one before the body anywhere in the pane (Outlook puts it
 * outside the wrapper in some layouts), else a persona button whose title is the address, else
 * the selected conversation in the list when it names an address.
 */
function senderOf(body: Element, pane: Element, doc: Document): Person | null {
  const wrapper = body.closest(OUTLOOK.message);
  const inWrapper = wrapper?.querySelector(OUTLOOK.sender);
  if (inWrapper) return parseSender(inWrapper.getAttribute('aria-label') ?? '');
  // Document order from querySelectorAll (which every DOM gets right) rather than compareDocumentPosition.
  const order = new Map(Array.from(pane.querySelectorAll('*')).map((el, i) => [el, i]));
  const precedes = (el: Element) => (order.get(el) ?? Infinity) < (order.get(body) ?? -1);
  const nearest = Array.from(pane.querySelectorAll(OUTLOOK.sender)).filter(precedes).at(-1);
  if (nearest) return parseSender(nearest.getAttribute('aria-label') ?? '');
  const persona = Array.from(pane.querySelectorAll('[title*="@"]')).find(precedes);
  if (persona) return parseSender(`x: ${persona.textContent?.trim() ?? ''} <${persona.getAttribute('title')}>`);
  const selected = doc.querySelector(OUTLOOK.selectedConversation)?.getAttribute('aria-label') ?? '';
  const address = /[^\s<>;,]+@[^\s<>;,]+\.[a-z]{2,}/i.exec(selected);
  return address ? { name: '', email: address[0].toLowerCase() } : null;
}

/** Names with addresses ("Eva <eva@x>") and bare addresses ("eva@x") in a recipient well. */
function recipientsIn(text: string): Person[] {
  const out: Person[] = [];
  for (const part of text.replace(/^[^:：]{1,12}[:：]/, '').split(/[;,，；]/)) {
    const named = /^\s*(.*?)\s*<([^>]+@[^>]+)>\s*$/.exec(part);
    const bare = /([^\s<>]+@[^\s<>]+\.[a-z]{2,})/i.exec(part);
    if (named) out.push({ name: named[1]!.replace(/^["']|["']$/g, ''), email: named[2]!.trim().toLowerCase() });
    else if (bare) out.push({ name: '', email: bare[1]!.toLowerCase() });
  }
  return out;
}

/** The open Outlook conversation in the reading pane; null when no message with a sender can be read. */
export function readOutlook(doc: Document): MailCapture | null {
  const pane = doc.querySelector(OUTLOOK.readingPane);
  if (!pane) return null;
  const bodies = Array.from(pane.querySelectorAll(OUTLOOK.body)).filter((b) => !b.parentElement?.closest(OUTLOOK.body));
  const people = new ThreadPeople();
  let current: { body: Element; from: Person } | null = null;
  for (const body of bodies) {
    const from = senderOf(body, pane, doc);
    if (!from) continue;
    people.sender(from.name, from.email, body);
    current = { body, from };
  }
  if (!current) return null;
  for (const well of Array.from(pane.querySelectorAll(OUTLOOK.recipients))) for (const r of recipientsIn(well.textContent ?? '')) people.recipient(r.name, r.email);
  const wrapper = current.body.closest(OUTLOOK.message) ?? pane;
  return {
    kind: 'mail',
    site: 'outlook',
    url: doc.location?.href ?? '',
    subject: pane.querySelector(OUTLOOK.subject)?.textContent?.trim() ?? doc.title.replace(/\s*[-–]\s*Outlook.*$/i, '').trim(),
    sentAt: parseMailDate(wrapper.querySelector(OUTLOOK.date)?.textContent ?? pane.querySelector(OUTLOOK.date)?.textContent ?? ''),
    from: current.from,
    bodyText: bodyTextFromHtml(current.body),
    participants: people.list(),
  };
}
