import { z } from 'zod';
import {
  ActivityFieldsSchema,
  ActivitySchema,
  CompanyFieldsSchema,
  CompanySchema,
  ContactFieldsSchema,
  ContactSchema,
  DealFieldsSchema,
  DealSchema,
  FollowUpFieldsSchema,
  FollowUpSchema,
  LATER_DEAL_FIELDS,
  StageChangeSchema,
} from '../schema';

/** Entities a client may write through the outbox, with the fields it may send. */
export const writableFields = {
  company: CompanyFieldsSchema,
  contact: ContactFieldsSchema,
  deal: DealFieldsSchema,
  followUp: FollowUpFieldsSchema,
  activity: ActivityFieldsSchema,
} as const;
export type WritableEntity = keyof typeof writableFields;

/** Per entity, what a create missing a later-added field gets for it (see LATER_DEAL_FIELDS). */
export const createDefaults: { [E in WritableEntity]?: Record<string, unknown> } = { deal: LATER_DEAL_FIELDS };
export const WRITABLE_ENTITIES = Object.keys(writableFields) as WritableEntity[];
export const WritableEntitySchema = z.enum(WRITABLE_ENTITIES as [WritableEntity, ...WritableEntity[]]);

/** Every entity that syncs down, with the full row shape. */
export const recordSchemas = {
  company: CompanySchema,
  contact: ContactSchema,
  deal: DealSchema,
  followUp: FollowUpSchema,
  activity: ActivitySchema,
  stageChange: StageChangeSchema,
} as const;
export type EntityName = keyof typeof recordSchemas;
export const ENTITY_NAMES = Object.keys(recordSchemas) as EntityName[];
export const EntityNameSchema = z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]);

export type EntityRecord<E extends EntityName> = z.infer<(typeof recordSchemas)[E]>;
export type EntityFields<E extends WritableEntity> = z.infer<(typeof writableFields)[E]>;
