import type { CountryCode } from 'libphonenumber-js';
import { callablePhones, emptyLead, uniquePhones, type LeadDraft } from './captureSchemas';
import {
  ADDRESS_LABEL,
  POSTCODE_LABEL,
  ADDRESS_RE,
  BARE_DOMAIN_RE,
  allMatches,
  COMPANY_LABEL,
  COMPANY_SUFFIX_RE,
  EMAIL_LABEL,
  EMAIL_RE,
  FAX_LABEL,
  has,
  PHONE_LABEL,
  SOCIAL_RE,
  TITLE_LABEL,
  TITLE_RE,
  URL_RE,
  WEB_LABEL,
} from './patterns';
import { kindOfLabel, readPhones } from './phones';
import { isNoiseLine } from './signature';

/**
 * Reads a signature block into lead fields. One-line signatures ("Jane Doe | CTO | Acme Inc.")
 * are split into segments first. Labels in several languages decide a line's meaning; without a
 * label, the line's vocabulary does (title words, legal suffixes, street patterns).
 */
/** Words that make a name an organisation's without a legal form ("Journal of …", "University of …"); "Business Development" has none. */
const ORGANISATION_WORD = /\b(journal|university|universität|université|universidad|institute|institut|foundation|stiftung|association|society|school|college|hospital|museum|laborator(y|ies)|lab|agency|council|press|bank|church|ministry|academy|centre|center|of|für|de)\b/i;

/** A department, not a title: "Abteilung IT", "Sales Department", "采购部". */
const DEPARTMENT_WORD = /^(abteilung|department|dept\.?|division|bereich|service client|département)\b|\b(department|abteilung)$|部$/iu;

/** A postal code and town ("10115 Berlin", anonymised "XXXXX Someware"). */
const POSTAL_TOWN = /^[\dX]{4,6}\s+\p{Lu}/iu;

export function parseSignature(lines: string[], defaultRegion: CountryCode): LeadDraft {
  // Slogans, QR notes and device lines belong to the block but are never lead data.
  const segments = lines
    .filter((l) => !isNoiseLine(l))
    .flatMap(splitSegments)
    // "Dr. Thomas F", "Stefano Costa @stekosteko": the honorific and the social handle are not the name.
    .map((l) => l.replace(/^(Dr|Prof|Mr|Mrs|Ms|Ing|Mag)\.\s+(?=\p{Lu})/u, '').replace(/^(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’.-]*){1,2})\s+@[\w.]{2,30}$/u, '$1'));
  const draft: LeadDraft = emptyLead();
  const addressParts: string[] = [];
  const unclaimed: string[] = [];

  for (const original of segments) {
    // Labels and numbers are recognised in their ASCII forms (full-width "＋", digits and "：" from
    // Chinese input methods); names, titles and addresses keep the characters as written.
    const segment = /[\uFF01-\uFF5E]/.test(original) && /[\d\uFF10-\uFF19]/.test(original) ? original.normalize('NFKC') : original;
    if (FAX_LABEL.test(segment)) {
      // Kept, as a fax: shown to the rep, never saved as a number to call.
      draft.phoneDetails.push(...readPhones(segment.replace(FAX_LABEL, ''), defaultRegion, 'fax'));
      continue;
    }
    const emails = allMatches(EMAIL_RE, segment).map((e) => e.toLowerCase());
    const urls = allMatches(URL_RE, segment).map((u) => u.replace(/[.,;)]+$/, ''));
    if (EMAIL_LABEL.test(segment) || emails.length > 0) {
      draft.emails.push(...emails);
      for (const url of urls) claimUrl(draft, url);
      continue;
    }
    if (POSTCODE_LABEL.test(segment)) {
      addressParts.push(segment.replace(POSTCODE_LABEL, '').trim());
      continue;
    }
    if (ADDRESS_LABEL.test(segment)) {
      addressParts.push(segment.replace(ADDRESS_LABEL, '').trim());
      continue;
    }
    if (BARE_DOMAIN_RE.test(segment)) {
      claimUrl(draft, segment);
      continue;
    }
    if (WEB_LABEL.test(segment) || urls.length > 0) {
      for (const url of urls.length ? urls : [segment.replace(WEB_LABEL, '').trim()]) claimUrl(draft, url);
      if (urls.join('').length >= segment.replace(WEB_LABEL, '').trim().length - 2) continue;
    }
    if (PHONE_LABEL.test(segment) || /^\+?[\d\s().\-–/]{8,}(\s*(ext|x|分机|转)\.?\s*\d+)?$/i.test(segment)) {
      draft.phoneDetails.push(...readPhones(segment.replace(PHONE_LABEL, ''), defaultRegion, kindOfLabel(segment)));
      continue;
    }
    if (TITLE_LABEL.test(segment)) {
      draft.title ??= segment.replace(TITLE_LABEL, '').trim();
      continue;
    }
    if (COMPANY_LABEL.test(segment)) {
      draft.company ??= segment.replace(COMPANY_LABEL, '').trim();
      continue;
    }
    if (has(ADDRESS_RE, segment) && !TITLE_RE.test(segment)) {
      addressParts.push(segment);
      continue;
    }
    if (POSTAL_TOWN.test(segment)) {
      // "10115 Berlin" after the street line; a street the vocabulary did not know ("Longstreet 5") right above it joins.
      const street = unclaimed.at(-1);
      if (addressParts.length === 0 && street && segments[segments.indexOf(original) - 1] === street && /^[\p{L}][\p{L} .'’-]{2,40}\s\d+[a-z]?$/u.test(street)) addressParts.push(unclaimed.pop()!);
      if (addressParts.length > 0) {
        addressParts.push(segment);
        continue;
      }
    }
    // "何静 商务经理": a Chinese name and a title on one line.
    const nameAndTitle = /^([\p{Script=Han}]{2,4})\s+(.+)$/u.exec(segment);
    if (nameAndTitle && !DEPARTMENT_END.test(nameAndTitle[1]!) && TITLE_RE.test(nameAndTitle[2]!) && !COMPANY_SUFFIX_RE.test(nameAndTitle[2]!)) {
      unclaimed.push(nameAndTitle[1]!);
      draft.title ??= nameAndTitle[2]!.trim();
      continue;
    }
    // "高级工程师  王振华": the title first, then the name.
    const titleAndName = /^(.+?)\s+([\p{Script=Han}]{2,4})$/u.exec(segment);
    if (titleAndName && TITLE_RE.test(titleAndName[1]!) && !TITLE_RE.test(titleAndName[2]!) && !DEPARTMENT_END.test(titleAndName[2]!) && !COMPANY_SUFFIX_RE.test(segment)) {
      unclaimed.push(titleAndName[2]!);
      draft.title ??= titleAndName[1]!.trim();
      continue;
    }
    // "Senior Engineer at FBK", "CTO @ Acme": a title, then where, whatever the company's form.
    const at = splitTitleAt(segment);
    if (at) {
      draft.title ??= at.title;
      draft.company ??= at.company;
      continue;
    }
    const isCompany = COMPANY_SUFFIX_RE.test(segment);
    const isTitle = TITLE_RE.test(segment);
    // "采购中心 | 采购经理": a department alone ("采购部") is where someone works, not their title.
    if (isTitle && !isCompany && /^[\p{Script=Han}]+$/u.test(segment) && DEPARTMENT_END.test(segment)) continue;
    // "Editor, Journal of Open Archaeology Data": a title, then the organisation, whatever its form.
    const titleComma = /^([^,]{2,40}),\s+(\p{Lu}[^,]{2,80})$/u.exec(segment);
    if (isTitle && !isCompany && titleComma && TITLE_RE.test(titleComma[1]!) && !TITLE_RE.test(titleComma[2]!) && ORGANISATION_WORD.test(titleComma[2]!)) {
      draft.title ??= titleComma[1]!.trim();
      draft.company ??= titleComma[2]!.trim();
      continue;
    }
    if (isTitle && isCompany) {
      // "Sales Director, Acme Inc." / "采购总监 上海云启信息技术有限公司" / "CTO at Acme Ltd."
      const split = splitTitleCompany(segment);
      draft.title ??= split.title;
      draft.company ??= split.company;
    } else if (isCompany && !draft.company) draft.company = segment;
    else if (isTitle && !draft.title) draft.title = segment;
    else unclaimed.push(segment);
  }

  draft.address = addressParts.length ? addressParts.join(', ') : null;
  // A signature often opens with just a first name ("Søren", "-Rick", "/John"): taken only there.
  const opener = segments[0] ? signedFirstName(segments[0]) : null;
  draft.name = unclaimed.find(looksLikeName) ?? (opener && unclaimed.includes(segments[0]!) ? opener : null);
  // The line right under the name is where a title goes, in any language ("Service und Support"),
  // once the company was recognised on a line of its own (else that line may be the company).
  const underName = draft.name ? segments[segments.indexOf(draft.name) + 1] : undefined;
  if (!draft.title && draft.company && underName && unclaimed.includes(underName) && !looksLikeName(underName) && underName.length <= 60 && underName.trim().includes(' ') && /^\p{L}/u.test(underName) && !/\d/.test(underName) && !DEPARTMENT_WORD.test(underName)) draft.title = underName;
  draft.emails = unique(draft.emails);
  draft.phoneDetails = uniquePhones(draft.phoneDetails);
  draft.phones = callablePhones(draft.phoneDetails);
  draft.social = unique(draft.social);
  return draft;
}

function claimUrl(draft: LeadDraft, raw: string): void {
  const url = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  if (SOCIAL_RE.test(url)) draft.social.push(url);
  else draft.website ??= url.replace(/\/$/, '');
}

function splitSegments(line: string): string[] {
  return line
    .split(/\s+[|｜•·]\s+|\s*[|｜]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "Title at/@/bei/chez Company" when the part before is a title. */
export function splitTitleAt(text: string): { title: string; company: string } | null {
  const match = /^(.+?)\s+(?:at|@|bei|chez|für|fuer)\s+(.+)$/i.exec(text.trim());
  return match && TITLE_RE.test(match[1]!) && !/@\S+\./.test(text) ? { title: match[1]!.trim(), company: match[2]!.trim() } : null;
}

function splitTitleCompany(segment: string): { title: string; company: string } {
  const byAt = /^(.+?)\s+(?:at|@|bei|chez|chez la société)\s+(.+)$/i.exec(segment);
  if (byAt) return { title: byAt[1]!.trim(), company: byAt[2]!.trim() };
  const byComma = /^(.+?)\s*[,，/]\s*(.+)$/.exec(segment);
  if (byComma) {
    const [a, b] = [byComma[1]!.trim(), byComma[2]!.trim()];
    return COMPANY_SUFFIX_RE.test(b) ? { title: a, company: b } : { title: b, company: a };
  }
  // Chinese: "上海云启信息技术有限公司 采购总监" or the reverse, separated by a space.
  const parts = segment.split(/\s+/);
  const companyPart = parts.find((p) => COMPANY_SUFFIX_RE.test(p));
  if (companyPart && parts.length > 1) return { company: companyPart, title: parts.filter((p) => p !== companyPart).join(' ') };
  return { title: segment, company: segment };
}

/** A lone capitalised word, perhaps after a dash or slash, as people sign short mails. */
function signedFirstName(segment: string): string | null {
  const match = /^[-–—/~]?\s*([\p{Lu}][\p{Ll}'’-]{1,20})[.!]?$/u.exec(segment.trim());
  if (!match || CLOSING_WORDS.test(match[1]!)) return null;
  return match[1]!;
}
const CLOSING_WORDS = /^(thanks|cheers|regards|best|hilsen|mvh|danke|merci|gracias|grazie|obrigado|pozdrawiam|groeten|hälsningar|saludos|sent|cordialement)$/i;

/** Chinese department and unit names ("设备动力部", "市场中心") end like this; people's names do not. */
const DEPARTMENT_END = /([部科课課组組处處室司局厅廳院所]|中心|事业部|事業部)$/u;

export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 60 || /[\d@:/]/.test(t)) return false;
  // Placeholder words a template leaves where the name goes ("发件人", "Sender", "Your Name").
  if (/^(发件人|發件人|寄件人|收件人|署名|姓名|sender|your name|name)$/i.test(t)) return false;
  if (/^[\p{Script=Han}·]{2,5}$/u.test(t)) return !DEPARTMENT_END.test(t);
  if (/^[\p{Script=Han}]{2,4}\s*[（(]?[A-Za-z][A-Za-z .'-]{1,30}[)）]?$/u.test(t)) return true;
  const words = t.split(/\s+/);
  // Family-name particles stay lower case: "Pieter de Vries", "Ludwig van Beethoven", "Ana dos Santos".
  const particle = /^(de|da|di|du|del|della|der|den|van|von|la|le|dos|das|do|bin|al|y)$/;
  return words.length >= 2 && words.length <= 5 && /^[\p{Lu}]/u.test(words[0]!) && words.every((w) => /^[\p{Lu}][\p{L}'’.-]*$/u.test(w) || particle.test(w)) && /^[\p{Lu}]/u.test(words[words.length - 1]!);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
