import { useCallback } from 'react';
import { useApp } from '../appContext';

/** A record owner's display name from the team list in /api/me; "me" for the viewer, marked when disabled. */
export function useOwnerName(): (ownerId: string) => string {
  const { me, t } = useApp();
  return useCallback(
    (ownerId: string) => {
      if (ownerId === me.user.id) return t('owner.me');
      const member = me.members.find((m) => m.id === ownerId);
      if (!member) return t('owner.unknown');
      // A disabled member still owns their records until someone hands them over.
      return member.disabledAt === null ? member.name : t('owner.disabled', { name: member.name });
    },
    [me, t],
  );
}
