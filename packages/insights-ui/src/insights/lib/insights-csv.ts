// Each panel's numbers as a CSV file made in the browser (RFC 4180: CRLF line ends, fields quoted when they hold a
// comma, quote or line break, quotes doubled). Text goes through the domain's csvEscape, which also defuses
// spreadsheet formulas in names a member typed (a region called "=HYPERLINK(…)"); numbers are written as numbers
// (csvEscape would turn -5 into '-5, which spreadsheets read as text). A suppressed count is written "<5", never a number.
import { csvEscape } from '@muster/domain';

export type CsvValue = string | number | null | undefined;
export type CsvCell = CsvValue | { suppressed: true };

export interface CsvTable {
  headers: readonly string[];
  rows: ReadonlyArray<readonly CsvCell[]>;
}

function field(value: CsvCell, hidden: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return csvEscape(hidden);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvEscape(value);
}

/** The CSV text of a table, ending with CRLF. `hidden` is how a suppressed count reads ("<5"). */
export function toCsv(table: CsvTable, hidden = '<5'): string {
  const lines = [table.headers.map((h) => field(h, hidden)), ...table.rows.map((r) => r.map((c) => field(c, hidden)))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

/** A count for a CSV cell: the number, or the suppressed marker. */
export function csvCount(count: number | null, suppressed = count === null): CsvCell {
  return suppressed ? { suppressed: true } : count;
}

/** "upsu-members-by-region-region-north.csv": lower-case, dashes, no path characters. */
export function csvFileName(...parts: readonly string[]): string {
  const slug = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-');
  return `${slug.slice(0, 120) || 'export'}.csv`;
}

/** Saves text as a file through a temporary object URL (no server round trip: the numbers are already on screen). */
export function downloadCsv(fileName: string, text: string): void {
  // A byte-order mark so spreadsheet programs read UTF-8 (names with accents) correctly.
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
