import { useEffect, useRef, useState } from 'react';
import type { Deal, GateField } from '../../../shared/schema/deal';
import { useApp } from '../appContext';
import { FieldEditor } from '../edit/RecordFields';
import { editableFields } from '../edit/fieldSpecs';
import { CustomFieldEditor } from './CustomFieldEditor';
import { useMoveDeal } from './useMoveDeal';
import { useGateFieldLabel, usePipeline, useStageLabel } from './useStages';

export interface GateRefusal {
  toStageId: string;
  missing: { field: GateField; stageId: string }[];
}

/**
 * What a stage move lacks, asked for in place: one editor per missing field (built-in or
 * custom), then the fields and the move are written as one change, checked again by the same
 * gate here and by the worker. Used by the deal view's stage bar and by the board's drop.
 */
export function GateForm({ deal, refusal, onDone, onCancel }: { deal: Deal; refusal: GateRefusal; onDone: () => void; onCancel: () => void }) {
  const { t } = useApp();
  const stageLabel = useStageLabel();
  const fieldLabel = useGateFieldLabel();
  const moveDeal = useMoveDeal();
  const [pending, setPending] = useState<Record<string, unknown>>({});
  const [custom, setCustom] = useState<Record<string, unknown>>({});
  const [stillMissing, setStillMissing] = useState<GateField[]>([]);
  const after = { ...deal, ...pending, custom: { ...deal.custom, ...custom } };
  const form = useRef<HTMLFormElement>(null);
  // Straight to the first missing field, as a refusal in a form would.
  useEffect(() => form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), [refusal.toStageId]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const fields = { ...pending, ...(Object.keys(custom).length ? { custom: after.custom } : {}) } as Partial<Deal>;
    const again = await moveDeal(deal, refusal.toStageId, fields);
    if (again) setStillMissing(again.missing.map((m) => m.field));
    else onDone();
  }

  return (
    <form ref={form} className="gate-form" data-testid="gate-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p role="alert" className="error gate-error" data-testid="gate-error">
        {t('deal.gateMissing', { stage: stageLabel(refusal.toStageId), fields: refusal.missing.map((m) => fieldLabel(m.field)).join(t('list.separator')) })}
      </p>
      <dl className="details">
        {refusal.missing.map(({ field, stageId }) => {
          const label = fieldLabel(field);
          const invalid = stillMissing.includes(field);
          return (
            <div key={field} className="field">
              <dt>
                {label}
                {stageId !== refusal.toStageId && <span className="muted"> · {t('deal.gateFrom', { stage: stageLabel(stageId) })}</span>}
              </dt>
              <dd>
                {field.startsWith('custom.') ? (
                  <CustomEditor field={field} value={after.custom[field.slice(7)]} invalid={invalid} onChange={(v) => setCustom((c) => ({ ...c, [field.slice(7)]: v }))} />
                ) : (
                  <FieldEditor
                    entity="deal"
                    name={field}
                    kind={editableFields.deal.find((f) => f.name === field)?.kind ?? 'text'}
                    label={label}
                    record={after as never}
                    readOnly={false}
                    invalid={invalid}
                    commit={async (fields) => setPending((p) => ({ ...p, ...fields }))}
                  />
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <div className="row">
        <button type="submit" className="primary">
          {t('deal.gateFill')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('deal.gateCancel')}
        </button>
      </div>
    </form>
  );
}

function CustomEditor({ field, value, invalid, onChange }: { field: GateField; value: unknown; invalid: boolean; onChange: (value: string | number | null) => void }) {
  const spec = usePipeline().customFields.find((f) => `custom.${f.key}` === field);
  if (!spec) return null;
  return <CustomFieldEditor field={spec} name={`deal.${field}`} value={value} invalid={invalid} onChange={onChange} />;
}
