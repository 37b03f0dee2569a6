import { browser } from 'wxt/browser';
import type { ReportQueryInput } from '../../../shared/api/reports';
import { formatMoney, minorDigits } from '../../../shared/rules/money';
import { openInPanel } from '../../navigation/openInPanel';
import { callApi } from '../../messaging/sendToBackground';
import { useApp } from '../appContext';
import { useRemote } from '../dashboard/useRemote';
import { useStageLabel } from '../deal/useStages';
import { formatDate } from '../format';
import { download, toCsv } from './cells';
import type { Drill } from './reportTables';

/** Opens a deal or follow-up in the side panel of this window, from the click. */
async function showInPanel(db: ReturnType<typeof useApp>['db'], entity: 'deal' | 'followUp', id: string): Promise<void> {
  const win = await browser.windows.getCurrent().catch(() => null);
  await openInPanel(db, { name: entity, id }, win?.id !== undefined ? { windowId: win.id } : undefined);
}

/** The records behind one figure, each opening in the side panel, with their CSV. */
export function DrillList({ drill, label, query, onClose }: { drill: Drill; label: string; query: ReportQueryInput; onClose: () => void }) {
  const { db, t, locale, me } = useApp();
  const stageLabel = useStageLabel();
  const member = (id: string) => me.members.find((m) => m.id === id)?.name ?? '';
  const records = useRemote(() => callApi('reportRecords', drill.report, { ...query, key: drill.key, previous: drill.previous }), [drill.report, drill.key, drill.previous, JSON.stringify(query)]);
  const rows = records.data?.records ?? [];
  const csv = () =>
    toCsv(
      [t('reports.col.kind'), t('reports.col.title'), t('reports.col.member'), t('reports.col.stage'), t('reports.col.amount'), t('reports.col.currency'), t('reports.col.date'), t('reports.col.id')],
      rows.map((r) => [
        t(`entity.${r.entity}`),
        r.title,
        member(r.ownerId),
        r.stageId ? stageLabel(r.stageId) : '',
        r.amountMinor === null || r.currency === null ? '' : r.amountMinor / 10 ** minorDigits(r.currency),
        r.currency ?? '',
        r.at === null ? '' : new Date(r.at).toISOString(),
        r.id,
      ]),
    );
  return (
    <section className="card drill" data-testid="drill-list" aria-label={label}>
      <div className="row">
        <h3 className="grow">
          {label}
          {drill.previous ? ` (${t('reports.col.previous')})` : ''}
        </h3>
        <button type="button" className="link no-print" disabled={rows.length === 0} onClick={() => download(`sidecar-${drill.report}-${drill.key.replace(/[^\w-]+/g, '_')}.csv`, csv())}>
          {t('reports.exportCsv')}
        </button>
        <button type="button" className="link no-print" onClick={onClose}>
          {t('reports.close')}
        </button>
      </div>
      {records.loading && !records.data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : records.error ? (
        <p className="error">{t.error(records.error)}</p>
      ) : (
        <>
          <p className="muted small" data-testid="drill-count">
            {t('reports.records', { count: rows.length })}
            {records.data?.truncated ? ` ${t('reports.truncated')}` : ''}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.col.title')}</th>
                <th scope="col">{t('reports.col.member')}</th>
                <th scope="col">{t('reports.col.stage')}</th>
                <th scope="col">{t('reports.col.amount')}</th>
                <th scope="col">{t('reports.col.date')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.entity === 'activity' ? (
                      r.title
                    ) : (
                      <button type="button" className="link" onClick={() => void showInPanel(db, r.entity as 'deal' | 'followUp', r.id)}>
                        {r.title}
                      </button>
                    )}
                  </th>
                  <td>{member(r.ownerId)}</td>
                  <td>{r.stageId ? stageLabel(r.stageId) : ''}</td>
                  <td className="num">{r.amountMinor !== null && r.currency ? formatMoney(r.amountMinor, r.currency, locale) : ''}</td>
                  <td>{r.at === null ? '' : formatDate(r.at, locale, me.user.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
