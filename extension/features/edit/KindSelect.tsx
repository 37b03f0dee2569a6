import { ActivityKindSchema } from '../../../shared/schema/activity';
import { FollowUpKindSchema } from '../../../shared/schema/followUp';
import type { MessageKey } from '../../i18n/messages';
import { useApp } from '../appContext';

const kinds = { activity: ActivityKindSchema.options, followUp: FollowUpKindSchema.options } as const;
type KindOf<E extends keyof typeof kinds> = (typeof kinds)[E][number];

/** A choice of activity or follow-up kind, each named through i18n (`<entity>.kind.<kind>`). */
export function KindSelect<E extends keyof typeof kinds>({ of, value, onChange, label, name, disabled }: { of: E; value: KindOf<E>; onChange: (kind: KindOf<E>) => void; label: string; name?: string; disabled?: boolean }) {
  const { t } = useApp();
  return (
    <select name={name} aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as KindOf<E>)}>
      {kinds[of].map((kind) => (
        <option key={kind} value={kind}>
          {t(`${of}.kind.${kind}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
