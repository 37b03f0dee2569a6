import { CLOSING_RE, COMPANY_SUFFIX_RE, EMAIL_RE, has, PHONE_LABEL, TITLE_RE, URL_RE } from './patterns';

/**
 * The sender's signature block within their own text (quoted history already stripped):
 * after a "-- " delimiter, else after the last closing ("Best regards", "此致", "Cordialement"…),
 * else the trailing block when it looks like contact details.
 */
export function findSignatureLines(ownText: string): string[] {
  return findSignatureBlock(ownText).lines;
}

/** A line a mail client adds: "Sent from my iPhone", "发自我的iPhone"… part of the signature block, never lead data. */
export const DEVICE_LINE = /^(get \[?outlook for|sent from|sent via|envoyé depuis|envoyé de|von meinem|gesendet von|enviado desde|inviato da|verzonden vanaf|sendt fra|skickat från|wysłane z|отправлено с|get outlook for|发自我的|來自我的|从我的|發自我的|从我的)/i;

/**
 * The signature block as a reader sees it: the valediction that opens it ("Best regards,",
 * "Med venlig hilsen") when there is one, the lines with the sender's details (what the lead is
 * read from), and the device line a client added at the very end.
 */
export function findSignatureBlock(ownText: string): { valediction: string | null; lines: string[]; device: string | null } {
  const all = ownText.split('\n').map((l) => l.trim());
  let end = all.length;
  // Blank lines and a closing rule at the very end are layout.
  while (end > 0 && (all[end - 1] === '' || RULE_LINE.test(all[end - 1]!))) end--;
  const device = end > 0 && DEVICE_LINE.test(all[end - 1]!) ? all[end - 1]! : null;
  const found = signatureLines(all.slice(0, device ? end - 1 : end).join('\n'), device !== null);
  return { ...found, device };
}

/** A name on a line of its own: "Braxton", "Michael Scott", "Dr. Thomas F". */
const NAME_LINE = /^((Dr|Prof|Mr|Mrs|Ms|Ing|Mag)\.\s)?[\p{Lu}][\p{Ll}'’-]{1,20}( [\p{Lu}][\p{L}'’.-]{0,20}){0,2}$/u;

/** A drawn rule ("________", "=====", "- - - -"): decoration that separates blocks, never a detail. */
const RULE_LINE = /^([-_=~*·•.]\s?){4,}$/;

function signatureLines(ownText: string, aboveDevice: boolean): { valediction: string | null; lines: string[] } {
  const drawn = ownText.split('\n').map((l) => l.trim());
  // Past the rule's own test below, a drawn rule only separates blocks.
  const lines = drawn.map((l) => (RULE_LINE.test(l) ? '' : l));
  const delimiter = lastIndex(lines, (l) => l === '--' || l === '—' || l === '-- ');
  if (delimiter >= 0) return { valediction: null, lines: nonEmpty(lines.slice(delimiter + 1)).slice(0, 15) };

  // A rule drawn right above contact details (Foxmail's, Outlook's) opens the signature like "-- ".
  // A rule drawn right above contact details (Foxmail's, Outlook's) opens the signature like "-- ",
  // unless a closing above it already did ("Kind regards, / Perrin / ____ / perrin@…").
  const searchFrom = Math.max(0, lines.length - 30);
  const closing = lastIndex(lines, (l, i) => i >= searchFrom && CLOSING_RE.test(l.replace(/[,，]$/, '').trim()));
  const rule = lastIndex(drawn, (l) => RULE_LINE.test(l));
  if (rule >= 0 && closing < 0) {
    const below = nonEmpty(withoutLegalFooter(lines.slice(rule + 1)));
    const details = below.some((l) => has(EMAIL_RE, l) || PHONE_LABEL.test(l) || /\+?\d[\d\s().-]{7,}\d/.test(l));
    if (below.length > 0 && below.length <= 15 && (details || (below.length <= 4 && NAME_LINE.test(below[0]!)))) return { valediction: null, lines: below };
  }
  if (closing >= 0) {
    // "Best regards, Jane" on one line is handled by the closing regex not matching; a name on
    // the line after the closing is the usual shape.
    const after = withoutLegalFooter(lines.slice(closing + 1));
    // A closing with nothing below it ("Thanks!") ends the text; it opens no signature block.
    if (nonEmpty(after).length === 0) return { valediction: null, lines: [] };
    return { valediction: lines[closing]!, lines: nonEmpty(after).slice(0, 15) };
  }

  // Signed with a dash or slash and a first name ("-Rick", "/John") as the last line, or with
  // just a name on a line of its own after a blank line ("Braxton", "Michael Scott").
  const last = lastIndex(lines, (l) => l !== '');
  if (last >= 0 && /^[-–—/~]\s*[\p{Lu}][\p{L}'’-]{1,20}$/u.test(lines[last]!)) return { valediction: null, lines: [lines[last]!] };
  // Right above a device line no blank line is needed ("…going for a test now." / "Braxton" / "Sent from Mail").
  if (last > 0 && (lines[last - 1] === '' || aboveDevice) && NAME_LINE.test(lines[last]!)) return { valediction: null, lines: [lines[last]!] };

  // No marker: take trailing blocks while they look like contact details, looking past the
  // slogans, image placeholders, device lines and legal notices clients add below a signature.
  // The noise lines stay in the block (they are part of what the sender's client appended) but
  // never decide whether a block is contact details.
  const blocks = splitBlocks(lines);
  const picked: string[] = [];
  const trailingNoise: string[] = [];
  let skipped = 0;
  for (let b = blocks.length - 1; b >= 0 && b >= blocks.length - 3 - skipped; b--) {
    const block = blocks[b]!;
    const content = block.filter((l) => !isNoiseLine(l));
    if (picked.length === 0 && content.every((l) => l.length > 80) && skipped < 4) {
      skipped++;
      trailingNoise.unshift(...block.filter(isNoiseLine));
      continue;
    }
    if (content.length === 0) {
      skipped++;
      picked.unshift(...block);
      continue;
    }
    if (!looksLikeContactBlock(content)) break;
    picked.unshift(...block);
  }
  while (picked.length && isNoiseLine(picked[0]!)) picked.shift();
  return { valediction: null, lines: picked.length ? [...picked, ...trailingNoise].slice(-20) : [] };
}

/**
 * Lines that are never lead data: inline-image placeholders, "Sent from my iPhone" and app
 * adverts, QR-code and environmental notes, payment-fraud warnings.
 */
export function isNoiseLine(line: string): boolean {
  return NOISE.some((p) => p.test(line));
}
const NOISE: RegExp[] = [
  /^\[cid:[^\]]*\]$/i,
  /^!\[[^\]]*\]\([^)]*\)$/,
  /^\[image[^\]]*\]$/i,
  /^(sent from|envoyé de|gesendet von|enviado desde|inviato da|verzonden vanaf|wysłane z|отправлено с|get outlook for|get \[outlook|télécharger outlook|发自我的|來自我的|从我的|發自我的|来自我的)/i,
  /^(扫码|扫一扫|掃碼|長按|长按).{0,30}(关注|關注|公众号|公眾號|小程序)/,
  /^(温馨提示|溫馨提示|友情提示)[:：]/,
  /^(打印前请考虑环保|列印前請考慮環保|请注意环保|please consider the environment|think before you print|bitte denken sie an die umwelt)/i,
];

function looksLikeContactBlock(block: string[]): boolean {
  if (block.length > 12) return false;
  if (block.some(isSentence)) return false;
  // A sentence that happens to hold a link ("Here's a link http://…") is text, not a contact line.
  const sentence = (l: string) => l.replace(URL_RE, ' ').trim().split(/\s+/).filter(Boolean).length > 2 && !/^[\p{L} ]{1,20}[:：]/u.test(l);
  return block.some((l) => has(EMAIL_RE, l) || PHONE_LABEL.test(l) || (has(URL_RE, l) && !sentence(l)) || /\+?\d[\d\s().-]{7,}\d/.test(l) || TITLE_RE.test(l) || COMPANY_SUFFIX_RE.test(l));
}

/** Register and board lines of a company's legal footer ("Geschäftsführung:", "HRB 1234", "Registered office"). */
const LEGAL_FOOTER_LINE =
  /^(geschäftsführ|vorstand|aufsichtsrat|sitz der gesellschaft|.{0,40}\bmit sitz in\b|registergericht|amtsgericht|handelsregister|ust-?id|steuer-?nr|persönlich haftende|registered (office|in)|company (no|number|registration)|vat (no|number|reg)|directors?:|siège social|rcs\b|capital social|p\.?\s?iva|partita iva|kvk|btw|org\.?\s?nr|注册地址|统一社会信用代码)|\b(HRA|HRB)\s?[\dx]/i;

/** The signature lines above the company's legal footer: the footer is the company's, not the sender's details. */
function withoutLegalFooter(lines: string[]): string[] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const cut = blocks.findIndex((block, b) => b > 0 && block.some((l) => LEGAL_FOOTER_LINE.test(l)));
  return cut > 0 ? blocks.slice(0, cut).flatMap((block) => [...block, '']) : lines;
}

/** A sentence of text, not a detail: long, or ending like a sentence with many words (or many characters, in Chinese and Japanese). */
function isSentence(line: string): boolean {
  if (line.length > 160) return true;
  if (!/[.!?。！？]\s*$/.test(line)) return false;
  return line.split(/\s+/).length > 8 || (line.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length > 15;
}

function splitBlocks(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function nonEmpty(lines: string[]): string[] {
  return lines.filter((l) => l !== '');
}

function lastIndex<T>(items: T[], test: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!, i)) return i;
  return -1;
}
