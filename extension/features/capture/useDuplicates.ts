import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { DedupCheckResponse, DedupMatch } from '../../../shared/api/dedup';
import { companyNameKey, domainKey, emailKey, findDuplicates, type DuplicateCandidate, type Match } from '../../../shared/rules/dedup';
import { phoneDigits } from '../../search/searchKeys';
import type { AppDb } from '../../db/appDb';
import { canWrite } from '../../../shared/rules/visibility';
import { EmailSchema } from '../../../shared/schema/primitives';
import type { Company } from '../../../shared/schema/company';
import { sendToBackground } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';

export type ContactMatch = DedupMatch & { attachable: boolean };

/**
 * Who already has this person or company: the local cache answers at once (own contacts, the
 * team's companies); the API adds colleagues' contacts the cache cannot hold, when online.
 */
export function useDuplicates(typed: DuplicateCandidate): { contacts: ContactMatch[]; companies: Match<Company>[] } {
  const { db, me } = useApp();
  // Each lookup may call the API: wait for a pause in typing instead of one per keystroke.
  const candidate = useSettled(typed, 250);
  const local = useLiveQuery(async () => findDuplicates(candidate, await likelyDuplicates(db, candidate)), [db, candidate]);
  const [server, setServer] = useState<DedupCheckResponse | null>(null);
  useEffect(() => {
    let live = true;
    const valid = { ...candidate, emails: candidate.emails.filter((e) => EmailSchema.safeParse(e).success) };
    if (valid.emails.length + valid.phones.length === 0 && !valid.companyName && !valid.domain) return setServer(null);
    void sendToBackground({ type: 'dedup-check', candidate: valid }).then((answer) => live && setServer(answer.ok ? (answer.data as DedupCheckResponse) : null));
    return () => {
      live = false;
    };
  }, [candidate]);

  const memberName = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  const contacts: ContactMatch[] = (local?.contacts ?? []).map((m) => ({
    id: m.record.id,
    name: m.record.name,
    ownerId: m.record.ownerId,
    ownerName: memberName(m.record.ownerId),
    reasons: m.reasons,
    attachable: canWrite(me.user, m.record),
  }));
  for (const m of server?.contacts ?? []) if (!contacts.some((c) => c.id === m.id)) contacts.push({ ...m, attachable: false });
  return { contacts, companies: local?.companies ?? [] };
}

/**
 * The few cached rows that could match, read through indexes (emails; search keys for phone
 * digits, company names without legal suffixes, and domains) instead of every row; the shared
 * rule then decides which really match.
 */
async function likelyDuplicates(db: AppDb, candidate: DuplicateCandidate) {
  const phones = candidate.phones.map(phoneDigits).filter((d) => d.length >= 6);
  const companyKeys = [candidate.companyName ? companyNameKey(candidate.companyName) : '', candidate.domain ? (domainKey(candidate.domain) ?? '') : ''].filter(Boolean);
  const [byEmail, byPhone, companies] = await Promise.all([
    candidate.emails.length ? db.contact.where('emails').anyOf(candidate.emails.map(emailKey)).toArray() : [],
    phones.length ? db.contact.where('_words').anyOf(phones).toArray() : [],
    companyKeys.length ? db.company.where('_words').anyOf(companyKeys).toArray() : [],
  ]);
  const contacts = new Map([...byEmail, ...byPhone].map((c) => [c.id, c]));
  return { contacts: [...contacts.values()], companies: [...new Map(companies.map((c) => [c.id, c])).values()] };
}

/** The value once it has stopped changing for `ms`; the first value at once. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
