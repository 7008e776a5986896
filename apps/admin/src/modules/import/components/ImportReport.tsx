import { Callout, DescriptionList, formatDateTime, formatNumber } from '@muster/ui';
import type { MemberImport } from '../graphql/import.graphql';
import { delimiterLabel, encodingLabel } from '../lib/import-labels';
import { formatBytes, formatDuration, formatRate } from '../lib/import-progress';
import { ImportCountsGrid } from './ImportCounts';
import { ImportStatusBadge } from './ImportStatusBadge';
import { SessionDownloadLink } from '../../../lib/SessionDownloadLink';

/** What a finished import did: counts, how long it took, who ran it, and its rejected rows. Kept in the history. */
export function ImportReport({ memberImport }: { memberImport: MemberImport }) {
  const m = memberImport;
  return (
    <div className="mu-stack" data-testid="import-report">
      {m.status === 'FAILED' ? (
        <Callout tone="danger" title="The import failed">
          {m.error ?? 'No reason was recorded.'} Rows before the failure were committed in whole batches; resuming finishes the job without
          duplicating anyone.
        </Callout>
      ) : null}
      {m.status === 'CANCELLED' ? (
        <Callout tone="warning" title="The import was cancelled">
          {formatNumber(m.progress.done)} of {formatNumber(m.progress.total)} rows were processed before it stopped; those changes are kept. Resume
          it to import the rest.
        </Callout>
      ) : null}
      <ImportCountsGrid counts={m.progress} testId="report-counts" />
      <DescriptionList
        items={[
          { term: 'Status', description: <ImportStatusBadge status={m.status} /> },
          { term: 'Rows', description: <span data-testid="report-rows">{formatNumber(m.progress.done)} of {formatNumber(m.progress.total)}</span> },
          { term: 'Run by', description: <span data-testid="report-created-by">{m.createdBy}</span> },
          { term: 'Started', description: m.startedAt ? formatDateTime(m.startedAt) : '—' },
          { term: 'Finished', description: m.finishedAt ? formatDateTime(m.finishedAt) : '—' },
          { term: 'Duration', description: <span data-testid="report-duration">{formatDuration(m.durationSeconds)}</span> },
          { term: 'Average speed', description: formatRate(m.durationSeconds && m.durationSeconds > 0 ? m.progress.done / m.durationSeconds : m.rowsPerSecond) },
          { term: 'File', description: `${m.fileName} (${formatBytes(m.byteSize)}, ${encodingLabel(m.encoding)}, ${delimiterLabel(m.delimiter).toLowerCase()} separated)` },
        ]}
      />
      {m.rejectsUrl ? (
        <p>
          <SessionDownloadLink className="mu-btn mu-btn--secondary admin-wrap-btn" href={m.rejectsUrl} fallbackName="rejects.csv" testId="report-rejects-download">
            Download the {formatNumber(m.progress.rejected)} rejected rows (CSV, with a reason for each)
          </SessionDownloadLink>
        </p>
      ) : null}
    </div>
  );
}
