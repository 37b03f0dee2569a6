import type { InferSelectModel } from 'drizzle-orm';
import type { EntityName, EntityRecord } from '../../shared/api/entities';
import type { Member, Team, User } from '../../shared/schema';
import { entityTables } from '../sync/tables';
import type { teams, users } from './schema';

/**
 * Compile-time only: `tsc` fails here when a D1 table's row type and the zod type of its entity
 * drift apart (a field added to one and not the other, a nullability or enum that differs).
 * The zod schema in shared/schema/ is where a field is defined; the table follows it.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

type RowOf<E extends EntityName> = InferSelectModel<(typeof entityTables)[E]>;
/** The entities whose table and zod type differ; must be none. */
type Drifted = { [E in EntityName]: Equal<RowOf<E>, EntityRecord<E>> extends true ? never : E }[EntityName];
type Checked = Expect<Equal<Drifted, never>>;

// Server-only columns are named here, so adding one is a visible decision, not drift.
type TeamServerColumns = 'version' | 'minCursor' | 'mutationHorizon' | 'lookupKeysVersion' | 'lookupKeysCursor';
type TeamChecked = Expect<Equal<Omit<InferSelectModel<typeof teams>, TeamServerColumns>, Team>>;
type UserChecked = Expect<Equal<Omit<InferSelectModel<typeof users>, 'minCursor'>, User>>;
type MemberChecked = Expect<Equal<Pick<User, keyof Member>, Member>>;

export type SchemaChecks = [Checked, TeamChecked, UserChecked, MemberChecked];
void entityTables;
