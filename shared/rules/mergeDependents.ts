import { writableFields, type WritableEntity } from '../api/entities';

/** Entities two records of which may be merged into one. */
export const MERGEABLE_ENTITIES = ['contact', 'company'] as const;
export type Mergeable = (typeof MERGEABLE_ENTITIES)[number];

/** The field through which a record points at an entity ("contact" → "contactId"). */
export const referenceFieldOf = (entity: Mergeable) => `${entity}Id` as const;

/**
 * What a merge moves: every writable entity with a field pointing at the merged kind, and that
 * field. Derived from the schemas, so an entity that gains a contactId moves with a contact merge
 * without anyone remembering to add it here.
 */
export function mergeDependents(entity: Mergeable): { entity: WritableEntity; field: string }[] {
  const field = referenceFieldOf(entity);
  return (Object.keys(writableFields) as WritableEntity[]).filter((e) => field in writableFields[e].shape).map((e) => ({ entity: e, field }));
}
