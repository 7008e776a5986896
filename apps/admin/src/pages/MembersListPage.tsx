import { Link, useLocation, useParams } from 'react-router-dom';
import {
  Button, Card, EmptyState, ErrorState, LoadingState, PageHeader, Pagination, SearchField, SelectField, Skeleton, buttonClass,
  formatNumber, pluralise, toApiProblem,
} from '@muster/ui';
import { MemberFilters } from '../modules/member/components/MemberFilters';
import { MemberTable } from '../modules/member/components/MemberTable';
import { useMemberListParams } from '../modules/member/hooks/useMemberListParams';
import { useMembers, useRegionOptions } from '../modules/member/hooks/useMembers';
import { clearFilters, hasFilters, PAGE_SIZES } from '../modules/member/lib/member-list-params';
import { memberExportUrl } from '../modules/member/lib/member-export';
import type { MemberOrderField, SortDirection } from '../modules/member/graphql/member.graphql';
import { useCapabilities } from '@muster/access-ui';
import { useQuery } from '@apollo/client/react';
import { SEGMENT_OPTIONS_QUERY } from '../modules/segment/graphql/segment.graphql';

const SORT_OPTIONS: Array<{ value: string; label: string }> = [
  { value: 'LAST_NAME:ASC', label: 'Last name, A–Z' },
  { value: 'LAST_NAME:DESC', label: 'Last name, Z–A' },
  { value: 'FIRST_NAME:ASC', label: 'First name, A–Z' },
  { value: 'JOINED_ON:DESC', label: 'Joined, newest first' },
  { value: 'JOINED_ON:ASC', label: 'Joined, oldest first' },
  { value: 'CREATED_AT:DESC', label: 'Added, newest first' },
  { value: 'MEMBERSHIP_NUMBER:ASC', label: 'Membership number' },
];

function TableSkeleton() {
  return (
    <LoadingState label="Loading members…">
      <div className="admin-skeleton-table">
        {Array.from({ length: 8 }, (_, i) => (
          <div className="admin-skeleton-row" key={i}>
            <Skeleton width="28%" />
            <Skeleton width="12%" />
            <Skeleton width="18%" />
            <Skeleton width="22%" />
          </div>
        ))}
      </div>
    </LoadingState>
  );
}

export function MembersListPage() {
  const { orgId = '' } = useParams();
  const location = useLocation();
  const { params, update, replace } = useMemberListParams();
  const { connection, loading, error, refetch, stale } = useMembers(orgId, params);
  const regions = useRegionOptions(orgId);
  const filtered = hasFilters(params);
  // Hidden, not enforced, here: the API refuses what the role cannot do.
  const caps = useCapabilities(orgId);
  const canWrite = caps.can('member:write');
  const canExport = caps.can('member:export');
  const isVolunteer = caps.role === 'VOLUNTEER';
  const canReadSegments = caps.can('segment:read');
  const segmentOptions = useQuery(SEGMENT_OPTIONS_QUERY, { variables: { organisationId: orgId }, skip: !canReadSegments });
  const segments = (segmentOptions.data?.segments.edges ?? []).map((e) => e.node);
  const segmentNames = Object.fromEntries(segments.map((s) => [s.id, s.name]));

  const sortValue = `${params.sort}:${params.dir}`;
  const sortOptions = SORT_OPTIONS.some((o) => o.value === sortValue)
    ? SORT_OPTIONS
    : [...SORT_OPTIONS, { value: sortValue, label: `${params.sort} ${params.dir}` }];

  let body;
  if (error && !stale) {
    body = <ErrorState title="Could not load members" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  } else if (!connection) {
    body = <TableSkeleton />;
  } else if (connection.edges.length === 0) {
    body = filtered ? (
      <EmptyState
        title="No members match these filters"
        action={<Button variant="primary" onClick={() => replace(clearFilters(params))} data-testid="empty-clear-filters">Clear filters</Button>}
      >
        Try a shorter search, or remove a filter.
      </EmptyState>
    ) : (
      <EmptyState title={isVolunteer ? 'No contacts assigned to you yet' : 'No members yet'} action={canWrite ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/members/new`}>Add a member</Link> : undefined}>
        {isVolunteer ? 'When an organiser assigns members to you, they appear here.' : 'Members added or imported for this organisation will appear here.'}
      </EmptyState>
    );
  } else {
    const firstRow = (params.page - 1) * params.size + 1;
    const lastRow = firstRow + connection.edges.length - 1;
    body = (
      <>
        <MemberTable
          organisationId={orgId}
          members={connection.edges.map((e) => e.node)}
          sort={{ field: params.sort, direction: params.dir }}
          onSort={(s) => update({ sort: s.field, dir: s.direction })}
          busy={stale}
          returnTo={location.search}
        />
        <Pagination
          hasPrevious={connection.pageInfo.hasPreviousPage || params.page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() =>
            params.page <= 2
              ? update({ after: '', before: '', page: 1 })
              : update({ before: connection.pageInfo.startCursor ?? '', after: '', page: params.page - 1 })
          }
          onNext={() => update({ after: connection.pageInfo.endCursor ?? '', before: '', page: params.page + 1 })}
          pageSize={params.size}
          pageSizeOptions={PAGE_SIZES}
          onPageSizeChange={(size) => update({ size })}
          summary={
            <span data-testid="members-range">
              {formatNumber(firstRow)}–{formatNumber(lastRow)} of {formatNumber(connection.totalCount)}
            </span>
          }
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={isVolunteer ? 'My contacts' : 'Members'}
        description={
          connection ? (
            <span data-testid="members-total" data-value={connection.totalCount}>
              {pluralise(connection.totalCount, isVolunteer ? 'contact' : 'member')}
              {filtered ? ' match these filters' : ''}
            </span>
          ) : loading ? (
            'Loading…'
          ) : undefined
        }
        actions={
          canWrite || canExport ? (
            <>
              {canExport ? (
                // A plain link, not a fetch: the browser streams the file to disk, however many rows match.
                <a
                  className={buttonClass('secondary')}
                  href={memberExportUrl(orgId, params)}
                  download
                  data-testid="export-csv"
                  aria-label={filtered ? 'Export the members matching these filters as CSV' : 'Export all members as CSV'}
                >
                  Export CSV
                </a>
              ) : null}
              {canWrite ? (
                <Link className={buttonClass('primary')} to={`/orgs/${orgId}/members/new`} data-testid="add-member">
                  Add member
                </Link>
              ) : null}
            </>
          ) : undefined
        }
      />
      <div className="mu-stack">
        <Card className="admin-toolbar">
          <div className="admin-toolbar__top">
            <SearchField value={params.q} onSearch={(q) => update({ q })} label="Search members" placeholder="Search by name, email or phone" />
            {canReadSegments ? (
              <SelectField
                label="Segment"
                fieldClassName="admin-sort"
                placeholder="All members"
                options={[...segments.map((s) => ({ value: s.id, label: s.name })), ...(params.segment && !segmentNames[params.segment] ? [{ value: params.segment, label: 'Selected segment' }] : [])]}
                value={params.segment}
                data-testid="segment-picker"
                onChange={(e) => update({ segment: e.target.value })}
              />
            ) : null}
            <SelectField
              label="Sort by"
              fieldClassName="admin-sort"
              options={sortOptions}
              value={sortValue}
              data-testid="sort"
              onChange={(e) => {
                const [sort, dir] = e.target.value.split(':') as [MemberOrderField, SortDirection];
                update({ sort, dir });
              }}
            />
          </div>
          <MemberFilters params={params} regions={regions} onChange={update} onReplace={replace} segmentNames={segmentNames} />
        </Card>
        <Card>{body}</Card>
      </div>
    </>
  );
}
