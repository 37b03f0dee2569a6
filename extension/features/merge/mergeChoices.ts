import type { MergeableEntity } from '../../../shared/api/merge';
import { editableFields } from '../edit/fieldSpecs';

/** For one field: keep the survivor's value, take the other record's, or (lists) keep both. */
export type Pick = 'survivor' | 'other' | 'both';

const isList = (value: unknown): value is unknown[] => Array.isArray(value);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (isList(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields a person picks between when merging: the ones the record view lets them edit. */
export function mergeFields(entity: MergeableEntity): string[] {
  return editableFields[entity].map((f) => f.name);
}

/** Only fields whose values differ need a choice. */
export function differingFields(entity: MergeableEntity, survivor: Record<string, unknown>, other: Record<string, unknown>): string[] {
  return mergeFields(entity).filter((f) => !same(survivor[f], other[f]));
}

/**
 * What to offer first: lists (emails, phones) keep both; a field the survivor leaves empty takes
 * the other's value; otherwise the survivor's stays. Nothing known is dropped unless the user says so.
 */
export function defaultPicks(entity: MergeableEntity, survivor: Record<string, unknown>, other: Record<string, unknown>): Record<string, Pick> {
  return Object.fromEntries(
    differingFields(entity, survivor, other).map((f) => [f, isList(survivor[f]) ? 'both' : isEmpty(survivor[f]) ? 'other' : 'survivor'] as const),
  );
}

/** The value a pick gives; both lists are joined, the survivor's entries first, without repeats. */
export function pickedValue(pick: Pick, survivorValue: unknown, otherValue: unknown): unknown {
  if (pick === 'survivor') return survivorValue;
  if (pick === 'other') return otherValue;
  return [...new Set([...(isList(survivorValue) ? survivorValue : []), ...(isList(otherValue) ? otherValue : [])])];
}

/** The survivor's fields the merge changes: what the request sends. */
export function pickedFields(entity: MergeableEntity, survivor: Record<string, unknown>, other: Record<string, unknown>, picks: Record<string, Pick>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const f of differingFields(entity, survivor, other)) {
    const value = pickedValue(picks[f] ?? 'survivor', survivor[f], other[f]);
    if (!same(value, survivor[f])) fields[f] = value;
  }
  return fields;
}

/** Which of two records to keep by default: the older one, which others most likely link to. */
export function defaultSurvivor<T extends { id: string; createdAt: number }>(a: T, b: T): [T, T] {
  return a.createdAt <= b.createdAt ? [a, b] : [b, a];
}
