import { Badge } from '@muster/ui';
import type { ImportStatus } from '../graphql/import.graphql';
import { STATUS_LABEL, STATUS_TONE } from '../lib/import-labels';

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return (
    <span data-testid="import-status" data-value={status}>
      <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status] ?? status}</Badge>
    </span>
  );
}
