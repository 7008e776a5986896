import { Area, AreaChart, Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReactElement, ReactNode } from 'react';
import { formatMonth, formatNumber } from '../lib/format.js';
import { ChartFrame, prefersReducedMotion } from './ChartFrame.js';
import { SeriesTable } from './DataTable.js';
import { colourAt, describeSeries, type Series, type SeriesRow } from './chart-data.js';

export interface TimeSeriesChartProps {
  id: string;
  title: ReactNode;
  titleText: string;
  description?: ReactNode;
  /** A series' value is null where the API suppressed it: no bar or point is drawn there. */
  rows: readonly SeriesRow[];
  xKey: string;
  xHeader?: string;
  series: readonly Series[];
  /** line: trends; area: volumes; bars: counts per period (each series side by side). */
  kind?: 'line' | 'area' | 'bars';
  /** A series drawn as a line over the bars (e.g. net change). */
  lineSeries?: Series;
  formatX?: (x: string) => string;
  height?: number;
  tableVisible?: boolean;
  hiddenLabel?: string;
}

function axisProps(formatX: (x: string) => string, xKey: string) {
  return {
    x: <XAxis dataKey={xKey} tickFormatter={(v: string) => formatX(String(v))} stroke="var(--mu-chart-axis)" fontSize={12} minTickGap={16} />,
    y: <YAxis tickFormatter={(v: number) => formatNumber(v)} stroke="var(--mu-chart-axis)" fontSize={12} allowDecimals={false} width={56} />,
  };
}

export function TimeSeriesChart({
  id, title, titleText, description, rows, xKey, xHeader = 'Month', series, kind = 'line', lineSeries, formatX = formatMonth, height = 300, tableVisible, hiddenLabel = '<5',
}: TimeSeriesChartProps) {
  const animate = !prefersReducedMotion();
  const coloured = series.map((s, i) => ({ ...s, color: s.color ?? colourAt(i) }));
  const allSeries = lineSeries ? [...coloured, { ...lineSeries, color: lineSeries.color ?? colourAt(coloured.length) }] : coloured;
  const { x, y } = axisProps(formatX, xKey);
  const common = { data: rows as SeriesRow[], margin: { top: 8, right: 16, bottom: 4, left: 0 } };
  const grid = <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mu-chart-grid)" />;
  const tooltip = <Tooltip labelFormatter={(v) => formatX(String(v))} formatter={(v, name) => [formatNumber(Number(v)), String(name)]} />;
  const legend = <Legend iconType="circle" wrapperStyle={{ fontSize: 13 }} />;

  let chart: ReactNode;
  if (kind === 'area') {
    chart = (
      <AreaChart {...common}>
        {grid}{x}{y}{tooltip}{legend}
        {coloured.map((s) => (
          <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} fill={s.color} fillOpacity={0.15} strokeWidth={2} isAnimationActive={animate} />
        ))}
      </AreaChart>
    );
  } else if (kind === 'bars') {
    chart = (
      <ComposedChart {...common}>
        {grid}{x}{y}{tooltip}{legend}
        {coloured.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={animate} maxBarSize={18} />
        ))}
        {lineSeries ? (
          <Line type="linear" dataKey={lineSeries.key} name={lineSeries.label} stroke={allSeries[allSeries.length - 1].color} strokeWidth={2} dot={false} isAnimationActive={animate} />
        ) : null}
      </ComposedChart>
    );
  } else {
    chart = (
      <LineChart {...common}>
        {grid}{x}{y}{tooltip}{legend}
        {coloured.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={animate} />
        ))}
      </LineChart>
    );
  }

  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      summary={describeSeries(titleText, rows, xKey, allSeries, formatX)}
      height={height}
      tableVisible={tableVisible}
      table={<SeriesTable id={id} caption={titleText} xHeader={xHeader} xKey={xKey} series={allSeries} rows={rows} formatX={formatX} hiddenLabel={hiddenLabel} />}
    >
      <ResponsiveContainer width="100%" height="100%">
        {chart as ReactElement}
      </ResponsiveContainer>
    </ChartFrame>
  );
}

