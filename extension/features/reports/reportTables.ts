import type { ReportName, ReportResponse } from '../../../shared/api/reports';
import { ActivityKindSchema } from '../../../shared/schema/activity';
import type { Translate } from '../../i18n/translate';

/** How a cell reads on screen and in CSV: counts, shares (0–1), durations, money in minor units. */
export type CellKind = 'text' | 'count' | 'share' | 'hours' | 'days' | 'money';
export interface Column {
  key: string;
  label: string;
  kind: CellKind;
}
/** A figure that has records behind it: the report and key to ask for them. */
export interface Drill {
  report: ReportName;
  key: string;
  previous?: boolean;
}
export interface Row {
  cells: Record<string, unknown>;
  /** For summary tables, whose rows differ in kind: the kind of the value columns. */
  kind?: CellKind;
  /** Per column key: the records behind that cell. */
  drills?: Record<string, Drill>;
}
/** One table of a report: what the screen shows under the chart and what its CSV holds. */
export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
}

interface Labels {
  t: Translate;
  stage: (id: string) => string;
  member: (id: string) => string;
}

/** A summary: one row per figure, this period beside the one before. */
function summary(id: string, title: string, t: Translate, rows: { label: string; kind: CellKind; current: unknown; previous: unknown; drill?: string }[], report: ReportName): Table {
  return {
    id,
    title,
    columns: [
      { key: 'figure', label: t('reports.col.figure'), kind: 'text' },
      { key: 'current', label: t('reports.col.current'), kind: 'count' },
      { key: 'previous', label: t('reports.col.previous'), kind: 'count' },
    ],
    rows: rows.map((r) => ({
      cells: { figure: r.label, current: r.current, previous: r.previous },
      kind: r.kind,
      drills: r.drill ? { current: { report, key: r.drill }, previous: { report, key: r.drill, previous: true } } : undefined,
    })),
  };
}

/** The tables of each report, built from its answer; the screen and the CSV export both read these. */
export function reportTables<R extends ReportName>(name: R, answer: ReportResponse<R>, { t, stage, member }: Labels): Table[] {
  const a = answer as ReportResponse<ReportName>;
  switch (name) {
    case 'funnel': {
      const { current, previous } = a as ReportResponse<'funnel'>;
      return [
        {
          id: 'funnel-stages',
          title: t('reports.funnel.stages'),
          columns: [
            { key: 'stage', label: t('reports.col.stage'), kind: 'text' },
            { key: 'reached', label: t('reports.col.reached'), kind: 'count' },
            { key: 'conversion', label: t('reports.col.conversion'), kind: 'share' },
            { key: 'previousReached', label: t('reports.col.previousReached'), kind: 'count' },
          ],
          rows: current.stages.map((s, i) => ({
            cells: { stage: stage(s.stageId), reached: s.reached, conversion: s.conversion, previousReached: previous.stages[i]?.reached ?? null },
            drills: { reached: { report: 'funnel', key: `stage:${s.stageId}` }, previousReached: { report: 'funnel', key: `stage:${s.stageId}`, previous: true } },
          })),
        },
        summary('funnel-summary', t('reports.summary'), t, [
          { label: t('reports.funnel.cohort'), kind: 'count', current: current.cohort, previous: previous.cohort, drill: 'cohort' },
          { label: t('reports.funnel.won'), kind: 'count', current: current.won, previous: previous.won, drill: 'won' },
          { label: t('reports.funnel.lost'), kind: 'count', current: current.lost, previous: previous.lost, drill: 'lost' },
          { label: t('reports.funnel.winRate'), kind: 'share', current: current.winRate, previous: previous.winRate },
        ], 'funnel'),
        {
          id: 'funnel-lost-reasons',
          title: t('reports.funnel.lostReasons'),
          columns: [
            { key: 'reason', label: t('reports.col.reason'), kind: 'text' },
            { key: 'count', label: t('reports.col.deals'), kind: 'count' },
          ],
          rows: current.lostReasons.map((r) => ({ cells: { reason: r.reason ?? t('reports.noReason'), count: r.count }, drills: { count: { report: 'funnel', key: `lostReason:${r.reason ?? ''}` } } })),
        },
      ];
    }
    case 'stageTime': {
      const { current, previous } = a as ReportResponse<'stageTime'>;
      return [
        {
          id: 'stage-time',
          title: t('reports.stageTime.stages'),
          columns: [
            { key: 'stage', label: t('reports.col.stage'), kind: 'text' },
            { key: 'stays', label: t('reports.col.stays'), kind: 'count' },
            { key: 'median', label: t('reports.col.medianDays'), kind: 'days' },
            { key: 'p90', label: t('reports.col.p90Days'), kind: 'days' },
            { key: 'previousMedian', label: t('reports.col.previousMedianDays'), kind: 'days' },
          ],
          rows: current.stages.map((s, i) => ({
            cells: { stage: stage(s.stageId), stays: s.stays, median: s.medianMs, p90: s.p90Ms, previousMedian: previous.stages[i]?.medianMs ?? null },
            drills: { stays: { report: 'stageTime', key: `stage:${s.stageId}` } },
          })),
        },
        summary('deal-cycle', t('reports.stageTime.cycle'), t, [
          { label: t('reports.stageTime.wonDeals'), kind: 'count', current: current.cycle.deals, previous: previous.cycle.deals, drill: 'cycle' },
          { label: t('reports.col.medianDays'), kind: 'days', current: current.cycle.medianMs, previous: previous.cycle.medianMs },
          { label: t('reports.col.p90Days'), kind: 'days', current: current.cycle.p90Ms, previous: previous.cycle.p90Ms },
        ], 'stageTime'),
      ];
    }
    case 'firstResponse': {
      const { current, previous } = a as ReportResponse<'firstResponse'>;
      return [
        summary('first-response', t('reports.firstResponse.title', { hours: current.targetHours }), t, [
          { label: t('reports.firstResponse.leads'), kind: 'count', current: current.leads, previous: previous.leads, drill: 'leads' },
          { label: t('reports.firstResponse.responded'), kind: 'count', current: current.responded, previous: previous.responded },
          { label: t('reports.firstResponse.withinTarget'), kind: 'share', current: current.shareWithinTarget, previous: previous.shareWithinTarget, drill: 'late' },
          { label: t('reports.col.medianHours'), kind: 'hours', current: current.medianMs, previous: previous.medianMs },
          { label: t('reports.col.p90Hours'), kind: 'hours', current: current.p90Ms, previous: previous.p90Ms },
        ], 'firstResponse'),
      ];
    }
    case 'followUps': {
      const { current, previous } = a as ReportResponse<'followUps'>;
      return [
        summary('follow-ups', t('reports.summary'), t, [
          { label: t('reports.followUps.due'), kind: 'count', current: current.due, previous: previous.due, drill: 'due' },
          { label: t('reports.followUps.onTime'), kind: 'count', current: current.onTime, previous: previous.onTime, drill: 'onTime' },
          { label: t('reports.followUps.late'), kind: 'count', current: current.late, previous: previous.late, drill: 'late' },
          { label: t('reports.followUps.open'), kind: 'count', current: current.open, previous: previous.open, drill: 'open' },
          { label: t('reports.followUps.onTimeRate'), kind: 'share', current: current.onTimeRate, previous: previous.onTimeRate },
        ], 'followUps'),
        {
          id: 'follow-ups-per-member',
          title: t('reports.followUps.perMember'),
          columns: [
            { key: 'member', label: t('reports.col.member'), kind: 'text' },
            { key: 'due', label: t('reports.followUps.due'), kind: 'count' },
            { key: 'onTime', label: t('reports.followUps.onTime'), kind: 'count' },
            { key: 'overdueNow', label: t('reports.followUps.overdueNow'), kind: 'count' },
          ],
          rows: current.perRep.map((r) => ({ cells: { member: member(r.ownerId), due: r.due, onTime: r.onTime, overdueNow: r.overdueNow }, drills: { overdueNow: { report: 'followUps', key: `overdue:${r.ownerId}` } } })),
        },
      ];
    }
    case 'conversion': {
      const { current, previous } = a as ReportResponse<'conversion'>;
      return [
        summary('conversion', t('reports.summary'), t, [
          { label: t('reports.conversion.quoted'), kind: 'count', current: current.quoted, previous: previous.quoted, drill: 'quoted' },
          { label: t('reports.conversion.contracted'), kind: 'count', current: current.contracted, previous: previous.contracted, drill: 'contracted' },
          { label: t('reports.conversion.rate'), kind: 'share', current: current.quoteConversion, previous: previous.quoteConversion },
          { label: t('reports.conversion.paid'), kind: 'count', current: current.paid, previous: previous.paid, drill: 'paid' },
          { label: t('reports.conversion.cycleMedian'), kind: 'days', current: current.paymentMedianMs, previous: previous.paymentMedianMs },
          { label: t('reports.conversion.cycleP90'), kind: 'days', current: current.paymentP90Ms, previous: previous.paymentP90Ms },
        ], 'conversion'),
      ];
    }
    case 'activity': {
      const { current } = a as ReportResponse<'activity'>;
      const kinds = ActivityKindSchema.options;
      const keyOf = (r: { week: string; ownerId: string }) => `${r.week}|${r.ownerId}`;
      const groups = new Map<string, { week: string; ownerId: string; counts: Record<string, number> }>();
      for (const r of current.rows) {
        const g = groups.get(keyOf(r)) ?? groups.set(keyOf(r), { week: r.week, ownerId: r.ownerId, counts: {} }).get(keyOf(r))!;
        g.counts[r.kind] = (g.counts[r.kind] ?? 0) + r.count;
      }
      return [
        {
          id: 'activity-volume',
          title: t('reports.activity.perWeek'),
          columns: [
            { key: 'week', label: t('reports.col.week'), kind: 'text' },
            { key: 'member', label: t('reports.col.member'), kind: 'text' },
            ...kinds.map((k) => ({ key: k, label: t(`activity.kind.${k}`), kind: 'count' as const })),
            { key: 'total', label: t('reports.col.total'), kind: 'count' },
          ],
          rows: [...groups.values()].map((g) => ({
            cells: { week: g.week, member: member(g.ownerId), ...Object.fromEntries(kinds.map((k) => [k, g.counts[k] ?? 0])), total: Object.values(g.counts).reduce((n, c) => n + c, 0) },
            drills: { total: { report: 'activity', key: `week:${g.week}:${g.ownerId}` } },
          })),
        },
      ];
    }
    case 'forecast': {
      const { current } = a as ReportResponse<'forecast'>;
      return [
        {
          id: 'forecast',
          title: t('reports.forecast.byMonth'),
          columns: [
            { key: 'month', label: t('reports.col.month'), kind: 'text' },
            { key: 'currency', label: t('reports.col.currency'), kind: 'text' },
            { key: 'deals', label: t('reports.col.deals'), kind: 'count' },
            { key: 'amount', label: t('reports.col.amount'), kind: 'money' },
            { key: 'weighted', label: t('reports.col.weighted'), kind: 'money' },
          ],
          rows: current.months.map((m) => ({ cells: { month: m.month, currency: m.currency, deals: m.deals, amount: m.amountMinor, weighted: m.weightedMinor }, drills: { deals: { report: 'forecast', key: `month:${m.month}:${m.currency}` } } })),
        },
      ];
    }
    case 'dataQuality': {
      const { current, previous } = a as ReportResponse<'dataQuality'>;
      return [
        summary('data-quality', t('reports.summary'), t, [
          { label: t('reports.dataQuality.activities'), kind: 'count', current: current.activities, previous: previous.activities },
          { label: t('reports.dataQuality.backfilled'), kind: 'count', current: current.backfilled, previous: previous.backfilled, drill: 'backfilled' },
          { label: t('reports.dataQuality.backfilledShare'), kind: 'share', current: current.backfilledShare, previous: previous.backfilledShare },
          { label: t('reports.dataQuality.monthEnd'), kind: 'count', current: current.monthEnd, previous: previous.monthEnd, drill: 'monthEnd' },
          { label: t('reports.dataQuality.monthEndShare'), kind: 'share', current: current.monthEndShare, previous: previous.monthEndShare },
          { label: t('reports.dataQuality.monthEndExpected'), kind: 'share', current: current.monthEndExpected, previous: previous.monthEndExpected },
          { label: t('reports.dataQuality.openDeals'), kind: 'count', current: current.openDeals, previous: previous.openDeals },
          { label: t('reports.dataQuality.missingRequired'), kind: 'count', current: current.missingRequired, previous: previous.missingRequired, drill: 'missingRequired' },
          { label: t('reports.dataQuality.missingNextStep'), kind: 'count', current: current.missingNextStep, previous: previous.missingNextStep, drill: 'missingNextStep' },
        ], 'dataQuality'),
      ];
    }
  }
  return [];
}
