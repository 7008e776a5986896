import type { ReactNode } from 'react';
import { cx } from '../lib/classnames.js';

export type SortDirection = 'ASC' | 'DESC';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** Plain-text header used as the card label on small screens. */
  label?: string;
  render: (row: Row) => ReactNode;
  /** The sort field this column sorts by, if it is sortable. */
  sortField?: string;
  align?: 'start' | 'end';
  /** The column that titles a card on small screens. */
  primary?: boolean;
  /** Hidden on small screens to keep cards short. */
  hideOnSmall?: boolean;
}

export interface TableSort {
  field: string;
  direction: SortDirection;
}

export interface TableProps<Row> {
  caption: ReactNode;
  captionHidden?: boolean;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort?: TableSort;
  onSort?: (sort: TableSort) => void;
  /** Dims the rows while a new page loads, keeping the old ones in place so the page does not jump. */
  busy?: boolean;
  testId?: string;
  rowTestId?: string;
}

/** Next sort when a header is pressed: a new column starts ascending, the same column flips. */
export function nextSort(current: TableSort | undefined, field: string): TableSort {
  if (current?.field === field) return { field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' };
  return { field, direction: 'ASC' };
}

function ariaSort(sort: TableSort | undefined, field: string | undefined): 'ascending' | 'descending' | 'none' | undefined {
  if (!field) return undefined;
  if (sort?.field !== field) return 'none';
  return sort.direction === 'ASC' ? 'ascending' : 'descending';
}

/** A data table that becomes a list of cards on small screens (the CSS reads each cell's data-label). */
export function Table<Row>({ caption, captionHidden, columns, rows, rowKey, sort, onSort, busy, testId, rowTestId }: TableProps<Row>) {
  return (
    <div className={cx('mu-table-wrap', busy && 'mu-table-wrap--busy')} aria-busy={busy || undefined}>
      <table className="mu-table" data-testid={testId}>
        <caption className={captionHidden ? 'mu-visually-hidden' : 'mu-table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={ariaSort(sort, c.sortField)}
                className={cx(c.align === 'end' && 'mu-align-end', c.hideOnSmall && 'mu-hide-small')}
              >
                {c.sortField && onSort ? (
                  <button type="button" className="mu-table__sort" onClick={() => onSort(nextSort(sort, c.sortField!))}>
                    {c.header}
                    <span className="mu-table__sort-icon" aria-hidden="true">
                      {sort?.field === c.sortField ? (sort.direction === 'ASC' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-label={c.label ?? (typeof c.header === 'string' ? c.header : c.key)}
                  data-column={c.key}
                  className={cx(c.align === 'end' && 'mu-align-end', c.primary && 'mu-table__primary', c.hideOnSmall && 'mu-hide-small')}
                >
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
