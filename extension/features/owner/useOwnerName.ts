import { useCallback } from 'react';
import { useApp } from '../appContext';

/** A record owner's display name from the team list in /api/me; "me" for the viewer. */
export function useOwnerName(): (ownerId: string) => string {
  const { me, t } = useApp();
  return useCallback(
    (ownerId: string) => (ownerId === me.user.id ? t('owner.me') : (me.members.find((m) => m.id === ownerId)?.name ?? t('owner.unknown'))),
    [me, t],
  );
}
