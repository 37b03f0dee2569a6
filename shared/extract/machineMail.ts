import type { MailCapture } from './captureSchemas';

/**
 * Mail a machine wrote: an auto-reply, a notification, a newsletter. Nobody's lead, so the panel
 * offers an empty form rather than the platform's name and service address. Judged from what the
 * reader can see: the sender's address, the subject, the text, and the mailer headers when the
 * reader has them (a raw message does; webmail's DOM does not).
 */
export function isMachineMail(mail: Pick<MailCapture, 'from' | 'subject' | 'mailer'>, ownText: string): boolean {
  return isAutomatedSender(mail.from.email) || fromMailerHeaders(mail.mailer) || AUTO_REPLY_SUBJECT.test(mail.subject.trim()) || DO_NOT_REPLY.test(ownText);
}

/** Addresses machines send from. Shared inboxes such as info@ or sales@ are people and stay. */
const AUTOMATED_LOCAL_PART =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?|notifications?|notify|alerts?|newsletters?|news|marketing|mailer|auto[-_.]?(reply|confirm)|system|root|daemon)([-_.+].*)?$/i;

export function isAutomatedSender(email: string): boolean {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  // A host without a dot ("root@localhost", "www-data@server1") is a server writing, not a person.
  return AUTOMATED_LOCAL_PART.test(local) || (domain !== '' && !domain.includes('.'));
}

/** RFC 3834 Auto-Submitted, Precedence: bulk/list/junk, a List-Unsubscribe, or an X-Autoreply. */
function fromMailerHeaders(mailer: MailCapture['mailer']): boolean {
  if (!mailer) return false;
  const autoSubmitted = mailer.autoSubmitted?.trim().toLowerCase();
  return (!!autoSubmitted && autoSubmitted !== 'no') || /^(bulk|list|junk|auto_reply)$/i.test(mailer.precedence?.trim() ?? '') || !!mailer.listUnsubscribe || !!mailer.autoReply;
}

/** Subjects auto-replies are sent under, in the languages of the corpus and our users. */
const AUTO_REPLY_SUBJECT =
  /^(auto(matic)?[ -]?reply|autoreply|auto:|out of (the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|autosvar|automatisk svar|автоответ|自动回复|自動回覆|自動回复|自動応答|不在办公室)/i;

/** A machine telling the reader not to answer it. */
const DO_NOT_REPLY =
  /(请勿(直接)?回复|請勿(直接)?回覆|请不要(直接)?回复|do not reply (directly )?to this (e-?mail|message)|please do not reply|this (is an )?(automated|automatically generated) (message|e-?mail|notification)|this e-?mail was (automatically )?generated|本邮件(由系统|为系统|系统)(自动)?(发送|发出|生成)|系统自动发送|此邮件为系统|ne pas répondre à ce (message|courriel|mail)|nicht auf diese (e-?mail|nachricht) antworten|не отвечайте на (это|данное) письмо)/i;
