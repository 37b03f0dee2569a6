import { companyNameKey, domainKey, phoneKey } from '../../shared/rules/dedup';

/**
 * Local search and list order without reading every row: each cached record carries derived
 * fields (never synced, recomputed on every write by the middleware in db/derivedFields.ts):
 *
 * - `_words`: lower-case keys in a multi-entry index. A query matches when some key starts with
 *   it, so keys hold every word, every suffix of a Chinese run (substring search is then a prefix
 *   search), the pinyin of those suffixes in full and as initials, emails and their parts,
 *   phone digits (international, national, and the tail), company names without legal suffixes.
 * - `_sort`: the key lists are ordered by (names in pinyin, so 张三 sorts among the z's).
 * - `_live`: 0 for a deleted row, so lists read live rows from a compound index; follow-ups use
 *   1 open, 2 done, which lists open ones first.
 */
export interface DerivedFields {
  _words: string[];
  _sort: string;
  _live: number;
}

type PinyinFn = (text: string) => { full: string; initials: string };
let pinyinOf: PinyinFn | null = null;

/**
 * pinyin-pro's dictionary is large (about 145 KB gzip), so it loads on first need instead of
 * with the side panel. Call before writing rows; the background loads it at start.
 */
export async function ensurePinyin(): Promise<void> {
  if (pinyinOf) return;
  const { pinyin } = await import('pinyin-pro');
  pinyinOf = (text) => {
    const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
    return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
  };
}

const CJK_RUN = /\p{Script=Han}+/gu;
const HAS_HAN = /\p{Script=Han}/u;
const MAX_SUFFIX_RUN = 16;
const MIN_PHONE_TAIL = 4;

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/** "ärger" → "arger": typed without accents, still found, and sorted among the a's. */
const withoutMarks = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC');

/** Keys for one piece of free text: words, the compacted whole, and Chinese suffixes with pinyin. */
export function textKeys(text: string | null | undefined, into: Set<string>): void {
  if (!text) return;
  const normal = normalizeText(text);
  if (!normal) return;
  const words = normal.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  for (const word of words) {
    into.add(word);
    const plain = withoutMarks(word);
    if (plain !== word) into.add(plain);
  }
  if (words.length > 1) into.add(words.join(''));
  for (const [run] of normal.matchAll(CJK_RUN)) {
    const chars = [...run].slice(0, MAX_SUFFIX_RUN);
    for (let i = 0; i < chars.length; i++) {
      const suffix = chars.slice(i).join('');
      into.add(suffix);
      if (pinyinOf) {
        const { full, initials } = pinyinOf(suffix);
        into.add(full);
        into.add(initials);
      }
    }
  }
  // "Jay Zhou 周杰" is also found as "zhoujie" and "zj" when the whole name is typed in pinyin.
  if (pinyinOf && HAS_HAN.test(normal)) {
    const { full, initials } = pinyinOf(words.join(''));
    into.add(full);
    into.add(initials);
  }
}

export function emailKeys(email: string, into: Set<string>): void {
  const normal = normalizeText(email);
  into.add(normal);
  const [local, domain] = normal.split('@');
  if (local) for (const part of local.split(/[._+-]+/)) if (part) into.add(part);
  if (domain) into.add(domain);
}

/**
 * "+8613800138000" → "8613800138000"; the same without a one-, two- or three-digit country code
 * (so "13800138000" typed nationally is a prefix); and the last four digits. Every key is an
 * index entry written with the row, so no more tails than these.
 */
export function phoneKeys(phone: string, into: Set<string>): void {
  const digits = phoneDigits(phone);
  if (digits.length < 3) return;
  into.add(digits);
  for (let cc = 1; cc <= 3 && digits.length - cc >= MIN_PHONE_TAIL; cc++) into.add(digits.slice(cc));
  if (digits.length > MIN_PHONE_TAIL) into.add(digits.slice(-MIN_PHONE_TAIL));
}

/** The digits of a phone's dedup key (extension dropped): what phone search keys are made of. */
export function phoneDigits(phone: string): string {
  return phoneKey(phone).replace(/\D/g, '');
}

/** A company's name, the name without legal suffixes, and the hosts of its domain and website. */
export function companyKeys(name: string, domains: (string | null)[], into: Set<string>): void {
  textKeys(name, into);
  const core = companyNameKey(name);
  if (core) textKeys(core, into);
  for (const domain of domains) {
    const host = domain ? domainKey(domain) : null;
    if (host) into.add(host);
  }
}

/** The sort key of a name: pinyin for Chinese (when loaded), lower case otherwise. */
export function sortKeyOf(name: string): string {
  const normal = normalizeText(name);
  const key = pinyinOf && HAS_HAN.test(normal) ? pinyinOf(normal).full : withoutMarks(normal);
  return key.replace(/\s+/g, '');
}

export type SearchQuery = { probes: string[]; words: string[] };

/**
 * What to look up for what the user typed. A phone typed in any format becomes digits ("+86
 * 138-0013-8000" → 8613800138000, "138 0013 8000" → 13800138000); text is normalised like the
 * keys; several words must all match, the first is looked up in the index.
 */
export function parseQuery(raw: string): SearchQuery | null {
  const normal = normalizeText(raw);
  if (!normal) return null;
  const phoneLike = /^[+(]?[\d\s().-]{4,}$/.test(normal) && (normal.match(/\d/g)?.length ?? 0) >= MIN_PHONE_TAIL;
  if (phoneLike) {
    let digits = normal.replace(/\D/g, '');
    if (normal.startsWith('00')) digits = digits.slice(2);
    return { probes: [digits], words: [digits] };
  }
  const words = normal.split(/[\s,，、]+/u).filter(Boolean);
  const compact = words.join('');
  const probes = [...new Set([compact, words[0]!])];
  return { probes, words };
}

/**
 * How well a row's keys answer the query, lower first: 0 when a key equals what was typed; then
 * prefix matches, earlier keys (the record's own words) before later ones (substrings, pinyin).
 * Rows missing any typed word are dropped (-1).
 */
export function rankKeys(keys: readonly string[], query: SearchQuery): number {
  const compact = query.words.join('');
  if (keys.includes(compact)) return 0;
  const hasAll = query.words.every((w) => keys.some((k) => k.startsWith(w)));
  const at = keys.findIndex((k) => k.startsWith(compact));
  if (at >= 0) return 1 + at / keys.length;
  if (query.words.length > 1 && hasAll) return 2;
  return -1;
}
