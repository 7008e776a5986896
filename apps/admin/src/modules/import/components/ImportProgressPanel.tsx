import { Button, DescriptionList, formatNumber } from '@muster/ui';
import { ProgressBar } from '../../../lib/ProgressBar';
import type { MemberImport } from '../graphql/import.graphql';
import { formatRate, formatTimeLeft, percentDone } from '../lib/import-progress';

/**
 * The live view of a running import (or dry run): the bar, rows done of the total, speed, rejects so far and time
 * left. The page polls memberImport every second while this shows.
 */
export function ImportProgressPanel({ memberImport, dryRun, onCancel, cancelling }: {
  memberImport: Pick<MemberImport, 'status' | 'progress' | 'rowsPerSecond' | 'secondsLeft'>;
  dryRun: boolean;
  onCancel?: () => void;
  cancelling?: boolean;
}) {
  const { progress } = memberImport;
  const queued = memberImport.status === 'QUEUED' || memberImport.status === 'DRY_RUN_QUEUED';
  const percent = percentDone(progress);
  const totalKnown = progress.total > 0;
  return (
    // No live region here: the figures change every second, which a screen reader would read out without end. The
    // bar is a progressbar (read on focus) and the finished states are announced by the page's notices.
    <div className="admin-import-progress" data-testid="import-progress" data-status={memberImport.status}>
      <ProgressBar
        testId="import-progress-bar"
        label={
          memberImport.status === 'CANCELLING'
            ? 'Cancelling: finishing the current batch…'
            : queued
              ? `${dryRun ? 'Dry run' : 'Import'} queued: starting shortly…`
              : `${dryRun ? 'Dry run' : 'Importing'}: ${totalKnown ? `${percent}%` : 'counting rows…'}`
        }
        value={totalKnown ? progress.done : null}
        max={progress.total}
        valueText={totalKnown ? `${formatNumber(progress.done)} of ${formatNumber(progress.total)} rows` : 'Starting'}
      />
      <DescriptionList
        items={[
          { term: 'Rows done', description: <span data-testid="progress-done" data-value={progress.done}>{formatNumber(progress.done)}{totalKnown ? ` of ${formatNumber(progress.total)}` : ''}</span> },
          { term: 'Speed', description: <span data-testid="progress-rate">{formatRate(memberImport.rowsPerSecond)}</span> },
          { term: dryRun ? 'Would be rejected so far' : 'Rejected so far', description: <span data-testid="progress-rejected" data-value={progress.rejected}>{formatNumber(progress.rejected)}</span> },
          { term: 'Time left', description: <span data-testid="progress-time-left">{formatTimeLeft(memberImport.secondsLeft, progress)}</span> },
        ]}
      />
      {onCancel ? (
        <div className="mu-form-actions">
          <Button variant="danger" onClick={onCancel} busy={cancelling} disabled={memberImport.status === 'CANCELLING'} data-testid="cancel-import">
            {dryRun ? 'Cancel dry run' : 'Cancel import'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
