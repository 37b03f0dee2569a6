import { EmailMessage } from 'cloudflare:email';
import type { Env } from '../env';

/** Delivers one raw MIME message to one address. */
export type Mailer = (to: string, raw: string) => Promise<void>;

/**
 * The real delivery: the `send_email` binding (`wrangler dev` writes each message under
 * .wrangler/tmp/email/). Messages are never logged: they may hold a sign-in code. Worker tests
 * pass their own Mailer to createApp, because a sent EmailMessage cannot be read back.
 */
export function bindingMailer(env: Pick<Env, 'MAILER' | 'MAIL_FROM'>): Mailer {
  return async (to, raw) => {
    await env.MAILER.send(new EmailMessage(env.MAIL_FROM, to, raw));
  };
}
