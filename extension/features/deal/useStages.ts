import type { Stage } from '../../../shared/schema/pipeline';
import { useApp } from '../appContext';

export function useStages(): Stage[] {
  return useApp().me.pipeline.stages;
}

export function useStageLabel(): (stageId: string) => string {
  const { me, locale } = useApp();
  return (stageId) => me.pipeline.stages.find((s) => s.id === stageId)?.label[locale] ?? stageId;
}
