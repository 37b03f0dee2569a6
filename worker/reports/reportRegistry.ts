import type { DrillRecord, ReportFigures, ReportName } from '../../shared/api/reports';
import type { Range } from '../../shared/reports/period';
import type { Db } from '../env';
import { activityVolume, activityVolumeRecords } from './activityVolume';
import { conversion, conversionRecords } from './conversion';
import { dataQuality, dataQualityRecords } from './dataQuality';
import { firstResponse, firstResponseRecords } from './firstResponse';
import { followUpDiscipline, followUpRecordsFor } from './followUps';
import { forecast, forecastRecords } from './forecast';
import { funnel, funnelRecords } from './funnel';
import type { ReportScope } from './reportScope';
import { stageTime, stageTimeRecords } from './stageTime';

type Compute<R extends ReportName> = (db: Db, scope: ReportScope, range: Range) => Promise<ReportFigures<R>>;
/** The records behind a figure by its key; null for a key the report does not know. */
type Drill = (db: Db, scope: ReportScope, range: Range, key: string) => Promise<DrillRecord[] | null>;

/** Each report's figures and its drill-down, by name (shared/api/reports.ts names them and their shapes). */
export const reports: { [R in ReportName]: { compute: Compute<R>; records: Drill } } = {
  funnel: { compute: funnel, records: funnelRecords },
  stageTime: { compute: stageTime, records: stageTimeRecords },
  firstResponse: { compute: firstResponse, records: firstResponseRecords },
  followUps: { compute: followUpDiscipline, records: followUpRecordsFor },
  conversion: { compute: conversion, records: conversionRecords },
  activity: { compute: activityVolume, records: activityVolumeRecords },
  forecast: { compute: forecast, records: forecastRecords },
  dataQuality: { compute: dataQuality, records: dataQualityRecords },
};
