/**
 * Where quoted history, forwarded headers or list footers begin in a plain-text mail body, in
 * the languages of the mail our reps receive. Everything a cut line starts is someone else's
 * text and must never feed the sender's name, phone or address. Quoted ("> ") blocks are removed
 * where they are, so a bottom-posted or inline reply keeps the sender's own lines around them.
 */

/** "-----Original Message-----" and its translations, and forwarded-message markers. */
const SEPARATOR = new RegExp(
  String.raw`^[-=_*\s]{2,}\s*(original message|forwarded message|weitergeleitete nachricht|ursprüngliche nachricht|message d'origine|message transféré|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|mensagem original|mensagem encaminhada|oorspronkelijk bericht|doorgestuurd bericht|oprindelig meddelelse|opprinnelig melding|ursprungligt meddelande|vidarebefordrat meddelande|wiadomość oryginalna|przekazana wiadomość|původní zpráva|přeposlaná zpráva|исходное сообщение|оригинальное сообщение|пересылаемое сообщение|переслане повідомлення|原始邮件|原始郵件|邮件原件|郵件原件|回复的原邮件|回覆的原郵件|转发的邮件|轉寄的郵件|転送メッセージ|元のメッセージ)\s*[-=_*\s]{2,}$`,
  'i',
);

/** One-line "X wrote:" attributions, by language. */
const ATTRIBUTION: RegExp[] = [
  /^(on|at) .{4,300}(wrote|writes|said)\s*:$/i,
  /^-{2,}\s*on .{4,300}wrote\s*-{2,}$/i,
  /^.{0,300}\b(wrote|writes)\s*:$/i,
  /^am .{4,300}schrieb.{0,200}:$/i,
  /^.{2,300}\bschrieb am .{2,200}:$/i,
  /^.{2,300}\bschrieb\s*:?$/i,
  /^le .{4,300}a écrit\s*:$/i,
  /^.{2,300}\ba écrit\s*:$/i,
  /^el .{4,300}escribió\s*:$/i,
  /^.{2,300}\bescribió\s*:$/i,
  /^il giorno .{4,300}ha scritto\s*:$/i,
  /^.{2,300}\bha scritto\s*:$/i,
  /^em .{4,300}escreveu\s*:$/i,
  /^.{2,300}\bescreveu\s*:$/i,
  /^.{2,300}\ba scris\s*:$/i,
  /^op .{4,300}schreef.{0,200}:$/i,
  /^.{2,300}\bskrev.{0,200}:$/i,
  /^w dniu .{4,300}napisał(a|\(a\))?\s*:$/i,
  /^.{2,300}\bnapisał(a|\(a\))?\s*:$/i,
  /^dne .{4,300}napsal(a|\(a\))?\s*:$/i,
  /^.{2,300}(пишет|писал|писала|написал|написала|написав|пише|писав|писала)\s*:$/i,
  /^.{2,300}(έγραψε|έγραψα)\s*:$/i,
  // Any language: a line ending in the quoted person's address and a colon ("2016-10-24 15:36 GMT+02:00 Foo <foo@bar.example>:").
  /^.{0,300}<[^<>\s]+@[^<>\s]+>\s*[:：]$/,
  /^.{0,300}(写道|寫道|寫到|写到)\s*[:：]?$/,
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,160}[:：]$/,
  /^.{1,160}のメッセージ[:：]$/,
  /^.{1,200}(さんは書きました|書きました)\s*[:：]$/,
];

/** Footers of lists and legal notices: below them nothing is the sender's. */
const FOOTER: RegExp[] = [
  /^you received this message because you are subscribed to/i,
  /^to unsubscribe from this (group|list)/i,
  /^(this email|this message|this e-mail) (and any attachments )?(is|are|may be) (confidential|intended|privileged)/i,
  /^(本邮件|此邮件|本郵件|此郵件|本电子邮件|本電子郵件|该邮件).{0,80}(保密|机密|機密|秘密|仅供|僅供|仅限|僅限)/,
  /^(confidentiality notice|disclaimer|haftungsausschluss|avis de confidentialité)\b/i,
];

/** A reply header block: a "From:" line (any language) followed within five lines by a date, recipient or subject line. */
const HEADER_FROM = /^(from|von|de|da|od|от|від|fra|från|van|από|من|feladó|lähettäjä|gönderen|发件人|發件人|寄件者|寄件人|差出人)\s*[:：]/i;
const HEADER_NEXT =
  /^(sent|date|to|cc|subject|gesendet|datum|an|betreff|envoyé|envoye|à|a|objet|enviado|fecha|para|asunto|assunto|inviato|data|oggetto|wysłano|do|temat|odesláno|komu|předmět|отправлено|дата|кому|тема|надіслано|sendt|til|emne|skickat|till|ämne|verzonden|aan|onderwerp|προς|θέμα|στάλθηκε|ημερομηνία|إلى|الموضوع|التاريخ|أرسل|trimis|către|subiect|发送时间|發送時間|日期|收件人|抄送|主题|主旨|寄件日期|送信日時|宛先|件名)\s*[:：]/i;

/** Markdown-ish emphasis some clients put around header labels ("*From:* …"). */
const unwrap = (line: string) => {
  // A header row of a pipe table ("| 发件人 | 张三 |", Mail Master's quote card) reads as "发件人: 张三".
  const cells = /^\|(.+)\|$/.exec(line);
  if (cells) {
    const [label, ...rest] = cells[1]!.split('|').map((c) => c.trim());
    if (label && rest.length > 0) return `${label}: ${rest.join(' ')}`;
  }
  return /^[*_]+\s*[^*_\s]/.test(line) ? line.replace(/^[*_]+\s*|\s*[*_]+$|[*_]+(?=\s*[:：])/g, '').trim() : line;
};

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = unwrap(lines[i]!.trim());
    if (line.startsWith('>')) continue; // a quoted block: dropped; what follows it may be the sender's
    if (SEPARATOR.test(line) || FOOTER.some((p) => p.test(line))) break;
    const span = isAttribution(line) ? 1 : wrappedAttribution(lines, i);
    if (span > 0) {
      // Quoted with ">" right after: skip the attribution, and the loop drops the quote while
      // keeping any reply below or between (bottom-posting, inline). Otherwise all below is history.
      const next = lines.slice(i + span, i + span + 3).find((l) => l.trim() !== '')?.trim() ?? '';
      if (next.startsWith('>')) {
        i += span - 1;
        continue;
      }
      break;
    }
    if (startsHeaderBlock(lines, i)) {
      // Headers above everything (a message pasted or saved with its header): skip them, read on.
      if (kept.every((l) => l.trim() === '')) {
        while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') i++;
        continue;
      }
      break;
    }
    // An underscore rule is Outlook's line above a reply header; inside a signature it is decoration.
    if (/^_{5,}$/.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_FROM.test(unwrap(l.trim())))) break;
    kept.push(lines[i]!);
  }
  return kept.join('\n').trim();
}

/**
 * A reply header block starts here: a "From:" line followed within five lines by a date,
 * recipient or subject line, or a block of such lines in another order ("Objet:", "Date:",
 * "De:", "À:") whose first lines hold the "From:".
 */
function startsHeaderBlock(lines: string[], i: number): boolean {
  const at = (k: number) => unwrap(lines[k]?.trim() ?? '');
  if (HEADER_FROM.test(at(i))) return lines.slice(i + 1, i + 6).some((l) => HEADER_NEXT.test(unwrap(l.trim())));
  if (!HEADER_NEXT.test(at(i))) return false;
  for (let k = i + 1; k <= i + 3 && at(k) !== ''; k++) {
    if (!HEADER_NEXT.test(at(k)) && !HEADER_FROM.test(at(k))) return false;
    if (HEADER_FROM.test(at(k))) return true;
  }
  return false;
}

/** How attributions begin when a client wraps them over two or three lines. */
const ATTRIBUTION_OPENER = /^(on|at|am|le|el|il giorno|em|op|den|w dniu|dne|在|于|於|\d{4}[-/.年])\s*/i;

/**
 * "On Mon, 5 Jan 2026 at 10:00, Jane" + "<jane@x.com> wrote:": only lines that open like one, with
 * no blank line between. Answers how many lines the attribution takes (0: none).
 */
function wrappedAttribution(lines: string[], i: number): number {
  const first = lines[i]!.trim();
  if (!ATTRIBUTION_OPENER.test(first) && !/<[^>]+@[^>]+>/.test(first)) return 0;
  let joined = first;
  for (let k = 1; k <= 2; k++) {
    const next = lines[i + k]?.trim() ?? '';
    if (!next) return 0;
    // A client wrapping inside "<address>" leaves the "<" at the end of the first line.
    // Quoted-printable text left undecoded breaks a word with "=" at the line's end ("w=" / "rote:").
    if (joined.endsWith('=')) joined = `${joined.slice(0, -1)}${next}`;
    else joined = joined.endsWith('<') ? `${joined}${next}` : `${joined} ${next}`;
    if (isAttribution(joined)) return k + 1;
  }
  return 0;
}

function isAttribution(line: string): boolean {
  return line.length <= 400 && ATTRIBUTION.some((p) => p.test(line));
}

/**
 * The message inside a forward or below a reply header block: its author (from the "From:" /
 * "发件人:" line) and its text (below the header lines). Null when there is no header block with
 * an address. Used when a colleague forwards a customer's mail: the customer is the lead.
 */
export function findEmbeddedMessage(text: string): { from: { name: string; email: string }; body: string } | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = unwrap(lines[i]!.trim().replace(/^>\s?/, ''));
    if (!HEADER_FROM.test(line) || !lines.slice(i + 1, i + 6).some((l) => HEADER_NEXT.test(unwrap(l.trim().replace(/^>\s?/, ''))))) continue;
    const value = line.replace(HEADER_FROM, '').trim();
    const match = /^(.*?)\s*[<\[(]?(?:mailto:)?([^\s<>\[\]()]+@[^\s<>\[\]()]+\.[a-z]{2,})[>\])]?\s*$/i.exec(value);
    if (!match) return null;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim().replace(/^>/, '').trim() !== '') end++;
    const body = lines.slice(end + 1).map((l) => l.replace(/^>\s?/, '')).join('\n');
    return { from: { name: match[1]!.replace(/^["'“”]+|["'“”]+$/g, '').trim(), email: match[2]!.toLowerCase() }, body };
  }
  return null;
}
