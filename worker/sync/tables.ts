import type { EntityName } from '../../shared/api/entities';
import { activities, companies, contacts, deals, followUps, stageChanges } from '../db/schema';

/** The D1 table behind each synced entity. */
export const entityTables = {
  company: companies,
  contact: contacts,
  deal: deals,
  followUp: followUps,
  activity: activities,
  stageChange: stageChanges,
} as const satisfies Record<EntityName, unknown>;

export type EntityTable = (typeof entityTables)[EntityName];

/** Which entity each reference field on a writable record points at. */
export const referenceFields = {
  companyId: 'company',
  contactId: 'contact',
  dealId: 'deal',
} as const satisfies Record<string, EntityName>;
