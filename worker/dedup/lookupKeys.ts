import { companyNameKey, domainKey, emailKey, phoneKey, type DuplicateCandidate, type DuplicateReason } from '../../shared/rules/dedup';

/** Bump when a key function in shared/rules/dedup.ts changes: the cron then re-keys every team. */
export const LOOKUP_KEYS_VERSION = 1;

export type LookupKey = { kind: DuplicateReason; key: string };

/** Entities whose rows have lookup keys. */
export const keyedEntities = new Set(['contact', 'company'] as const);
export type KeyedEntity = 'contact' | 'company';

type KeyedRow = {
  deletedAt: number | null;
  emails?: string[];
  phones?: string[];
  name?: string;
  domain?: string | null;
  website?: string | null;
};

/** The keys a row is found by; a deleted row has none, so it neither matches nor blocks. */
export function lookupKeysOf(entity: KeyedEntity, row: KeyedRow): LookupKey[] {
  if (row.deletedAt !== null) return [];
  if (entity === 'contact') {
    return unique([
      ...(row.emails ?? []).map((e) => ({ kind: 'email' as const, key: emailKey(e) })),
      ...(row.phones ?? []).map((p) => ({ kind: 'phone' as const, key: phoneKey(p) })),
    ]);
  }
  const domains = [row.domain, row.website].map((d) => (d ? domainKey(d) : null));
  const name = row.name ? companyNameKey(row.name) : '';
  return unique([
    ...domains.filter((d): d is string => !!d).map((key) => ({ kind: 'domain' as const, key })),
    ...(name ? [{ kind: 'name' as const, key: name }] : []),
  ]);
}

/** The keys a new lead would be found by, for the duplicate check. */
export function candidateKeys(candidate: DuplicateCandidate): LookupKey[] {
  const domain = candidate.domain ? domainKey(candidate.domain) : null;
  const name = candidate.companyName ? companyNameKey(candidate.companyName) : '';
  return unique([
    ...candidate.emails.map((e) => ({ kind: 'email' as const, key: emailKey(e) })),
    ...candidate.phones.map((p) => ({ kind: 'phone' as const, key: phoneKey(p) })),
    ...(domain ? [{ kind: 'domain' as const, key: domain }] : []),
    ...(name ? [{ kind: 'name' as const, key: name }] : []),
  ]);
}

function unique(keys: LookupKey[]): LookupKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => k.key !== '' && !seen.has(`${k.kind}:${k.key}`) && seen.add(`${k.kind}:${k.key}`));
}
