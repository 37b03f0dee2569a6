import type { EntityName } from '../../../../shared/api/entities';
import { companyRules } from './companyRules';
import { contactRules } from './contactRules';
import { dealRules } from './dealRules';
import type { EntityRules } from './entityRules';

/** Each entity's own rules; an entity without any gets only the generic ones. A new entity's go here. */
export const entityRules: Partial<Record<EntityName, EntityRules>> = {
  company: companyRules,
  contact: contactRules,
  deal: dealRules,
};
