import type { ReactNode } from 'react';
import { Button, Card, cx } from '@muster/ui';
import { downloadCsv, toCsv, type CsvTable } from '../lib/insights-csv.js';

/**
 * One dashboard panel: a card with a title, the charts (each with its table beneath) and "Download CSV" of exactly
 * the numbers shown. The CSV is made in the browser from the answer already on screen.
 */
export function InsightsPanel({ id, title, description, csv, fileName, hiddenLabel, span = 12, children }: {
  id: string;
  title: ReactNode;
  description?: ReactNode;
  /** The panel's numbers; no download button when absent. */
  csv?: () => CsvTable;
  fileName?: string;
  hiddenLabel: string;
  span?: 4 | 6 | 8 | 12;
  children: ReactNode;
}) {
  return (
    <Card
      className={cx(`mu-span-${span}`, 'insights-panel')}
      data-testid={`panel-${id}`}
      title={title}
      description={description}
      actions={csv ? (
        <Button size="sm" variant="secondary" className="mu-no-print" data-testid={`csv-${id}`}
          onClick={() => downloadCsv(fileName ?? `${id}.csv`, toCsv(csv(), hiddenLabel))}>
          Download CSV
        </Button>
      ) : undefined}
    >
      {children}
    </Card>
  );
}
