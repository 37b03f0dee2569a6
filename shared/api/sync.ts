import { z } from 'zod';
import { TimestampSchema, UlidSchema } from '../schema/primitives';
import { ErrorCodeSchema } from './errors';
import { createDefaults, ENTITY_NAMES, EntityNameSchema, type EntityName, recordSchemas, WRITABLE_ENTITIES, writableFields, type WritableEntity } from './entities';

/**
 * Bumped when the shape of mutations or rows changes incompatibly. A client older than
 * MIN_CLIENT_SCHEMA_VERSION is told to upgrade; its outbox is kept until it does.
 */
export const SCHEMA_VERSION = 1;
export const MIN_CLIENT_SCHEMA_VERSION = 1;

/**
 * At most this many mutations per push. The worker writes a push as a fixed handful of
 * statements whatever its size (rows travel as one JSON parameter each), so this bounds the
 * request body and the time a team's writes queue behind one push, not D1's parameter limit.
 */
export const MAX_MUTATIONS_PER_PUSH = 100;
export const PULL_PAGE_SIZE = 500;
export const MAX_PULL_PAGE_SIZE = 1000;

const nonEmpty = (value: object) => Object.keys(value).length > 0;

function mutationsOf<E extends WritableEntity>(entity: E) {
  const fields = writableFields[entity];
  const base = { id: UlidSchema, entity: z.literal(entity), recordId: UlidSchema, at: TimestampSchema };
  return z.discriminatedUnion('op', [
    z.strictObject({
      ...base,
      op: z.literal('create'),
      // An older client's create lacks fields added since; they take their defaults.
      fields: z.preprocess((value) => (value && typeof value === 'object' && createDefaults[entity] ? { ...createDefaults[entity], ...value } : value), fields) as unknown as typeof fields,
    }),
    z.strictObject({
      ...base,
      op: z.literal('update'),
      fields: (fields.partial() as unknown as z.ZodType<Partial<z.infer<typeof fields>>>).refine(nonEmpty, 'must change at least one field'),
    }),
    z.strictObject({ ...base, op: z.literal('delete') }),
    z.strictObject({ ...base, op: z.literal('restore') }),
    // Handing a record to another team member; managers and admins only.
    z.strictObject({ ...base, op: z.literal('reassign'), ownerId: UlidSchema }),
  ]);
}

/**
 * One change a client made: a ULID of its own (so the server applies it once), the entity,
 * the record, and only the fields that changed.
 */
export const MutationSchema = z.discriminatedUnion(
  'entity',
  WRITABLE_ENTITIES.map((entity) => mutationsOf(entity)) as unknown as [MutationSchemaOf, ...MutationSchemaOf[]],
);
type MutationSchemaOf = { [E in WritableEntity]: ReturnType<typeof mutationsOf<E>> }[WritableEntity];
export type Mutation = z.infer<typeof MutationSchema>;
export type MutationOp = Mutation['op'];

export const PushRequestSchema = z.strictObject({
  clientId: UlidSchema,
  schemaVersion: z.number().int().min(1),
  mutations: z.array(MutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const MutationResultSchema = z.discriminatedUnion('status', [
  z.object({ mutationId: UlidSchema, status: z.literal('applied'), version: z.number().int() }),
  z.object({
    mutationId: UlidSchema,
    status: z.literal('rejected'),
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      field: z.string().optional(),
      /** For a conflict: the record that already holds the value, and who owns it. */
      existing: z.object({ entity: EntityNameSchema, id: UlidSchema, ownerId: UlidSchema, ownerName: z.string() }).optional(),
    }),
  }),
]);
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.object({ results: z.array(MutationResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullQuerySchema = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE_SIZE).default(PULL_PAGE_SIZE),
});

const changeSchemas = ENTITY_NAMES.map((entity) =>
  z.object({ entity: z.literal(entity), row: recordSchemas[entity] }),
) as unknown as [ChangeSchemaOf<'company'>, ...ChangeSchemaOf<EntityName>[]];
type ChangeSchemaOf<E extends EntityName> = z.ZodObject<{ entity: z.ZodLiteral<E>; row: (typeof recordSchemas)[E] }>;

/** A row that changed after the cursor; tombstones come as rows with deletedAt set. */
export const ChangeSchema = z.discriminatedUnion('entity', changeSchemas);
export type Change = { [E in EntityName]: { entity: E; row: z.infer<(typeof recordSchemas)[E]> } }[EntityName];

/** A record the caller may no longer see (reassigned away): drop the local copy. */
export const RemovalSchema = z.object({ entity: EntityNameSchema, removedId: UlidSchema, version: z.number().int() });
export type Removal = z.infer<typeof RemovalSchema>;
export type PullItem = Change | Removal;
export const isRemoval = (item: PullItem): item is Removal => 'removedId' in item;
export const itemVersion = (item: PullItem): number => (isRemoval(item) ? item.version : item.row.version);

export const PullResponseSchema = z.object({
  /** Row changes and removals in version order; apply them in order. */
  changes: z.array(z.union([ChangeSchema, RemovalSchema])),
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type PullResponse = { changes: PullItem[]; cursor: number; hasMore: boolean };
