import { z } from 'zod';
import { GradeSchema } from '../schema/company';
import { TimeZoneSchema, TimestampSchema, UlidSchema } from '../schema/primitives';
import { MAX_PERIOD_DAYS } from '../reports/kpi';
import { PERIODS } from '../reports/period';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-01');

/**
 * What every report is asked for: a period in the viewer's time zone (their profile's unless
 * given), optionally one member's records (managers; a rep's figures are always their own) and
 * one company grade.
 */
const ReportQueryFieldsSchema = z.object({
  period: z.enum(PERIODS).default('month'),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  ownerId: UlidSchema.optional(),
  grade: GradeSchema.optional(),
});

/** A custom period names its days, in order, and spans at most MAX_PERIOD_DAYS. */
function checkCustomPeriod(q: { period: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.period !== 'custom') return;
  if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs from' });
  if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a custom period needs to' });
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period spans at most ${MAX_PERIOD_DAYS} days` });
}

export const ReportQuerySchema = ReportQueryFieldsSchema.superRefine(checkCustomPeriod);
export type ReportQuery = z.infer<typeof ReportQuerySchema>;
/** What a client sends (defaults not yet applied). */
export type ReportQueryInput = z.input<typeof ReportQuerySchema>;

export const RangeSchema = z.object({ fromDate: DateSchema, toDate: DateSchema, start: TimestampSchema, end: TimestampSchema });

const ms = z.number().nullable();
const share = z.number().min(0).max(1).nullable();
const count = z.number().int().min(0);

/** Each report's figures for one period; a report answers them for the period and the one before. */
export const reportFigures = {
  funnel: z.object({
    /** Deals created in the period. */
    cohort: count,
    /** Per open and won stage in pipeline order: cohort deals that reached it (a skipped stage counts as passed) and the share of the stage before that did. */
    stages: z.array(z.object({ stageId: z.string(), reached: count, conversion: share })),
    won: count,
    lost: count,
    winRate: share,
    lostReasons: z.array(z.object({ reason: z.string().nullable(), count })),
  }),
  stageTime: z.object({
    /** Stays in each stage that ended in the period. */
    stages: z.array(z.object({ stageId: z.string(), stays: count, medianMs: ms, p90Ms: ms })),
    /** Deals won in the period: created → won. */
    cycle: z.object({ deals: count, medianMs: ms, p90Ms: ms }),
  }),
  firstResponse: z.object({ leads: count, responded: count, withinTarget: count, shareWithinTarget: share, medianMs: ms, p90Ms: ms, targetHours: count }),
  followUps: z.object({
    due: count,
    onTime: count,
    late: count,
    open: count,
    onTimeRate: share,
    perRep: z.array(z.object({ ownerId: UlidSchema, due: count, onTime: count, overdueNow: count })),
  }),
  conversion: z.object({ quoted: count, contracted: count, quoteConversion: share, paid: count, paymentMedianMs: ms, paymentP90Ms: ms }),
  activity: z.object({ weeks: z.array(DateSchema), rows: z.array(z.object({ ownerId: UlidSchema, week: DateSchema, kind: z.string(), count })) }),
  forecast: z.object({ months: z.array(z.object({ month: z.string(), currency: z.string(), deals: count, amountMinor: z.number().int(), weightedMinor: z.number().int() })) }),
  dataQuality: z.object({
    activities: count,
    backfilled: count,
    backfilledShare: share,
    monthEnd: count,
    monthEndShare: share,
    /** The share month-end recording would have if activity were spread evenly over the period's days. */
    monthEndExpected: share,
    openDeals: count,
    missingRequired: count,
    missingNextStep: count,
  }),
} as const;
export type ReportName = keyof typeof reportFigures;
export const REPORT_NAMES = Object.keys(reportFigures) as ReportName[];
export const ReportNameSchema = z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]);
export type ReportFigures<R extends ReportName> = z.infer<(typeof reportFigures)[R]>;

export const reportResponseOf = <R extends ReportName>(name: R) =>
  z.object({ report: z.literal(name), timeZone: z.string(), range: RangeSchema, previousRange: RangeSchema, current: reportFigures[name], previous: reportFigures[name] });
export type ReportResponse<R extends ReportName> = { report: R; timeZone: string; range: z.infer<typeof RangeSchema>; previousRange: z.infer<typeof RangeSchema>; current: ReportFigures<R>; previous: ReportFigures<R> };

/** GET /api/reports/{report}/records: the records behind one figure (key names it, e.g. "stage:quote"). */
export const DrillQuerySchema = ReportQueryFieldsSchema.extend({ key: z.string().min(1).max(200), previous: z.stringbool().default(false) }).superRefine(checkCustomPeriod);
export const DRILL_LIMIT = 10_000;
export const DrillRecordSchema = z.object({
  entity: z.enum(['deal', 'followUp', 'activity']),
  id: UlidSchema,
  title: z.string(),
  ownerId: UlidSchema,
  /** The moment the figure counts the record at (created, due, recorded…). */
  at: TimestampSchema.nullable(),
  stageId: z.string().nullable(),
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
});
export type DrillRecord = z.infer<typeof DrillRecordSchema>;
export const DrillResponseSchema = z.object({ records: z.array(DrillRecordSchema), truncated: z.boolean() });
export type DrillResponse = z.infer<typeof DrillResponseSchema>;

/** The OpenAPI operation of each report ("getFunnelReport"), and of the drill-down. */
export type ReportOperationId = `get${Capitalize<ReportName>}Report`;
export const reportOperationId = (name: ReportName): ReportOperationId => `get${name[0]!.toUpperCase()}${name.slice(1)}Report` as ReportOperationId;
