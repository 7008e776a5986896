import type { ReactNode } from 'react';
import { Button } from './Button.js';

export interface PaginationProps {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizeOptions?: readonly number[];
  onPageSizeChange?: (size: number) => void;
  /** e.g. "1,234 members"; shown beside the controls. */
  summary?: ReactNode;
  label?: string;
}

export function Pagination({
  hasPrevious, hasNext, onPrevious, onNext, pageSize, pageSizeOptions = [25, 50, 100, 200], onPageSizeChange, summary, label = 'Pages',
}: PaginationProps) {
  return (
    <nav className="mu-pagination" aria-label={label}>
      <div className="mu-pagination__summary" aria-live="polite">{summary}</div>
      <div className="mu-pagination__controls">
        {onPageSizeChange ? (
          <label className="mu-pagination__size">
            <span>Rows per page</span>
            <select className="mu-input mu-select mu-input--sm" value={pageSize} onChange={(e) => onPageSizeChange(Number(e.target.value))}>
              {pageSizeOptions.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button size="sm" onClick={onPrevious} disabled={!hasPrevious} data-testid="page-previous">
          ← Previous
        </Button>
        <Button size="sm" onClick={onNext} disabled={!hasNext} data-testid="page-next">
          Next →
        </Button>
      </div>
    </nav>
  );
}
