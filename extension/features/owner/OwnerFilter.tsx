import { useApp } from '../appContext';

/** Every list can be narrowed to one owner; the choice stays with the list view. */
export function OwnerFilter({ value, onChange }: { value: string | null; onChange: (ownerId: string | null) => void }) {
  const { me, t } = useApp();
  const others = me.members.filter((m) => m.id !== me.user.id);
  return (
    <select aria-label={t('owner.filter')} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="owner-filter">
      <option value="">{t('owner.all')}</option>
      <option value={me.user.id}>{t('owner.mine')}</option>
      {others.map((m) => (
        <option key={m.id} value={m.id}>
          {m.name}
        </option>
      ))}
    </select>
  );
}
