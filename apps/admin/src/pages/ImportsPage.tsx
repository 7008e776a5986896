import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import {
  Button, Callout, Card, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, SelectField, Table, formatDateTime, formatNumber, pluralise,
  toApiProblem, type Column,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import { ProgressBar } from '../lib/ProgressBar';
import { MEMBER_IMPORTS_QUERY, type MemberImportListItem } from '../modules/import/graphql/import.graphql';
import { ImportDropZone } from '../modules/import/components/ImportDropZone';
import { ImportStatusBadge } from '../modules/import/components/ImportStatusBadge';
import { ImportUploadError, uploadImportFile, type UploadProblem } from '../modules/import/lib/import-upload';
import { formatBytes, formatDuration, isActive, percentDone } from '../modules/import/lib/import-progress';
import {
  IMPORT_PAGE_SIZE, IMPORT_STATUS_FILTERS, parseImportListParams, toImportSearchParams, toImportsVariables, type ImportListParams, type ImportStatusFilter,
} from '../modules/import/lib/import-list-params';

const MAX_BYTES = 1024 ** 3;

/** Choose a file, watch it upload, then continue on the import's own page. */
function UploadCard({ orgId }: { orgId: string }) {
  const navigate = useNavigate();
  const [upload, setUpload] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (file: File) => {
    setProblem(null);
    if (file.size > MAX_BYTES) {
      setProblem({ message: `${file.name} is ${formatBytes(file.size)}; an import takes up to 1 GiB. Split the file and import the parts.`, code: 'FILE_TOO_LARGE', status: 0 });
      return;
    }
    if (file.size === 0) {
      setProblem({ message: `${file.name} is empty.`, code: 'FILE_EMPTY', status: 0 });
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setUpload({ name: file.name, loaded: 0, total: file.size });
    try {
      const { id } = await uploadImportFile({
        organisationId: orgId,
        file,
        signal: controller.signal,
        onProgress: (p) => setUpload({ name: file.name, loaded: p.loaded, total: p.total }),
      });
      navigate(`/orgs/${orgId}/imports/${id}`);
    } catch (error) {
      if (error instanceof ImportUploadError) {
        if (error.problem.code !== 'UPLOAD_CANCELLED') setProblem(error.problem);
      } else setProblem({ message: String(error), code: 'UPLOAD_FAILED', status: 0 });
      setUpload(null);
    } finally {
      abort.current = null;
    }
  };

  return (
    <Card title="Upload a CSV" description="Muster reads the file, detects its format and suggests where each column goes. Nothing is imported until you say so.">
      <div className="mu-stack">
        {problem ? (
          <Callout tone="danger" title="The file was not uploaded">
            <span data-testid="upload-error" data-code={problem.code}>
              {problem.message} <span className="admin-muted">(error code {problem.code}{problem.requestId ? `, request id ${problem.requestId}` : ''})</span>
            </span>
          </Callout>
        ) : null}
        {upload ? (
          <div className="mu-stack" data-testid="upload-progress">
            <ProgressBar
              testId="upload-progress-bar"
              label={upload.loaded >= upload.total ? `Reading ${upload.name}…` : `Uploading ${upload.name}`}
              value={upload.loaded}
              max={upload.total}
              valueText={`${formatBytes(upload.loaded)} of ${formatBytes(upload.total)}`}
            />
            <p className="admin-muted">
              {formatBytes(upload.loaded)} of {formatBytes(upload.total)} ({percentDone({ done: upload.loaded, total: upload.total })}%)
            </p>
            <div>
              <Button onClick={() => abort.current?.abort()} data-testid="cancel-upload">
                Cancel upload
              </Button>
            </div>
          </div>
        ) : (
          <ImportDropZone onFile={(f) => void start(f)} />
        )}
      </div>
    </Card>
  );
}

function rowsCell(m: MemberImportListItem) {
  const counts = m.status === 'DRY_RUN_DONE' && m.dryRun ? m.dryRun : m.progress;
  if (!counts.total) return '—';
  return counts.done < counts.total && isActive(m.status) ? `${formatNumber(counts.done)} of ${formatNumber(counts.total)}` : formatNumber(counts.total);
}

function History({ orgId }: { orgId: string }) {
  const [search, setSearch] = useSearchParams();
  const params = parseImportListParams(search);
  // The cursors of the pages before this one, so Previous goes back without the API paging backwards.
  const [cursors, setCursors] = useState<string[]>([]);
  const go = (next: ImportListParams) => setSearch(toImportSearchParams(next));
  const result = useQuery(MEMBER_IMPORTS_QUERY, { variables: toImportsVariables(orgId, params), fetchPolicy: 'cache-and-network' });
  const connection = result.data?.memberImports ?? result.previousData?.memberImports;
  const anyActive = connection?.edges.some((e) => isActive(e.node.status)) ?? false;
  const { startPolling, stopPolling } = result;
  useEffect(() => {
    if (anyActive) startPolling(5000);
    else stopPolling();
    return () => stopPolling();
  }, [anyActive, startPolling, stopPolling]);

  const columns: Column<MemberImportListItem>[] = [
    {
      key: 'file', header: 'File', label: 'File', primary: true,
      render: (m) => (
        <Link to={`/orgs/${orgId}/imports/${m.id}`} data-testid="import-link">
          {m.fileName}
        </Link>
      ),
    },
    { key: 'status', header: 'Status', label: 'Status', render: (m) => <ImportStatusBadge status={m.status} /> },
    { key: 'rows', header: 'Rows', label: 'Rows', align: 'end', render: (m) => rowsCell(m) },
    {
      key: 'outcome', header: 'New / updated / rejected', label: 'New / updated / rejected', align: 'end',
      render: (m) =>
        m.status === 'COMPLETED' || m.status === 'CANCELLED' || m.status === 'RUNNING'
          ? `${formatNumber(m.progress.created)} / ${formatNumber(m.progress.updated)} / ${formatNumber(m.progress.rejected)}`
          : '—',
    },
    { key: 'by', header: 'Run by', label: 'Run by', hideOnSmall: true, render: (m) => m.createdBy },
    { key: 'at', header: 'Uploaded', label: 'Uploaded', render: (m) => formatDateTime(m.createdAt) },
    { key: 'duration', header: 'Duration', label: 'Duration', hideOnSmall: true, render: (m) => formatDuration(m.durationSeconds) },
  ];

  let body;
  if (result.error && !connection) body = <ErrorState title="Could not load the import history" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  else if (!connection) body = <LoadingState label="Loading imports…" />;
  else if (!connection.edges.length) {
    body = params.status ? (
      <EmptyState
        title={`No ${IMPORT_STATUS_FILTERS[params.status].label.toLowerCase()} imports`}
        action={<Button onClick={() => go({ status: '', after: '', page: 1 })}>Show all imports</Button>}
      />
    ) : (
      <EmptyState title="No imports yet">Upload a CSV above; each import and its report stays here.</EmptyState>
    );
  } else {
    const first = (params.page - 1) * IMPORT_PAGE_SIZE + 1;
    body = (
      <>
        <Table caption="Import history" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(m) => m.id} busy={result.loading} testId="imports-table" rowTestId="import-row" />
        <Pagination
          label="Import history pages"
          pageSize={IMPORT_PAGE_SIZE}
          hasPrevious={params.page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => {
            // A deep link has no stack: Previous then starts again at the first page.
            const previous = cursors.at(-1);
            setCursors(cursors.slice(0, -1));
            go({ ...params, after: previous ?? '', page: previous ? params.page - 1 : 1 });
          }}
          onNext={() => {
            setCursors([...cursors, params.after]);
            go({ ...params, after: connection.pageInfo.endCursor ?? '', page: params.page + 1 });
          }}
          summary={
            <span data-testid="imports-range">
              {formatNumber(first)}–{formatNumber(first + connection.edges.length - 1)} of {pluralise(connection.totalCount, 'import')}
            </span>
          }
        />
      </>
    );
  }

  return (
    <Card
      title="History"
      actions={
        <SelectField
          label="Show"
          placeholder="All imports"
          options={Object.entries(IMPORT_STATUS_FILTERS).map(([value, f]) => ({ value, label: f.label }))}
          value={params.status}
          onChange={(e) => {
            setCursors([]);
            go({ status: e.target.value as ImportStatusFilter | '', after: '', page: 1 });
          }}
          data-testid="imports-status-filter"
        />
      }
    >
      {body}
    </Card>
  );
}

export function ImportsPage() {
  const { orgId = '' } = useParams();
  return (
    <>
      <PageHeader title="Imports" description="Bring members in from a CSV export of another system: map, dry run, then import." />
      <RequireCapability organisationId={orgId} capability="member:import" what="import members">
        <div className="mu-stack">
          <UploadCard orgId={orgId} />
          <History orgId={orgId} />
        </div>
      </RequireCapability>
    </>
  );
}
