import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.js';
import { formatCount, labelOf, total, wholePercentages, type Datum, type Series, type SeriesRow } from './chart-data.js';

/**
 * The numbers behind a one-series chart. Each row carries data-key and each count data-value (the raw number), so
 * tests read exactly what the API returned rather than a formatted string. A suppressed count has no data-value
 * (the number is not known to the browser) but data-suppressed="true" and reads as `hiddenLabel` ("<5").
 */
export function DatumTable({
  id, caption, keyHeader, valueHeader, data, showPercent, showTotal = true, totalValue, hiddenLabel = '<5', onSelect, selectLabel, selectable = () => true,
}: {
  id: string; caption: ReactNode; keyHeader: string; valueHeader: string; data: readonly Datum[]; showPercent?: boolean;
  /** Off when one thing can be counted in several rows (a member with two issues), where a sum would mislead. */
  showTotal?: boolean;
  /** The total to print when it is known better than the sum of the rows (the API's, which includes suppressed rows). */
  totalValue?: number | null;
  hiddenLabel?: string;
  /** Drill-down: each row's label becomes a button (data-testid="chart-drill"). */
  onSelect?: (d: Datum) => void;
  /** Accessible name of the drill-down button for a row, e.g. "Show only North". */
  selectLabel?: (d: Datum) => string;
  /** Which rows can be drilled into (not "Other" or "Unknown"); all when absent. */
  selectable?: (d: Datum) => boolean;
}) {
  const percents = showPercent ? wholePercentages(data.map((d) => (d.suppressed ? 0 : d.value))) : [];
  const sum = totalValue ?? total(data);
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
            <th scope="row" data-label={keyHeader}>
              {onSelect && selectable(d) ? (
                <button type="button" className="mu-link-button" data-testid="chart-drill" aria-label={selectLabel?.(d)} onClick={() => onSelect(d)}>
                  {labelOf(d)}
                </button>
              ) : labelOf(d)}
            </th>
            {d.suppressed ? (
              <td className="mu-align-end" data-label={valueHeader} data-testid="chart-value" data-suppressed="true" title={`Fewer than ${hiddenLabel.slice(1)}: withheld so no one can be identified`}>
                {hiddenLabel}
              </td>
            ) : (
              <td className="mu-align-end" data-label={valueHeader} data-testid="chart-value" data-value={d.value}>
                {formatNumber(d.value)}
              </td>
            )}
            {showPercent ? <td className="mu-align-end" data-label="Share">{d.suppressed ? '–' : `${percents[i]}%`}</td> : null}
          </tr>
        ))}
      </tbody>
      {showTotal && data.length > 1 ? (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="mu-align-end" data-testid="chart-total" data-value={sum}>{formatNumber(sum)}</td>
            {showPercent ? <td className="mu-align-end">100%</td> : null}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/**
 * The numbers behind a multi-series chart: one row per x value (data-key), one cell per series (data-series). A null
 * value is a suppressed count: data-suppressed="true", no data-value, read as `hiddenLabel`.
 */
export function SeriesTable({ id, caption, xHeader, xKey, series, rows, formatX = (x) => x, hiddenLabel = '<5' }: {
  id: string; caption: ReactNode; xHeader: string; xKey: string; series: readonly Series[];
  rows: readonly SeriesRow[]; formatX?: (x: string) => string; hiddenLabel?: string;
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
            {series.map((s) => {
              const v = r[s.key];
              return v === null ? (
                <td key={s.key} className="mu-align-end" data-label={s.label} data-series={s.key} data-suppressed="true">{hiddenLabel}</td>
              ) : (
                <td key={s.key} className="mu-align-end" data-label={s.label} data-series={s.key} data-value={Number(v ?? 0)}>
                  {formatCount(Number(v ?? 0), false)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
