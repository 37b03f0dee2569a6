import * as schema from '../db/schema';
import type { DemoRows } from './demoTeam';

/** Insert order that satisfies foreign keys; deletes run in reverse. */
export const seedTables: { key: keyof DemoRows; table: (typeof schema)[keyof typeof schema] }[] = [
  { key: 'teams', table: schema.teams },
  { key: 'users', table: schema.users },
  { key: 'apiTokens', table: schema.apiTokens },
  { key: 'pipelines', table: schema.pipelines },
  { key: 'companies', table: schema.companies },
  { key: 'contacts', table: schema.contacts },
  { key: 'deals', table: schema.deals },
  { key: 'followUps', table: schema.followUps },
  { key: 'activities', table: schema.activities },
  { key: 'stageChanges', table: schema.stageChanges },
  { key: 'lookupKeys', table: schema.lookupKeys },
];
