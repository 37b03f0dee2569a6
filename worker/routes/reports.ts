import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ApiErrorSchema } from '../../shared/api/errors';
import { DRILL_LIMIT, DrillQuerySchema, DrillResponseSchema, REPORT_NAMES, ReportNameSchema, reportOperationId, ReportQuerySchema, reportResponseOf, type ReportName } from '../../shared/api/reports';
import type { AppEnv } from '../env';
import { ApiError } from '../middleware/apiError';
import { onValidationFailure } from '../middleware/errors';
import { signedIn } from '../middleware/permit';
import { reports } from '../reports/reportRegistry';
import { reportScope } from '../reports/reportScope';
import { bearerSecurity, errorResponses, jsonContent } from './openapi';
import { z } from '@hono/zod-openapi';

const refused = {
  403: jsonContent(ApiErrorSchema, "A rep asking for a teammate's figures"),
  404: jsonContent(ApiErrorSchema, 'No such team member'),
};

const SUMMARIES: Record<ReportName, string> = {
  funnel: 'Funnel: deals created in the period, how many reached each stage, conversion between stages, win rate, lost reasons',
  stageTime: 'Time in stage (stays that ended in the period) and deal cycle (deals won in it): median and p90',
  firstResponse: 'First response: lead created to first activity, median and p90, share within the team target',
  followUps: 'Follow-up discipline: due in the period, on time, late, open; overdue now per member',
  conversion: 'Quote conversion (报价 → 合同) and payment cycle (合同 → 回款)',
  activity: 'Activity volume per member, local week and kind',
  forecast: 'Open deals expected to close in the period: count, amount and weighted amount per month and currency',
  dataQuality: 'Data quality: back-filled and month-end activity, open deals missing required fields or a next follow-up',
};

export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onValidationFailure });

for (const name of REPORT_NAMES) {
  const route = createRoute({
    method: 'get',
    path: `/api/reports/${name}`,
    operationId: reportOperationId(name),
    summary: SUMMARIES[name],
    security: bearerSecurity,
    middleware: signedIn(reportOperationId(name)),
    request: { query: ReportQuerySchema },
    responses: { 200: jsonContent(reportResponseOf(name), 'The figures for the period and the one before'), ...errorResponses, ...refused },
  });
  reportRoutes.openapi(route, async (c) => {
    const { db, viewer } = c.var;
    const scope = await reportScope(db, viewer, c.req.valid('query'));
    const report = reports[name];
    // Independent reads: both periods are asked for at once.
    const [current, previous] = await Promise.all([report.compute(db, scope, scope.range), report.compute(db, scope, scope.previousRange)]);
    return c.json({ report: name, timeZone: scope.timeZone, range: scope.range, previousRange: scope.previousRange, current, previous } as never, 200);
  });
}

const drillRoute = createRoute({
  method: 'get',
  path: '/api/reports/{report}/records',
  operationId: 'listReportRecords',
  summary: 'The records behind one figure of a report (key names it, e.g. stage:quote), newest first',
  security: bearerSecurity,
  middleware: signedIn('listReportRecords'),
  request: { params: z.object({ report: ReportNameSchema }), query: DrillQuerySchema },
  responses: { 200: jsonContent(DrillResponseSchema, `The records, at most ${DRILL_LIMIT}`), ...errorResponses, ...refused },
});

reportRoutes.openapi(drillRoute, async (c) => {
  const { db, viewer } = c.var;
  const query = c.req.valid('query');
  const scope = await reportScope(db, viewer, query);
  const records = await reports[c.req.valid('param').report].records(db, scope, query.previous ? scope.previousRange : scope.range, query.key);
  if (records === null) throw new ApiError(400, 'bad_request', `This report has no figure "${query.key}"`, { field: 'key' });
  return c.json({ records: records.slice(0, DRILL_LIMIT), truncated: records.length > DRILL_LIMIT }, 200);
});
