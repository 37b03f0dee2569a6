import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { CustomFieldTypeSchema, type CustomField } from '../../../shared/schema/customField';
import { DealGateFieldSchema, type GateField } from '../../../shared/schema/deal';
import { PipelineSettingsSchema, StageKindSchema, type PipelineSettings, type Stage } from '../../../shared/schema/pipeline';
import type { MessageKey } from '../../i18n/messages';
import { callApi, failureOf } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { usePipeline } from '../deal/useStages';

/** A fresh id for a stage or custom field an admin adds: lower-case, unique enough, never shown. */
const freshId = (prefix: string) => `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;

/**
 * The team's sales process (admins edit, everyone reads): ordered stages with both labels, kind,
 * win probability, colour and the fields a deal needs to enter; custom deal fields; whether a
 * forward move may skip stages. Removing a stage that holds deals asks where they go. Saved as
 * one PUT that the worker checks against the version edited; devices get it on their next sync.
 */
export function PipelineScreen() {
  const { db, me, t, locale, notify, nudgeSync } = useApp();
  const isAdmin = me.user.role === 'admin';
  const saved = usePipeline();
  const [draft, setDraft] = useState<PipelineSettings>(saved);
  const [editedFrom, setEditedFrom] = useState(me.pipeline.updatedAt);
  const [moveDeals, setMoveDeals] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Deals per stage in the cache (an admin's cache holds the team's), for the removed stages.
  const dealsByStage = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.deal.each((d) => void (d.deletedAt === null && counts.set(d.stageId, (counts.get(d.stageId) ?? 0) + 1)));
    return counts;
  }, [db]);
  const kept = new Set(draft.stages.map((s) => s.id));
  const removed = saved.stages.filter((s) => !kept.has(s.id) && (dealsByStage?.get(s.id) ?? 0) > 0);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const stale = me.pipeline.updatedAt !== editedFrom;

  const setStage = (index: number, patch: Partial<Stage>) => setDraft((d) => ({ ...d, stages: d.stages.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const moveStage = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const stages = [...d.stages];
      const [stage] = stages.splice(index, 1);
      stages.splice(index + by, 0, stage!);
      return { ...d, stages };
    });
  const setField = (index: number, patch: Partial<CustomField>) => setDraft((d) => ({ ...d, customFields: d.customFields.map((f, i) => (i === index ? { ...f, ...patch } : f)) }));
  const removeField = (index: number) =>
    setDraft((d) => {
      const gone = `custom.${d.customFields[index]!.key}`;
      return { ...d, customFields: d.customFields.filter((_, i) => i !== index), stages: d.stages.map((s) => ({ ...s, requiredFields: s.requiredFields.filter((f) => f !== gone) })) };
    });
  const gateFields: { field: GateField; label: string }[] = [
    ...DealGateFieldSchema.options.map((field) => ({ field, label: t(`field.deal.${field}` as MessageKey) })),
    ...draft.customFields.map((f) => ({ field: `custom.${f.key}` as GateField, label: f.label[locale] || f.key })),
  ];

  async function save() {
    const parsed = PipelineSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(t('pipeline.invalid', { where: issue.path.join(' › '), message: issue.message }));
      return;
    }
    const unplaced = removed.find((s) => !moveDeals[s.id] || !kept.has(moveDeals[s.id]!));
    if (unplaced) {
      setProblem(t('pipeline.whereDealsGo', { stage: unplaced.label[locale], count: dealsByStage?.get(unplaced.id) ?? 0 }));
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const result = await callApi('updatePipeline', { settings: parsed.data, expectedUpdatedAt: editedFrom, moveDeals: Object.fromEntries(removed.map((s) => [s.id, moveDeals[s.id]!])) });
      setEditedFrom(result.pipeline.updatedAt);
      setDraft(result.pipeline);
      notify({ text: t('pipeline.saved', { moved: result.moved }), tone: 'ok' });
      nudgeSync();
    } catch (err) {
      setProblem(t.error(failureOf(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="pipeline-title" data-testid="pipeline-settings">
      <h2 id="pipeline-title">{t('dashboard.tab.pipeline')}</h2>
      {!isAdmin && <p className="note">{t('pipeline.adminsOnly')}</p>}
      {stale && dirty && <p className="note">{t('pipeline.changedElsewhere')}</p>}
      <fieldset disabled={!isAdmin || busy}>
        <table className="grid-table" data-testid="pipeline-stages">
          <thead>
            <tr>
              <th>{t('pipeline.order')}</th>
              <th>{t('pipeline.labelZh')}</th>
              <th>{t('pipeline.labelEn')}</th>
              <th>{t('pipeline.kind')}</th>
              <th>{t('pipeline.probability')}</th>
              <th>{t('pipeline.color')}</th>
              <th>{t('pipeline.required')}</th>
              <th aria-label={t('pipeline.remove')} />
            </tr>
          </thead>
          <tbody>
            {draft.stages.map((stage, i) => {
              const name = stage.label[locale] || stage.id;
              return (
                <tr key={stage.id} data-stage={stage.id}>
                  <td className="nowrap">
                    <button type="button" aria-label={t('pipeline.moveUp', { stage: name })} disabled={i === 0} onClick={() => moveStage(i, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={t('pipeline.moveDown', { stage: name })} disabled={i === draft.stages.length - 1} onClick={() => moveStage(i, 1)}>
                      ↓
                    </button>
                  </td>
                  <td>
                    <input aria-label={`${t('pipeline.labelZh')} · ${name}`} value={stage.label['zh-CN']} maxLength={40} onChange={(e) => setStage(i, { label: { ...stage.label, 'zh-CN': e.target.value } })} />
                  </td>
                  <td>
                    <input aria-label={`${t('pipeline.labelEn')} · ${name}`} value={stage.label.en} maxLength={40} onChange={(e) => setStage(i, { label: { ...stage.label, en: e.target.value } })} />
                  </td>
                  <td>
                    <select aria-label={`${t('pipeline.kind')} · ${name}`} value={stage.kind} onChange={(e) => setStage(i, { kind: e.target.value as Stage['kind'] })}>
                      {StageKindSchema.options.map((kind) => (
                        <option key={kind} value={kind}>
                          {t(`pipeline.kind.${kind}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input type="number" min={0} max={100} aria-label={`${t('pipeline.probability')} · ${name}`} value={stage.probability} onChange={(e) => setStage(i, { probability: Math.max(0, Math.min(100, Math.round(Number(e.target.value) || 0))) })} />
                  </td>
                  <td>
                    <input type="color" aria-label={`${t('pipeline.color')} · ${name}`} value={stage.color} onChange={(e) => setStage(i, { color: e.target.value })} />
                  </td>
                  <td>
                    <div className="checks">
                      {gateFields.map(({ field, label }) => (
                        <label key={field}>
                          <input
                            type="checkbox"
                            checked={stage.requiredFields.includes(field)}
                            onChange={(e) => setStage(i, { requiredFields: e.target.checked ? [...stage.requiredFields, field] : stage.requiredFields.filter((f) => f !== field) })}
                          />
                          {label}
                        </label>
                      ))}
                    </div>
                  </td>
                  <td>
                    <button type="button" aria-label={t('pipeline.removeStage', { stage: name })} onClick={() => setDraft((d) => ({ ...d, stages: d.stages.filter((_, j) => j !== i) }))}>
                      {t('pipeline.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={() => setDraft((d) => ({ ...d, stages: [...d.stages.filter((s) => s.kind === 'open'), { id: freshId('s'), label: { 'zh-CN': '', en: '' }, kind: 'open', probability: 50, color: '#64748b', requiredFields: [] }, ...d.stages.filter((s) => s.kind !== 'open')] }))}>
          {t('pipeline.addStage')}
        </button>

        {removed.map((stage) => (
          <p key={stage.id} className="row">
            <label>
              {t('pipeline.whereDealsGo', { stage: stage.label[locale], count: dealsByStage?.get(stage.id) ?? 0 })}{' '}
              <select value={moveDeals[stage.id] ?? ''} onChange={(e) => setMoveDeals((m) => ({ ...m, [stage.id]: e.target.value }))}>
                <option value="">—</option>
                {draft.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label[locale] || s.id}
                  </option>
                ))}
              </select>
            </label>
          </p>
        ))}

        <h3>{t('pipeline.customFields')}</h3>
        {draft.customFields.length === 0 && <p className="muted">{t('pipeline.noCustomFields')}</p>}
        {draft.customFields.map((field, i) => {
          const name = field.label[locale] || field.key;
          return (
            <div key={field.key} className="row custom-field" data-field={field.key}>
              <input aria-label={`${t('pipeline.labelZh')} · ${t('pipeline.field')} ${i + 1}`} value={field.label['zh-CN']} maxLength={40} onChange={(e) => setField(i, { label: { ...field.label, 'zh-CN': e.target.value } })} />
              <input aria-label={`${t('pipeline.labelEn')} · ${t('pipeline.field')} ${i + 1}`} value={field.label.en} maxLength={40} onChange={(e) => setField(i, { label: { ...field.label, en: e.target.value } })} />
              <select aria-label={`${t('pipeline.fieldType')} · ${t('pipeline.field')} ${i + 1}`} value={field.type} onChange={(e) => setField(i, { type: e.target.value as CustomField['type'] })}>
                {CustomFieldTypeSchema.options.map((type) => (
                  <option key={type} value={type}>
                    {t(`pipeline.type.${type}`)}
                  </option>
                ))}
              </select>
              {field.type === 'choice' && (
                <input
                  aria-label={`${t('pipeline.options')} · ${t('pipeline.field')} ${i + 1}`}
                  placeholder={t('pipeline.optionsHint')}
                  value={field.options.join(', ')}
                  onChange={(e) => setField(i, { options: e.target.value.split(/[,，]/).map((o) => o.trim()).filter(Boolean) })}
                />
              )}
              <button type="button" aria-label={t('pipeline.removeField', { field: name })} onClick={() => removeField(i)}>
                {t('pipeline.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => setDraft((d) => ({ ...d, customFields: [...d.customFields, { key: freshId('f'), label: { 'zh-CN': '', en: '' }, type: 'text', options: [] }] }))}>
          {t('pipeline.addField')}
        </button>

        <p>
          <label>
            <input type="checkbox" checked={draft.allowSkip} onChange={(e) => setDraft((d) => ({ ...d, allowSkip: e.target.checked }))} /> {t('pipeline.allowSkip')}
          </label>
        </p>
        {problem && (
          <p role="alert" className="error" data-testid="pipeline-problem">
            {problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="primary" disabled={!dirty} onClick={save}>
            {busy ? t('common.saving') : t('pipeline.save')}
          </button>
          <button type="button" disabled={!dirty} onClick={() => (setDraft(saved), setEditedFrom(me.pipeline.updatedAt), setProblem(null), setMoveDeals({}))}>
            {t('pipeline.discard')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
