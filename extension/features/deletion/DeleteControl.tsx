import type { WritableEntity } from '../../../shared/api/entities';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';

/** Delete is soft and syncs as a tombstone, so undo is just a restore. */
export function DeleteControl({ entity, record }: { entity: WritableEntity; record: { id: string; deletedAt: number | null } }) {
  const { db, me, t, nudgeSync } = useApp();
  const change = async (op: 'delete' | 'restore') => {
    await writeLocal(db, me.user, [{ entity, op, recordId: record.id }]);
    nudgeSync();
  };
  if (record.deletedAt !== null) {
    return (
      <p className="banner" role="status" data-testid="deleted-banner">
        {t('record.deleted')}{' '}
        <button type="button" className="link" onClick={() => change('restore')}>
          {t('record.restore')}
        </button>
      </p>
    );
  }
  return (
    <button type="button" className="link danger" onClick={() => change('delete')}>
      {t('record.delete')}
    </button>
  );
}
