import type { GateField } from '../../../shared/schema/deal';
import type { PipelineSettings, Stage } from '../../../shared/schema/pipeline';
import type { MessageKey } from '../../i18n/messages';
import { useApp } from '../appContext';

export function useStages(): Stage[] {
  return useApp().me.pipeline.stages;
}

/**
 * The team's pipeline as the gate reads it: stages, custom fields, whether skipping is allowed
 * (a `me` cached by an older version lacks the last two).
 */
export function usePipeline(): PipelineSettings {
  const { pipeline } = useApp().me;
  return { stages: pipeline.stages, customFields: pipeline.customFields ?? [], allowSkip: pipeline.allowSkip ?? false };
}

export function useStageLabel(): (stageId: string) => string {
  const { me, locale } = useApp();
  return (stageId) => me.pipeline.stages.find((s) => s.id === stageId)?.label[locale] ?? stageId;
}

/** A gate field's label: a built-in field's from i18n, a custom field's from the pipeline. */
export function useGateFieldLabel(): (field: GateField) => string {
  const { locale, t } = useApp();
  const { customFields } = usePipeline();
  return (field) => {
    if (!field.startsWith('custom.')) return t(`field.deal.${field}` as MessageKey);
    const key = field.slice('custom.'.length);
    return customFields.find((f) => f.key === key)?.label[locale] ?? key;
  };
}
