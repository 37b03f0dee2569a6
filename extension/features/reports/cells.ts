import Papa from 'papaparse';
import { formatMoney, minorDigits } from '../../../shared/rules/money';
import type { Locale } from '../../../shared/schema/primitives';
import type { CellKind, Row, Table } from './reportTables';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The kind of one cell: a summary row says it for its value columns. */
export function kindOf(table: Table, row: Row, key: string): CellKind {
  const column = table.columns.find((c) => c.key === key)!;
  return row.kind && column.kind !== 'text' ? row.kind : column.kind;
}

/** A cell as the screen shows it, in the viewer's language. Null reads as a dash: no data. */
export function cellText(value: unknown, kind: CellKind, row: Row, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  switch (kind) {
    case 'text':
      return String(value);
    case 'count':
      return new Intl.NumberFormat(locale).format(n);
    case 'share':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
    case 'hours':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / HOUR);
    case 'days':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n / DAY);
    case 'money':
      return formatMoney(n, String(row.cells.currency ?? 'CNY'), locale);
  }
}

/**
 * A cell for CSV: machine-readable whatever the language. Shares as fractions, durations as
 * numbers of hours or days, amounts in major units (the currency is its own column), no data
 * as an empty cell.
 */
export function cellCsv(value: unknown, kind: CellKind, row: Row): string | number {
  if (value === null || value === undefined) return '';
  const n = Number(value);
  switch (kind) {
    case 'text':
      return String(value);
    case 'count':
    case 'share':
      return n;
    case 'hours':
      return Number((n / HOUR).toFixed(3));
    case 'days':
      return Number((n / DAY).toFixed(3));
    case 'money':
      return n / 10 ** minorDigits(String(row.cells.currency ?? 'CNY'));
  }
}

/**
 * CSV of rows under a header row, by papaparse (quoting, line breaks inside cells), UTF-8 with a
 * byte-order mark so Excel opens Chinese text correctly.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return `\uFEFF${Papa.unparse({ fields: header, data: rows }, { newline: '\r\n' })}`;
}

export function tableCsv(table: Table): string {
  return toCsv(
    table.columns.map((c) => c.label),
    table.rows.map((row) => table.columns.map((c) => cellCsv(row.cells[c.key], kindOf(table, row, c.key), row))),
  );
}

/** Saves text as a file through a temporary link (no downloads permission needed). */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
