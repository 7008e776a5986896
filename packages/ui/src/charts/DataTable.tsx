import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.js';
import { labelOf, total, wholePercentages, type Datum, type Series } from './chart-data.js';

/**
 * The numbers behind a one-series chart. Each row carries data-key and each count data-value (the raw number), so
 * tests read exactly what the API returned rather than a formatted string.
 */
export function DatumTable({ id, caption, keyHeader, valueHeader, data, showPercent, showTotal = true }: {
  id: string; caption: ReactNode; keyHeader: string; valueHeader: string; data: readonly Datum[]; showPercent?: boolean;
  /** Off when one thing can be counted in several rows (a member with two issues), where a sum would mislead. */
  showTotal?: boolean;
}) {
  const percents = showPercent ? wholePercentages(data.map((d) => d.value)) : [];
  return (
    <table className="mu-table mu-table--compact mu-table--static" data-testid={`chart-${id}-table`}>
      <caption className="mu-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col" className="mu-align-end">{valueHeader}</th>
          {showPercent ? <th scope="col" className="mu-align-end">Share</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.map((d, i) => (
          <tr key={d.key} data-testid="chart-row" data-key={d.key}>
            <th scope="row" data-label={keyHeader}>{labelOf(d)}</th>
            <td className="mu-align-end" data-label={valueHeader} data-testid="chart-value" data-value={d.value}>
              {formatNumber(d.value)}
            </td>
            {showPercent ? <td className="mu-align-end" data-label="Share">{percents[i]}%</td> : null}
          </tr>
        ))}
      </tbody>
      {showTotal && data.length > 1 ? (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="mu-align-end" data-testid="chart-total" data-value={total(data)}>{formatNumber(total(data))}</td>
            {showPercent ? <td className="mu-align-end">100%</td> : null}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/** The numbers behind a multi-series chart: one row per x value (data-key), one cell per series (data-series). */
export function SeriesTable({ id, caption, xHeader, xKey, series, rows, formatX = (x) => x }: {
  id: string; caption: ReactNode; xHeader: string; xKey: string; series: readonly Series[];
  rows: readonly Record<string, string | number>[]; formatX?: (x: string) => string;
}) {
  return (
    <table className="mu-table mu-table--compact mu-table--static" data-testid={`chart-${id}-table`}>
      <caption className="mu-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{xHeader}</th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="mu-align-end">{s.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[xKey])} data-testid="chart-row" data-key={String(r[xKey])}>
            <th scope="row" data-label={xHeader}>{formatX(String(r[xKey]))}</th>
            {series.map((s) => (
              <td key={s.key} className="mu-align-end" data-label={s.label} data-series={s.key} data-value={Number(r[s.key] ?? 0)}>
                {formatNumber(Number(r[s.key] ?? 0))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
