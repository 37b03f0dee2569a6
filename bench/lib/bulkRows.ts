import { monotonicFactory } from 'ulidx';

const nextId = monotonicFactory();

/** 10,000 contacts, 2,000 deals and 20,000 activities for one rep, versions after `fromVersion`. */
export function generateBulkRows(owner: { id: string; teamId: string }, fromVersion: number, now = Date.now()) {
  let version = fromVersion;
  const meta = () => ({ id: nextId(now), teamId: owner.teamId, ownerId: owner.id, createdAt: now, updatedAt: now, deletedAt: null, version: ++version });
  const contacts = Array.from({ length: 10_000 }, (_, i) => ({
    ...meta(),
    name: i % 2 ? `Contact ${i}` : `联系人 ${i}`,
    emails: [`contact${i}@bulk.example`],
    phones: [`+86138${String(i).padStart(8, '0')}`],
    title: i % 3 ? '采购经理' : 'Head of Procurement',
    companyId: null,
    source: 'manual',
    sourceUrl: null,
  }));
  const deals = Array.from({ length: 2_000 }, (_, i) => ({
    ...meta(),
    title: `Deal ${i}`,
    companyId: null,
    contactId: contacts[i * 5]!.id,
    stageId: 'lead',
    amountMinor: i * 10_000,
    currency: 'CNY',
    expectedCloseAt: null,
    lostReason: null,
  }));
  const activities = Array.from({ length: 20_000 }, (_, i) => ({
    ...meta(),
    kind: (['email', 'call', 'visit', 'meeting', 'note'] as const)[i % 5],
    occurredAt: now - i * 60_000,
    recordedAt: now - i * 60_000,
    subject: `Activity ${i}`,
    body: `Talked about the proposal; next step agreed. 第 ${i} 次沟通。`,
    sourceUrl: null,
    contactId: contacts[i % 10_000]!.id,
    dealId: null,
    companyId: null,
  }));
  return { contacts, deals, activities, lastVersion: version };
}
