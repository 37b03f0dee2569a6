import { z } from 'zod';
import { shortText } from './primitives';

/**
 * A deal field an admin adds to the team's pipeline (a project number, a tender deadline, a
 * product line): its key, labels in both languages and type. Values live in the deal's `custom`
 * map; a stage may require one like any built-in field, as `custom.<key>`.
 */
export const CustomFieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lower-case letters, digits and _');
export const CustomFieldTypeSchema = z.enum(['text', 'number', 'date', 'choice']);
export type CustomFieldType = z.infer<typeof CustomFieldTypeSchema>;

export const CustomFieldSchema = z
  .strictObject({
    key: CustomFieldKeySchema,
    label: z.strictObject({ 'zh-CN': shortText(40), en: shortText(40) }),
    type: CustomFieldTypeSchema,
    /** The choices of a "choice" field, in order; empty for other types. */
    options: z.array(shortText(60)).max(30).default([]),
  })
  .refine((f) => f.type !== 'choice' || f.options.length > 0, { message: 'a choice field needs options', path: ['options'] });
export type CustomField = z.infer<typeof CustomFieldSchema>;

/** A custom field's value: text and choices as text, numbers as numbers, dates as epoch ms. */
export const CustomValueSchema = z.union([z.string().trim().max(500), z.number().finite(), z.null()]);
export const CustomValuesSchema = z.record(CustomFieldKeySchema, CustomValueSchema).refine((values) => Object.keys(values).length <= 30, 'at most 30 custom values');
export type CustomValues = z.infer<typeof CustomValuesSchema>;

/** Whether a value fits its field's type (the map itself only knows text, number or empty). */
export function customValueFits(field: CustomField, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (field.type === 'number' || field.type === 'date') return typeof value === 'number' && Number.isFinite(value);
  if (field.type === 'choice') return typeof value === 'string' && field.options.includes(value);
  return typeof value === 'string';
}
