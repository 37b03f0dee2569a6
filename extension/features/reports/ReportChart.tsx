import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReportName, ReportResponse } from '../../../shared/api/reports';
import { ActivityKindSchema } from '../../../shared/schema/activity';
import { minorDigits } from '../../../shared/rules/money';
import { useApp } from '../appContext';
import { useStageLabel } from '../deal/useStages';

const COLORS = ['#2563eb', '#94a3b8', '#16a34a', '#f59e0b', '#8b5cf6'];

/**
 * The chart above a report's tables (recharts, SVG: sharp in print). Decorative for assistive
 * technology: the table below carries the same figures, so the chart is hidden from it.
 */
export function ReportChart<R extends ReportName>({ name, answer }: { name: R; answer: ReportResponse<R> }) {
  const { t, me } = useApp();
  const stage = useStageLabel();
  const member = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  let data: Record<string, unknown>[] = [];
  let bars: { key: string; label: string; stack?: string }[] = [];
  switch (name) {
    case 'funnel': {
      const { current, previous } = answer as ReportResponse<'funnel'>;
      data = current.stages.map((s, i) => ({ label: stage(s.stageId), current: s.reached, previous: previous.stages[i]?.reached ?? 0 }));
      bars = [
        { key: 'current', label: t('reports.col.current') },
        { key: 'previous', label: t('reports.col.previous') },
      ];
      break;
    }
    case 'activity': {
      const { current } = answer as ReportResponse<'activity'>;
      data = current.weeks.map((week) => ({ label: week, ...Object.fromEntries(ActivityKindSchema.options.map((k) => [k, current.rows.filter((r) => r.week === week && r.kind === k).reduce((n, r) => n + r.count, 0)])) }));
      bars = ActivityKindSchema.options.map((k) => ({ key: k, label: t(`activity.kind.${k}`), stack: 'kinds' }));
      break;
    }
    case 'forecast': {
      const { current } = answer as ReportResponse<'forecast'>;
      data = current.months.map((m) => ({ label: `${m.month} ${m.currency}`, amount: m.amountMinor / 10 ** minorDigits(m.currency), weighted: m.weightedMinor / 10 ** minorDigits(m.currency) }));
      bars = [
        { key: 'amount', label: t('reports.col.amount') },
        { key: 'weighted', label: t('reports.col.weighted') },
      ];
      break;
    }
    case 'followUps': {
      const { current } = answer as ReportResponse<'followUps'>;
      data = current.perRep.map((r) => ({ label: member(r.ownerId), due: r.due, onTime: r.onTime, overdueNow: r.overdueNow }));
      bars = [
        { key: 'due', label: t('reports.followUps.due') },
        { key: 'onTime', label: t('reports.followUps.onTime') },
        { key: 'overdueNow', label: t('reports.followUps.overdueNow') },
      ];
      break;
    }
    default:
      return null;
  }
  if (data.length === 0) return null;
  return (
    <div className="report-chart" aria-hidden="true" data-testid={`report-chart-${name}`}>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} interval={0} />
          <YAxis fontSize={12} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {bars.map((b, i) => (
            <Bar key={b.key} dataKey={b.key} name={b.label} fill={COLORS[i % COLORS.length]} stackId={b.stack} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
