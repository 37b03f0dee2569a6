import { useLiveQuery } from 'dexie-react-hooks';
import type { WritableEntity } from '../../../shared/api/entities';
import { useApp } from '../appContext';

/** Shown on a record merged into another (instead of "deleted, undo"): where it went. Undo is on either record's merge history. */
export function MergedBanner({ entity, survivorId }: { entity: WritableEntity; survivorId: string }) {
  const { db, t, navigate } = useApp();
  const survivor = useLiveQuery(async () => ((await db.records(entity).get(survivorId)) as { name?: string } | undefined) ?? null, [db, entity, survivorId]);
  return (
    <p className="banner" role="status" data-testid="merged-banner">
      {t('merge.mergedBanner', { name: survivor?.name ?? '…' })}{' '}
      {survivor && (entity === 'contact' || entity === 'company') && (
        <button type="button" className="link" onClick={() => navigate({ name: entity, id: survivorId })}>
          {t('merge.openSurvivor')}
        </button>
      )}
    </p>
  );
}
