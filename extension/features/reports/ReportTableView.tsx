import { useApp } from '../appContext';
import { cellText, download, kindOf, tableCsv } from './cells';
import type { Drill, Table } from './reportTables';

/**
 * A report table: the figures under each chart (their text alternative), every figure with
 * records behind it a button that lists them, and the table's CSV.
 */
export function ReportTableView({ table, onDrill, fileName }: { table: Table; onDrill: (drill: Drill, label: string) => void; fileName: string }) {
  const { t, locale } = useApp();
  return (
    <div className="report-table" data-testid={`report-table-${table.id}`}>
      <div className="row">
        <h3 className="grow">{table.title}</h3>
        <button type="button" className="link no-print" onClick={() => download(`${fileName}-${table.id}.csv`, tableCsv(table))}>
          {t('reports.exportCsv')}
        </button>
      </div>
      {table.rows.length === 0 ? (
        <p className="empty">{t('reports.noData')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {table.columns.map((c, j) => {
                  const text = cellText(row.cells[c.key], kindOf(table, row, c.key), row, locale);
                  const drill = row.drills?.[c.key];
                  const label = `${String(row.cells[table.columns[0]!.key] ?? '')} · ${c.label}`;
                  const content = drill && Number(row.cells[c.key]) > 0 ? (
                    <button type="button" className="link" onClick={() => onDrill(drill, label)} aria-label={`${label}: ${text}`}>
                      {text}
                    </button>
                  ) : (
                    text
                  );
                  return j === 0 ? (
                    <th key={c.key} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className={c.kind === 'text' ? '' : 'num'}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
