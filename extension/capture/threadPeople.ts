import type { MailCapture } from '../../shared/extract/captureSchemas';
import { bodyTextFromHtml } from './mailBodyText';

type Participant = MailCapture['participants'][number];

/** Everyone on a thread, by address: senders with their own text, then recipients. */
export class ThreadPeople {
  private readonly people = new Map<string, Participant>();

  /** A message's sender; later messages win, since the latest signature is the freshest. */
  sender(name: string, email: string, body: Element | null): void {
    const key = email.trim().toLowerCase();
    this.people.set(key, { name, email: key, ...(body ? { bodyText: bodyTextFromHtml(body) } : {}) });
  }

  /** Someone on To or Cc, kept only when no message of theirs is open. */
  recipient(name: string, email: string): void {
    const key = email.trim().toLowerCase();
    if (!this.people.has(key)) this.people.set(key, { name, email: key });
  }

  list(): Participant[] {
    return [...this.people.values()];
  }
}

/** Dates as the webmail UIs print them, e.g. "Fri, Sep 11, 2026, 9:04 AM" (narrow no-break spaces normalised). */
export function parseMailDate(text: string): number | null {
  const cleaned = text.replace(/[\u202f\u00a0]/g, ' ').replace(/ at /, ' ').trim();
  if (!cleaned) return null;
  const ms = Date.parse(cleaned.replace(/^(\w{3}), (\w{3} \d{1,2}, \d{4}), /, '$2 '));
  return Number.isFinite(ms) ? ms : null;
}
