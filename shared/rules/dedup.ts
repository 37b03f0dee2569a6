/**
 * Keys that make two spellings of the same person or company meet: used by the side panel to
 * warn before saving and by the worker to refuse a second contact with the same email.
 */

const LEGAL_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '集团有限公司', '集团', '集團', '公司', '株式会社', '有限會社',
  'co., ltd.', 'co.,ltd.', 'co. ltd.', 'co ltd', 'company limited', 'limited', 'ltd.', 'ltd', 'inc.', 'inc', 'incorporated', 'llc', 'l.l.c.', 'llp', 'plc',
  'gmbh & co. kg', 'gmbh', 'ag', 'kg', 'se', 's.a.s.', 'sas', 'sarl', 's.a.', 'sa', 's.p.a.', 'spa', 's.r.l.', 'srl', 'b.v.', 'bv', 'n.v.', 'nv', 'oy', 'ab', 'a/s', 'aps',
  'kft.', 'kft', 'pte. ltd.', 'pte ltd', 'pty ltd', 'pty. ltd.', 'corp.', 'corp', 'corporation', 'company', 'co.', 'co', '& co.', '& co',
];

/** "上海云启信息技术有限公司" and "上海云启信息技术" meet; so do "Acme, Inc." and "ACME Inc". */
export function companyNameKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (key.endsWith(suffix) && key.length > suffix.length) {
        const before = key.slice(0, -suffix.length);
        // Latin suffixes must stand alone ("Coinc" is not "Co" + "inc").
        if (/^[a-z&]/.test(suffix) && /[a-z0-9]$/.test(before)) continue;
        key = before.replace(/[\s,.，、-]+$/, '');
        changed = true;
      }
    }
  }
  return key.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** "https://www.Example.com/about" → "example.com". */
export function domainKey(urlOrDomain: string): string | null {
  const raw = urlOrDomain.trim().toLowerCase();
  if (!raw) return null;
  try {
    const host = new URL(/^[a-z]+:\/\//.test(raw) ? raw : `https://${raw}`).hostname;
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164 without the extension: "+8651266668888 ext. 302" and "+8651266668888" are one line. */
export function phoneKey(phone: string): string {
  return phone.replace(/\s*ext\..*$/i, '').replace(/[^\d+]/g, '');
}

/** What two records can share that makes them look like one: also the kinds of the worker's lookup keys. */
export const DUPLICATE_REASONS = ['email', 'phone', 'domain', 'name'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

export interface DuplicateCandidate {
  emails: string[];
  phones: string[];
  companyName: string | null;
  domain: string | null;
}

export interface Match<T> {
  record: T;
  reasons: DuplicateReason[];
}

/** Existing contacts and companies that a new lead probably duplicates, strongest first. */
export function findDuplicates<C extends { emails: string[]; phones: string[]; deletedAt: number | null }, K extends { name: string; domain: string | null; website: string | null; deletedAt: number | null }>(
  candidate: DuplicateCandidate,
  existing: { contacts: C[]; companies: K[] },
): { contacts: Match<C>[]; companies: Match<K>[] } {
  const emails = new Set(candidate.emails.map(emailKey));
  const phones = new Set(candidate.phones.map(phoneKey));
  const nameKey = candidate.companyName ? companyNameKey(candidate.companyName) : '';
  const domain = candidate.domain ? domainKey(candidate.domain) : null;
  const contacts = existing.contacts
    .filter((c) => c.deletedAt === null)
    .map((record) => ({
      record,
      reasons: [
        ...(record.emails.some((e) => emails.has(emailKey(e))) ? (['email'] as const) : []),
        ...(record.phones.some((p) => phones.has(phoneKey(p))) ? (['phone'] as const) : []),
      ],
    }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length);
  const companies = existing.companies
    .filter((c) => c.deletedAt === null)
    .map((record) => ({
      record,
      reasons: [
        ...(domain && (domainKey(record.domain ?? '') === domain || domainKey(record.website ?? '') === domain) ? (['domain'] as const) : []),
        ...(nameKey && companyNameKey(record.name) === nameKey ? (['name'] as const) : []),
      ],
    }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length);
  return { contacts, companies };
}
