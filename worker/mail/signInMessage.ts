import { createMimeMessage } from 'mimetext';
import { escapeHtml } from '../pages/htmlPage';
import type { Locale } from '../../shared/schema/primitives';

const text = {
  'zh-CN': {
    subject: (code: string) => `Sidecar 登录验证码：${code}`,
    intro: '你的 Sidecar 登录验证码是：',
    expiry: '15 分钟内有效，只能使用一次。',
    ignore: '如果不是你本人操作，请忽略这封邮件；没有验证码，任何人都无法登录你的账号。',
    invited: (by: string, team: string) => `${by} 邀请你加入 Sidecar 团队「${team}」。在 Sidecar 侧边栏用这个邮箱登录即可加入。`,
    link: '或者在等待验证码的那台电脑上打开这个链接并确认：',
  },
  en: {
    subject: (code: string) => `Your Sidecar sign-in code: ${code}`,
    intro: 'Your Sidecar sign-in code is:',
    expiry: 'It works for 15 minutes, once.',
    ignore: 'If you did not ask for it, ignore this email: nobody can sign in without the code.',
    invited: (by: string, team: string) => `${by} invited you to the Sidecar team “${team}”. Sign in with this address in the Sidecar side panel to join.`,
    link: 'Or open this link and confirm, while the side panel waits for the code:',
  },
} as const;


/** The sign-in email as raw MIME (multipart: plain text and HTML) in the recipient's language. */
export function signInMessage(options: { from: string; to: string; code: string; link: string; locale: Locale; now: number; invitation?: { by: string; team: string } }): string {
  const t = text[options.locale];
  const invited = options.invitation ? t.invited(options.invitation.by, options.invitation.team) : null;
  const message = createMimeMessage();
  message.setSender({ name: 'Sidecar', addr: options.from });
  message.setRecipient(options.to);
  message.setSubject(t.subject(options.code));
  message.setHeader('Date', new Date(options.now).toUTCString());
  // Automated and personal: no auto-replies, and filters can tell it apart from a person's mail.
  message.setHeader('Auto-Submitted', 'auto-generated');
  message.addMessage({ contentType: 'text/plain', data: `${invited ? `${invited}\n\n` : ''}${t.intro}\n\n    ${options.code}\n\n${t.link}\n${options.link}\n\n${t.expiry}\n\n${t.ignore}\n` });
  message.addMessage({
    contentType: 'text/html',
    data: `<!doctype html><html lang="${options.locale}"><body style="font-family:system-ui,sans-serif">
${invited ? `<p>${escapeHtml(invited)}</p>\n` : ''}<p>${escapeHtml(t.intro)}</p>
<p style="font-size:28px;letter-spacing:6px;font-weight:600">${escapeHtml(options.code)}</p>
<p>${escapeHtml(t.link)}<br><a href="${escapeHtml(options.link)}">${escapeHtml(options.link)}</a></p>
<p>${escapeHtml(t.expiry)}</p>
<p style="color:#666">${escapeHtml(t.ignore)}</p>
</body></html>`,
  });
  return message.asRaw();
}
