import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { DedupCheckResponse, DedupMatch } from '../../../shared/api/dedup';
import { findDuplicates, type DuplicateCandidate, type Match } from '../../../shared/rules/dedup';
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
  // Each lookup reads every cached contact and company and may call the API: wait for a pause
  // in typing instead of running one per keystroke.
  const candidate = useSettled(typed, 250);
  const local = useLiveQuery(async () => findDuplicates(candidate, { contacts: await db.contact.toArray(), companies: await db.company.toArray() }), [db, candidate]);
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

/** The value once it has stopped changing for `ms`; the first value at once. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
