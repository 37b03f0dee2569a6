/**
 * Where quoted history, forwarded headers or list footers begin in a plain-text mail body, in
 * the languages our reps read. Everything from the first match down is someone else's text and
 * must never feed the sender's name, phone or address.
 */
const CUT_LINE_PATTERNS: RegExp[] = [
  /^-{2,}\s*(original message|forwarded message|weitergeleitete nachricht|ursprüngliche nachricht|message d'origine|message transféré|mensaje original|原始邮件|原始郵件|转发的邮件|轉寄的郵件|転送メッセージ|元のメッセージ)\s*-{2,}$/i,
  /^-{5,}\s*(原始邮件|原始郵件)\s*-{5,}$/,
  /^(begin forwarded message|forwarded message)\s*:?$/i,
  /^on .{4,200}(wrote|writes)\s*:$/i,
  /^am .{4,200}schrieb.{0,200}:$/i,
  /^le .{4,200}a écrit\s*:$/i,
  /^el .{4,200}escribió\s*:$/i,
  /^在.{2,200}(写道|寫道)[:：]?$/,
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,120}[:：]$/,
  /^.{1,120}のメッセージ[:：]$/,
  /^_{5,}$/, // Outlook's rule above a reply header
  /^you received this message because you are subscribed to/i,
  /^to unsubscribe from this (group|list)/i,
  /^(this email|this message) (and any attachments )?(is|are) (confidential|intended)/i,
  /^(本邮件|此邮件).{0,20}(保密|机密|仅供)/,
];

/** A reply header block: "From:" (in any of our languages) followed within four lines by a date or subject line. */
const HEADER_FROM = /^(from|von|de|发件人|寄件者|差出人|da)\s*[:：]/i;
const HEADER_NEXT = /^(sent|date|gesendet|datum|envoyé|date|发送时间|日期|寄件日期|送信日時|to|an|à|收件人|宛先|subject|betreff|objet|主题|件名)\s*[:：]/i;

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (line.startsWith('>')) return cut(lines, i);
    if (CUT_LINE_PATTERNS.some((p) => p.test(line))) return cut(lines, i);
    // "On Mon, 5 Jan 2026 at 10:00, Jane <jane@x.com>" + "wrote:" wrapped over two lines.
    if (/^(on|am|le)\s/i.test(line) && !/[:：]$/.test(line) && CUT_LINE_PATTERNS.slice(3, 7).some((p) => p.test(joined))) return cut(lines, i);
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_NEXT.test(l.trim()))) return cut(lines, i);
  }
  return lines.join('\n').trim();
}

function cut(lines: string[], at: number): string {
  return lines.slice(0, at).join('\n').trim();
}
