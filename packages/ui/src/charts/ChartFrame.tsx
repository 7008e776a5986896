import type { ReactNode } from 'react';
import { cx } from '../lib/classnames.js';

export interface ChartFrameProps {
  /** Stable id: the figure gets data-testid="chart-<id>", its table "chart-<id>-table". */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  /** One sentence that says what the picture shows, read instead of it by screen readers. */
  summary: string;
  /** The numbers as a table: shown beneath the chart, or kept for screen readers and tests only. */
  table: ReactNode;
  tableVisible?: boolean;
  height: number;
  children: ReactNode;
  className?: string;
}

export function ChartFrame({ id, title, description, summary, table, tableVisible = true, height, children, className }: ChartFrameProps) {
  return (
    <figure className={cx('mu-chart', className)} data-testid={`chart-${id}`}>
      <figcaption className="mu-chart__caption">
        <span className="mu-chart__title">{title}</span>
        {description ? <span className="mu-chart__description">{description}</span> : null}
      </figcaption>
      <div className="mu-chart__plot" role="img" aria-label={summary} style={{ height }}>
        {children}
      </div>
      <div className={tableVisible ? 'mu-chart__table' : 'mu-visually-hidden'}>{table}</div>
    </figure>
  );
}

/** True when the person asked for less motion (and always outside a browser). */
export function prefersReducedMotion(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return true;
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
