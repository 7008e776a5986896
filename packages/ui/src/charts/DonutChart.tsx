import { Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.js';
import { ChartFrame, prefersReducedMotion } from './ChartFrame.js';
import { DatumTable } from './DataTable.js';
import { colourAt, describeData, labelOf, total, wholePercentages, type Datum } from './chart-data.js';

export interface DonutChartProps {
  id: string;
  title: ReactNode;
  titleText: string;
  description?: ReactNode;
  data: readonly Datum[];
  keyHeader?: string;
  valueHeader?: string;
  /** Fixed colours per key (e.g. status), so the same thing is always the same colour. */
  colours?: Record<string, string>;
  centreLabel?: string;
  height?: number;
  tableVisible?: boolean;
  totalValue?: number | null;
  hiddenLabel?: string;
}

export function DonutChart({
  id, title, titleText, description, data, keyHeader = 'Category', valueHeader = 'Count', colours = {}, centreLabel = 'Total',
  height = 240, tableVisible, totalValue, hiddenLabel = '<5',
}: DonutChartProps) {
  const sum = totalValue ?? total(data);
  // Suppressed slices are not drawn (their size is not known) and have no share in the legend.
  const shown = data.filter((d) => !d.suppressed);
  const percents = wholePercentages(shown.map((d) => d.value));
  // Pie reads each slice's colour from its datum's `fill` (Cell is deprecated in recharts 3).
  const rows = shown.map((d, i) => ({ name: labelOf(d), value: d.value, fill: colours[d.key] ?? colourAt(i) }));
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      summary={describeData(titleText, data, '', hiddenLabel)}
      height={height}
      tableVisible={tableVisible}
      table={<DatumTable id={id} caption={titleText} keyHeader={keyHeader} valueHeader={valueHeader} data={data} showPercent totalValue={totalValue} hiddenLabel={hiddenLabel} />}
    >
      <div className="mu-donut">
        <div className="mu-donut__plot">
          <ResponsiveContainer width="100%" height="100%">
            <PieChart>
              <Pie data={rows} dataKey="value" nameKey="name" innerRadius="62%" outerRadius="92%" paddingAngle={rows.length > 1 ? 1.5 : 0} stroke="var(--mu-surface)" isAnimationActive={!prefersReducedMotion()} />
              <Tooltip formatter={(v, name) => [formatNumber(Number(v)), String(name)]} />
            </PieChart>
          </ResponsiveContainer>
          <div className="mu-donut__centre" aria-hidden="true">
            <span className="mu-donut__total">{formatNumber(sum)}</span>
            <span className="mu-donut__centre-label">{centreLabel}</span>
          </div>
        </div>
        <ul className="mu-legend" aria-hidden="true">
          {rows.map((r, i) => (
            <li key={r.name} className="mu-legend__item">
              <span className="mu-legend__swatch" style={{ background: r.fill }} />
              <span className="mu-legend__label">{r.name}</span>
              <span className="mu-legend__value">{percents[i]}%</span>
            </li>
          ))}
        </ul>
      </div>
    </ChartFrame>
  );
}
