import { useMemo, useState } from 'react';
import { REPORT_NAMES, type ReportName, type ReportQueryInput } from '../../../shared/api/reports';
import { PERIODS, type Period } from '../../../shared/reports/period';
import { seesWholeTeam } from '../../../shared/rules/visibility';
import { GradeSchema } from '../../../shared/schema/company';
import { callApi } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { useStageLabel } from '../deal/useStages';
import { OwnerFilter } from '../owner/OwnerFilter';
import { DrillList } from './DrillList';
import { ReportChart } from './ReportChart';
import { ReportTableView } from './ReportTableView';
import { reportTables, type Drill } from './reportTables';

/**
 * Reports (dashboard #reports): the process figures computed by the worker over the whole team
 * (not this device's cache), for a period in the viewer's time zone beside the one before.
 * Managers see the team or one member; reps themselves. Every figure with records behind it
 * lists them; every table and list exports as CSV; the page prints.
 */
export function ReportsScreen() {
  const { me, t } = useApp();
  const [period, setPeriod] = useState<Period>('month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [grade, setGrade] = useState('');
  const [drill, setDrill] = useState<{ drill: Drill; label: string } | null>(null);
  const custom = period === 'custom';
  const query = useMemo<ReportQueryInput | null>(() => {
    if (custom && (!from || !to || from > to)) return null;
    return { period, ...(custom ? { from, to } : {}), timeZone: me.user.timeZone, ownerId: ownerId ?? undefined, grade: (grade || undefined) as ReportQueryInput['grade'] };
  }, [period, custom, from, to, ownerId, grade, me.user.timeZone]);

  return (
    <section className="reports" data-testid="reports">
      <div className="row toolbar no-print">
        <label>
          {t('reports.period')}{' '}
          <select value={period} onChange={(e) => (setPeriod(e.target.value as Period), setDrill(null))} data-testid="report-period">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`reports.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {custom && (
          <>
            <input type="date" aria-label={t('reports.from')} value={from} onChange={(e) => setFrom(e.target.value)} />
            <input type="date" aria-label={t('reports.to')} value={to} onChange={(e) => setTo(e.target.value)} />
          </>
        )}
        {seesWholeTeam(me.user.role) && <OwnerFilter value={ownerId} onChange={(id) => (setOwnerId(id), setDrill(null))} />}
        <select aria-label={t('reports.grade')} value={grade} onChange={(e) => (setGrade(e.target.value), setDrill(null))}>
          <option value="">{t('reports.allGrades')}</option>
          {GradeSchema.options.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => window.print()}>
          {t('reports.print')}
        </button>
      </div>
      {!query && <p className="muted">{t('reports.pickDays')}</p>}
      {query && drill && <DrillList drill={drill.drill} label={drill.label} query={query} onClose={() => setDrill(null)} />}
      {query && REPORT_NAMES.map((name) => <ReportSection key={name} name={name} query={query} onDrill={(d, label) => setDrill({ drill: d, label })} />)}
    </section>
  );
}

function ReportSection({ name, query, onDrill }: { name: ReportName; query: ReportQueryInput; onDrill: (drill: Drill, label: string) => void }) {
  const { t, me, locale } = useApp();
  const stage = useStageLabel();
  const member = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  const answer = useRemote(() => callApi('report', name, query), [name, JSON.stringify(query)]);
  const data = answer.data;
  return (
    <section className="card report" data-testid={`report-${name}`} aria-busy={answer.loading}>
      <h2>{t(`reports.title.${name}`)}</h2>
      <p className="muted small">{t(`reports.about.${name}`)}</p>
      {answer.error ? (
        <p className="error" role="alert">
          {t.error(answer.error)}
        </p>
      ) : !data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p className="small" data-testid="report-range">
            {t('reports.range', { from: data.range.fromDate, to: data.range.toDate, previousFrom: data.previousRange.fromDate, previousTo: data.previousRange.toDate, zone: data.timeZone })}
          </p>
          <ReportChart name={name} answer={data} />
          {reportTables(name, data, { t, stage, member }).map((table) => (
            <ReportTableView key={table.id} table={table} onDrill={onDrill} fileName={`sidecar-${name}-${data.range.fromDate}-${data.range.toDate}${locale === 'zh-CN' ? '-zh' : ''}`} />
          ))}
        </>
      )}
    </section>
  );
}
