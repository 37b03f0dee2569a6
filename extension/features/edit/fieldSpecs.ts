import type { WritableEntity } from '../../../shared/api/entities';

/**
 * How the panel shows and edits each field a user may change. The fields themselves (names,
 * types, limits) come from the shared zod schemas; this only picks an editor for each, and
 * labels come from i18n keys `field.<entity>.<field>`. Fields set by the product (source,
 * sourceUrl, stage, doneAt) are not listed: they change through their own actions.
 */
export type FieldKind = 'text' | 'longText' | 'emails' | 'phones' | 'phone' | 'url' | 'domain' | 'grade' | 'money' | 'date' | 'dateTime' | 'followUpKind' | 'activityKind' | 'company' | 'contact';

export const editableFields: { [E in WritableEntity]: { name: string; kind: FieldKind }[] } = {
  contact: [
    { name: 'name', kind: 'text' },
    { name: 'title', kind: 'text' },
    { name: 'companyId', kind: 'company' },
    { name: 'emails', kind: 'emails' },
    { name: 'phones', kind: 'phones' },
  ],
  company: [
    { name: 'name', kind: 'text' },
    { name: 'grade', kind: 'grade' },
    { name: 'industry', kind: 'text' },
    { name: 'domain', kind: 'domain' },
    { name: 'website', kind: 'url' },
    { name: 'phone', kind: 'phone' },
    { name: 'address', kind: 'longText' },
  ],
  deal: [
    { name: 'title', kind: 'text' },
    { name: 'amountMinor', kind: 'money' },
    { name: 'expectedCloseAt', kind: 'date' },
    { name: 'companyId', kind: 'company' },
    { name: 'contactId', kind: 'contact' },
    { name: 'lostReason', kind: 'text' },
    { name: 'contractNumber', kind: 'text' },
    { name: 'signedAt', kind: 'date' },
    { name: 'collectedAmountMinor', kind: 'money' },
    { name: 'collectedAt', kind: 'date' },
  ],
  followUp: [
    { name: 'title', kind: 'text' },
    { name: 'kind', kind: 'followUpKind' },
    { name: 'dueAt', kind: 'date' },
    { name: 'outcome', kind: 'longText' },
  ],
  activity: [
    { name: 'kind', kind: 'activityKind' },
    { name: 'subject', kind: 'text' },
    { name: 'occurredAt', kind: 'dateTime' },
    { name: 'body', kind: 'longText' },
  ],
};
