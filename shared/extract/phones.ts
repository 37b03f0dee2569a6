import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import type { FoundPhone, PhoneKind } from './captureSchemas';

/**
 * Phone numbers in a line of text, as E.164 (extensions kept as " ext. N"). National numbers
 * are read in `region` (inferred from the signature, else the user's default, CN unless set).
 * The full metadata validates numbers, so a date or an order number is not taken for a phone.
 */
export function findPhones(text: string, region: CountryCode = 'CN'): string[] {
  return readPhones(text, region).flatMap((p) => (p.e164 ? [p.ext ? `${p.e164} ext. ${p.ext}` : p.e164] : []));
}

/** Labels that say what a number is, in the languages of our users' correspondents. */
const KIND_LABELS: [PhoneKind, RegExp][] = [
  ['fax', /^(fax|f|telefax|télécopie|传真|傳真|ファックス)(?=[\s:：.\d+(]|$)/i],
  ['mobile', /^(m|mob|mobile|mobil|cell|cellphone|handy|portable|gsm|手机|手機|移动电话|携帯)(?=[\s:：.\d+(]|$)/i],
  ['other', /^([\p{Script=Han}]{0,6}(热线|熱線|专线|專線)|客服电话|hotline|toll-free)(?=[\s:：.\d+(]|$)/iu],
  ['work', /^(t|tel|tele|telephone|phone|ph|p|office|direct|work|switchboard|telefon|téléphone|tél|电话|電話|座机|座機|直线|直線|总机|總機|办公电话|辦公電話|联系电话|聯繫電話|電話番号)(?=[\s:：.\d+(]|$)/i],
];

/** The kind a line's label gives its numbers, or null when it has none. */
export function kindOfLabel(line: string): PhoneKind | null {
  const label = line.normalize('NFKC').trim();
  for (const [kind, pattern] of KIND_LABELS) if (pattern.test(label.replace(/^[^\p{L}]+/u, '')) && /[:：.]|\s[+(\d]/.test(label.slice(0, 16))) return kind;
  return null;
}

/**
 * Every number in a line: valid ones in E.164 with extension, typed by `kind` (the line's label)
 * or, unlabelled, by what the number is; and when nothing validates but the line holds a number,
 * that number as typed, so it can be corrected instead of lost.
 */
export function readPhones(text: string, region: CountryCode = 'CN', kind: PhoneKind | null = kindOfLabel(text)): FoundPhone[] {
  const prepared = text
    // Full-width digits and "＋" (Chinese input methods) read as ASCII.
    .normalize('NFKC')
    // A Chinese landline's extension after a dash: 0574-87630000-8316.
    .replace(/\b(0\d{2,3}-\d{7,8})-(\d{1,5})\b/g, '$1 ext. $2')
    .replace(/\s*(?:转|轉|分机|分機|ext\.?|x|内线|#)\s*(\d{1,6})\b/gi, ' ext. $1');
  const found = findPhoneNumbersInText(prepared, { defaultCountry: region });
  if (found.length > 0) {
    return found.map(({ number, startsAt, endsAt }) => ({
      e164: number.number,
      ext: number.ext ?? null,
      kind: kind ?? (number.getType() === 'MOBILE' ? 'mobile' : 'other'),
      raw: prepared.slice(startsAt, endsAt).trim(),
    }));
  }
  // Nothing valid: keep a run of digits that looks like a phone number, as printed.
  const typed = /(?:\+|\(\+?)?\d[\d\s().\-–/]{5,}\d/.exec(text.normalize('NFKC'));
  if (!typed || typed[0].replace(/\D/g, '').length < 6 || /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(typed[0].trim())) return [];
  return [{ e164: null, ext: null, kind: kind ?? 'other', raw: typed[0].trim() }];
}

/** One phone string in E.164, or null when it is not a phone number. */
export function normalizePhone(text: string, region: CountryCode = 'CN'): string | null {
  return findPhones(text, region)[0] ?? null;
}

/**
 * Whether a stored phone is exactly what `normalizePhone` makes of it: valid for its country and
 * already in E.164 (extension kept). The worker refuses any other phone with this check, so
 * server and extension agree on what a phone is.
 */
export function isCanonicalPhone(phone: string): boolean {
  return normalizePhone(phone) === phone;
}
