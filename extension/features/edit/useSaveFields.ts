import { useCallback } from 'react';
import { writableFields, type WritableEntity } from '../../../shared/api/entities';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves edited fields of one record: only what changed, validated by the entity's shared zod
 * schema first (a problem comes back per field, nothing is written), then one local write that
 * syncs like any other. "Saved" appears with Undo, which writes the previous values back.
 */
export function useSaveFields(entity: WritableEntity, record: { id: string } & Record<string, unknown>) {
  const { db, me, t, nudgeSync, notify } = useApp();
  return useCallback(
    async (fields: Record<string, unknown>): Promise<Record<string, string>> => {
      const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => !same(record[k], v)));
      if (Object.keys(changed).length === 0) return {};
      const shape = writableFields[entity].shape as Record<string, { safeParse: (v: unknown) => { success: boolean; data?: unknown } }>;
      const problems: Record<string, string> = {};
      const clean: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(changed)) {
        // A cleared field is null where the schema allows it, else the empty string (an activity's body).
        let parsed = shape[field]?.safeParse(value);
        if (value === null && !parsed?.success && shape[field]?.safeParse('').success) parsed = shape[field]!.safeParse('');
        if (!parsed?.success) problems[field] = t('field.invalid', { field: t(`field.${entity}.${field}` as never) });
        else clean[field] = parsed.data;
      }
      if (Object.keys(problems).length > 0) return problems;
      const previous = Object.fromEntries(Object.keys(clean).map((k) => [k, record[k] ?? null]));
      await writeLocal(db, me.user, [{ entity, op: 'update', recordId: record.id, fields: clean } as never]);
      nudgeSync();
      notify({
        text: t('feedback.saved'),
        undo: async () => {
          await writeLocal(db, me.user, [{ entity, op: 'update', recordId: record.id, fields: previous } as never]);
          nudgeSync();
        },
      });
      return {};
    },
    [db, me, t, nudgeSync, notify, entity, record],
  );
}
