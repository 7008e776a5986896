import { Bar, BarChart as RBarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.js';
import { ChartFrame, prefersReducedMotion } from './ChartFrame.js';
import { DatumTable } from './DataTable.js';
import { colourAt, describeData, labelOf, type Datum } from './chart-data.js';

export interface BarChartProps {
  id: string;
  title: ReactNode;
  /** Plain-text title for the accessible summary. */
  titleText: string;
  description?: ReactNode;
  data: readonly Datum[];
  keyHeader?: string;
  valueHeader?: string;
  /** Horizontal bars suit long labels (regions, issues); vertical suit short ones. */
  orientation?: 'horizontal' | 'vertical';
  height?: number;
  colour?: string;
  tableVisible?: boolean;
  showPercent?: boolean;
  /** See DatumTable: off when rows overlap. */
  showTotal?: boolean;
  /** See DatumTable: the API's total, when some rows are suppressed or left out. */
  totalValue?: number | null;
  /** How a suppressed count reads ("<5"). */
  hiddenLabel?: string;
  /** Drill-down: clicking a bar or its row's label. */
  onSelect?: (d: Datum) => void;
  selectLabel?: (d: Datum) => string;
  selectable?: (d: Datum) => boolean;
}

export function BarChart({
  id, title, titleText, description, data, keyHeader = 'Category', valueHeader = 'Count', orientation = 'horizontal',
  height, colour = colourAt(0), tableVisible, showPercent, showTotal, totalValue, hiddenLabel = '<5', onSelect, selectLabel, selectable = () => true,
}: BarChartProps) {
  // A suppressed count is drawn as no bar: its size is not known, and a guess would mislead.
  const rows = data.map((d) => ({ name: labelOf(d), value: d.suppressed ? 0 : d.value, key: d.key }));
  const horizontal = orientation === 'horizontal';
  const plotHeight = height ?? (horizontal ? Math.max(160, rows.length * 34 + 40) : 280);
  const labelWidth = Math.min(180, Math.max(60, ...rows.map((r) => r.name.length * 7)));
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      summary={describeData(titleText, data, '', hiddenLabel)}
      height={plotHeight}
      tableVisible={tableVisible}
      table={<DatumTable id={id} caption={titleText} keyHeader={keyHeader} valueHeader={valueHeader} data={data} showPercent={showPercent} showTotal={showTotal}
        totalValue={totalValue} hiddenLabel={hiddenLabel} onSelect={onSelect} selectLabel={selectLabel} selectable={selectable} />}
    >
      <ResponsiveContainer width="100%" height="100%">
        <RBarChart data={rows} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} stroke="var(--mu-chart-grid)" />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={(v: number) => formatNumber(v)} stroke="var(--mu-chart-axis)" fontSize={12} allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={labelWidth} stroke="var(--mu-chart-axis)" fontSize={12} interval={0} />
            </>
          ) : (
            <>
              <XAxis type="category" dataKey="name" stroke="var(--mu-chart-axis)" fontSize={12} />
              <YAxis type="number" tickFormatter={(v: number) => formatNumber(v)} stroke="var(--mu-chart-axis)" fontSize={12} allowDecimals={false} />
            </>
          )}
          <Tooltip formatter={(v) => [formatNumber(Number(v)), valueHeader]} cursor={{ fill: 'var(--mu-chart-cursor)' }} />
          <Bar dataKey="value" name={valueHeader} fill={colour} radius={horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0]} isAnimationActive={!prefersReducedMotion()} maxBarSize={36}
            cursor={onSelect ? 'pointer' : undefined}
            onClick={onSelect ? (_entry: unknown, index: number) => { const d = data[index]; if (d && selectable(d)) onSelect(d); } : undefined} />
        </RBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
