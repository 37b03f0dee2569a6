import type { EntityRules } from './entityRules';
import { checkPhones } from './phoneRules';

/** The company directory is team-wide; its only own rule is a valid phone. */
export const companyRules: EntityRules = {
  check(_ctx, change) {
    if (change.fields && 'phone' in change.fields) checkPhones(change.fields.phone, 'fields.phone');
  },
};
