import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbers in a line of text, as E.164 (extensions kept as " ext. N"). National numbers
 * are read in `region` (inferred from the signature, else the user's default, CN unless set).
 * The full metadata validates numbers, so a date or an order number is not taken for a phone.
 */
export function findPhones(text: string, region: CountryCode = 'CN'): string[] {
  const prepared = text
    // Full-width digits and "＋" (Chinese input methods) read as ASCII.
    .normalize('NFKC')
    // A Chinese landline's extension after a dash: 0574-87630000-8316.
    .replace(/\b(0\d{2,3}-\d{7,8})-(\d{1,5})\b/g, '$1 ext. $2')
    .replace(/\s*(?:转|轉|分机|分機|ext\.?|x|内线|#)\s*(\d{1,6})\b/gi, ' ext. $1');
  const found = findPhoneNumbersInText(prepared, { defaultCountry: region });
  return found.map(({ number }) => (number.ext ? `${number.number} ext. ${number.ext}` : number.number));
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
