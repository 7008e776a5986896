import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import {
  Badge, Card, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, SearchField, Skeleton, Table, buttonClass, formatDateTime, formatNumber,
  pluralise, toApiProblem, type Column,
} from '@muster/ui';
import { SEGMENTS_QUERY, type SegmentItem } from '../modules/segment/graphql/segment.graphql';

const PAGE_SIZE = 20;

/** The organisation's segments, newest first, with live member counts; search and page cursor live in the URL. */
export function SegmentsPage() {
  const { orgId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const after = search.get('after') ?? '';
  const page = Math.max(1, Number(search.get('page')) || 1);
  const caps = useCapabilities(orgId);
  const result = useQuery(SEGMENTS_QUERY, { variables: { organisationId: orgId, first: PAGE_SIZE, ...(after ? { after } : {}), ...(q ? { search: q } : {}) }, fetchPolicy: 'cache-and-network', errorPolicy: 'all' });
  // errorPolicy all: a count stopped as too slow (memberCount null) must not hide the list.
  const connection = result.data?.segments ?? result.previousData?.segments;
  const go = (next: Record<string, string>) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries({ q, ...next })) if (v) out.set(k, v);
    setSearch(out);
  };

  const columns: Column<SegmentItem>[] = [
    {
      key: 'name', header: 'Segment', primary: true,
      render: (s) => (
        <span>
          <Link to={`/orgs/${orgId}/segments/${s.id}`} data-testid="segment-link">{s.name}</Link>
          {s.description ? <span className="admin-muted"> — {s.description}</span> : null}
        </span>
      ),
    },
    {
      key: 'count', header: 'Members', align: 'end',
      render: (s) => <span data-testid="segment-count" data-value={s.memberCount ?? ''}>{s.memberCount === null ? 'Too slow to count' : formatNumber(s.memberCount)}</span>,
    },
    { key: 'kind', header: 'Kind', render: (s) => (s.frozenAt ? <Badge tone="info">Snapshot {formatDateTime(s.frozenAt)}</Badge> : <Badge tone="success">Live</Badge>) },
    { key: 'updated', header: 'Updated', render: (s) => formatDateTime(s.updatedAt), hideOnSmall: true },
    { key: 'by', header: 'Created by', render: (s) => s.createdBy, hideOnSmall: true },
  ];

  let body;
  if (result.error && !connection) {
    body = <ErrorState title="Could not load segments" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  } else if (!connection) {
    body = (
      <LoadingState label="Loading segments…">
        {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} width="60%" />)}
      </LoadingState>
    );
  } else if (connection.edges.length === 0) {
    body = q ? (
      <EmptyState title={`No segments match “${q}”`}>Try another name.</EmptyState>
    ) : (
      <EmptyState
        title="No segments yet"
        action={caps.can('segment:write') ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/segments/new`}>Build a segment</Link> : undefined}
      >
        A segment is a saved filter over members — the target for call lists, texts and exports.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <Table caption="Segments" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(s) => s.id} busy={result.loading} rowTestId="segment-row" />
        <Pagination
          hasPrevious={page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (page <= 2 ? go({}) : window.history.back())}
          onNext={() => go({ after: connection.pageInfo.endCursor ?? '', page: String(page + 1) })}
          pageSize={PAGE_SIZE}
          pageSizeOptions={[PAGE_SIZE]}
          summary={<span data-testid="segments-total">{pluralise(connection.totalCount, 'segment')}</span>}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Segments"
        description={connection ? `${formatNumber(connection.totalCount)} saved ${connection.totalCount === 1 ? 'filter' : 'filters'} over members` : undefined}
        actions={caps.can('segment:write') ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/segments/new`} data-testid="new-segment">New segment</Link> : undefined}
      />
      <div className="mu-stack">
        <Card>
          <SearchField value={q} onSearch={(value) => go({ q: value })} label="Search segments" placeholder="Search by name" />
        </Card>
        <Card>{body}</Card>
      </div>
    </>
  );
}
