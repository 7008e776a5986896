// Pure helpers behind the charts: kept apart from recharts so the numbers people read (labels, percentages, the
// accessible summary) are tested without a browser.
import { formatNumber } from '../lib/format.js';

export interface Datum {
  key: string;
  /** What people read; defaults to the key. */
  label?: string;
  /** The count drawn; 0 when suppressed. */
  value: number;
  /**
   * A small count the API withheld (1 ≤ n < the organisation's threshold, so it could identify a person): drawn as
   * nothing, shown as "<5", left out of totals and shares.
   */
  suppressed?: boolean;
}

/** How a withheld small count reads: "<5" for a threshold of 5. */
export function suppressedLabel(threshold: number): string {
  return `<${threshold}`;
}

/** A count as people read it, or the suppressed label. */
export function formatCount(value: number | null | undefined, suppressed: boolean | undefined, hidden = '<5'): string {
  return suppressed ? hidden : formatNumber(value);
}

/** One x value of a multi-series chart; a series' value is null when the API suppressed it. */
export type SeriesRow = Record<string, string | number | null>;

export interface Series {
  key: string;
  label: string;
  color?: string;
}

/** Colour-blind-safe palette (after Okabe–Ito), in the order charts use it. */
export const CHART_COLOURS = ['#3147c4', '#0f8a7e', '#d97706', '#c0392b', '#7c4dcc', '#2b8fd6', '#8a6d3b', '#5b6472'];

export function colourAt(index: number): string {
  return CHART_COLOURS[index % CHART_COLOURS.length];
}

export function labelOf(d: Datum): string {
  return d.label ?? d.key;
}

/** The sum of the counts shown (suppressed ones are not known, so they are not in it). */
export function total(data: readonly Datum[]): number {
  return data.reduce((sum, d) => sum + (d.suppressed ? 0 : d.value), 0);
}

/**
 * Whole-number percentages that add up to exactly 100 (largest-remainder method), so a legend never shows
 * 33% + 33% + 33%. All zeros stay zeros.
 */
export function wholePercentages(values: readonly number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) return values.map(() => 0);
  const raw = values.map((v) => (v / sum) * 100);
  const floors = raw.map(Math.floor);
  let remaining = 100 - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i] += 1;
    remaining -= 1;
  }
  return floors;
}

/** One sentence a screen reader can read instead of the picture. */
export function describeData(title: string, data: readonly Datum[], unit = '', hidden = '<5'): string {
  if (data.length === 0) return `${title}: no data.`;
  const parts = data.map((d) => `${labelOf(d)} ${d.suppressed ? `fewer than ${hidden.slice(1)}` : formatNumber(d.value)}${unit ? ` ${unit}` : ''}`);
  return `${title}: ${parts.join(', ')}.`;
}

export function describeSeries(
  title: string,
  rows: readonly SeriesRow[],
  xKey: string,
  series: readonly Series[],
  formatX: (x: string) => string = (x) => x,
): string {
  if (rows.length === 0) return `${title}: no data.`;
  const totals = series.map((s) => `${s.label} ${formatNumber(rows.reduce((sum, r) => sum + Number(r[s.key] ?? 0), 0))}`);
  // A suppressed cell is null and counts as 0 here: the summary is "in total at least", like the table's blanks.
  const first = formatX(String(rows[0][xKey]));
  const last = formatX(String(rows[rows.length - 1][xKey]));
  return `${title}, ${first} to ${last}: in total ${totals.join(', ')}.`;
}
