import { z } from 'zod';
import { CompanyFieldsSchema } from '../schema/company';
import { ContactFieldsSchema } from '../schema/contact';
import { TimestampSchema, UlidSchema } from '../schema/primitives';
import { MERGEABLE_ENTITIES } from '../rules/mergeDependents';

/** A merge can be undone for this long; then it is final. */
export const MERGE_UNDO_DAYS = 30;
export const MERGE_UNDO_MS = MERGE_UNDO_DAYS * 24 * 60 * 60 * 1000;

export const MergeableEntitySchema = z.enum(MERGEABLE_ENTITIES);
export type MergeableEntity = z.infer<typeof MergeableEntitySchema>;

const versions = z.strictObject({ survivor: z.number().int().min(0), merged: z.number().int().min(0) });

const mergeOf = <E extends MergeableEntity, F extends z.ZodObject>(entity: E, fields: F) =>
  z.strictObject({
    /** Made by the client, so a repeated request (a lost answer) merges once. */
    id: UlidSchema,
    entity: z.literal(entity),
    /** The record that stays, and the one merged into it (deleted, its links moved over). */
    survivorId: UlidSchema,
    mergedId: UlidSchema,
    /** The versions the user chose from: if either record changed since, nothing happens (409). */
    expectedVersions: versions,
    /** The surviving record's fields as the user picked them; fields not named stay as they are. */
    fields: fields.partial(),
  });

/**
 * POST /api/merges: two contacts or two companies become one. The survivor takes the picked
 * values; every deal, follow-up, activity (and for a company, contact) of the other moves to it.
 */
export const MergeRequestSchema = z
  .discriminatedUnion('entity', [mergeOf('contact', ContactFieldsSchema), mergeOf('company', CompanyFieldsSchema)])
  .refine((m) => m.survivorId !== m.mergedId, { message: 'must be a different record from survivorId', path: ['mergedId'] });
export type MergeRequest = z.infer<typeof MergeRequestSchema>;

/** How many records of each kind moved from the merged record to the survivor. */
export const MovedCountsSchema = z.record(z.string(), z.number().int().min(0));

export const MergeSchema = z.object({
  id: UlidSchema,
  entity: MergeableEntitySchema,
  survivorId: UlidSchema,
  mergedId: UlidSchema,
  /** The merged record's name when it was merged, to show in the survivor's history. */
  mergedName: z.string(),
  mergedBy: UlidSchema,
  mergedAt: TimestampSchema,
  undoneAt: TimestampSchema.nullable(),
  /** After this the merge cannot be undone. */
  undoableUntil: TimestampSchema,
  moved: MovedCountsSchema,
});
export type Merge = z.infer<typeof MergeSchema>;

/** What a merge or an undo answers: the merge, and the newest version it wrote (pull up to it). */
export const MergeResultSchema = z.object({ merge: MergeSchema, version: z.number().int().min(0) });
export type MergeResult = z.infer<typeof MergeResultSchema>;

export const MergeIdParamSchema = z.object({ mergeId: UlidSchema });

/** GET /api/merges?recordId=: the merges a record took part in (as survivor or merged), newest first. */
export const MergeListQuerySchema = z.object({ recordId: UlidSchema });
export const MergeListSchema = z.object({ merges: z.array(MergeSchema) });
