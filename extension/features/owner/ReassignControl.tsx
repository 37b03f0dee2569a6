import { useState } from 'react';
import type { WritableEntity } from '../../../shared/api/entities';
import { seesWholeTeam } from '../../../shared/rules/visibility';
import { writeLocal } from '../../db/localWrite';
import { useApp } from '../appContext';
import { useOwnerName } from './useOwnerName';

/**
 * The record's owner; managers and admins may hand it to a teammate (the worker checks the role
 * again). The history stays with the record, and the new owner's devices pull it.
 */
export function ReassignControl({ entity, record }: { entity: WritableEntity; record: { id: string; ownerId: string } }) {
  const { db, me, t, nudgeSync, notify } = useApp();
  const ownerName = useOwnerName();
  const [target, setTarget] = useState(record.ownerId);
  if (!seesWholeTeam(me.user.role)) return <span data-testid="owner">{ownerName(record.ownerId)}</span>;
  const reassign = async (ownerId: string) => {
    await writeLocal(db, me.user, [{ entity, op: 'reassign', recordId: record.id, ownerId }]);
    nudgeSync();
  };
  return (
    <span className="row" data-testid="owner">
      <select aria-label={t('owner.reassignTo')} value={target} onChange={(e) => setTarget(e.target.value)}>
        {me.members.filter((m) => m.disabledAt === null).map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={target === record.ownerId}
        onClick={async () => {
          const previous = record.ownerId;
          await reassign(target);
          notify({ text: t('owner.reassigned', { name: ownerName(target) }), undo: () => reassign(previous) });
        }}
      >
        {t('owner.reassign')}
      </button>
    </span>
  );
}
