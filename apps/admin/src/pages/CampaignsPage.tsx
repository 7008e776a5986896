import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import {
  Card, EmptyState, ErrorState, FilterBar, FilterChip, LoadingState, PageHeader, Pagination, SearchField, Skeleton, Table, buttonClass, formatDate,
  formatDateTime, formatNumber, pluralise, toApiProblem, type Column,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import { CAMPAIGNS_QUERY, type CampaignListItem } from '../modules/campaign/graphql/campaign.graphql';
import { CampaignStatusBadge } from '../modules/campaign/components/CampaignStatusBadge';
import { CheckboxGroup } from '../modules/campaign/components/CheckboxGroup';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS, RESPONSE_CHANNEL_LABELS, options } from '../modules/campaign/lib/campaign-labels';
import { nextParams, pageOf, readList } from '../modules/campaign/lib/list-params';
import '../modules/campaign/campaign.css';

const PAGE_SIZE = 20;

/** The organisation's campaigns with status and name filters and paging, all in the URL (?q=&status=&after=&page=). */
export function CampaignsPage() {
  const { orgId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="campaign:read" what="see campaigns">
      <CampaignsList orgId={orgId} />
    </RequireCapability>
  );
}

function CampaignsList({ orgId }: { orgId: string }) {
  const [params, setParams] = useSearchParams();
  const caps = useCapabilities(orgId);
  const q = params.get('q') ?? '';
  const status = readList(params, 'status', CAMPAIGN_STATUSES);
  const after = params.get('after') ?? '';
  const page = pageOf(params);
  const filter = { ...(status.length ? { status } : {}), ...(q ? { search: q } : {}) };
  const result = useQuery(CAMPAIGNS_QUERY, {
    variables: { organisationId: orgId, first: PAGE_SIZE, ...(after ? { after } : {}), ...(Object.keys(filter).length ? { filter } : {}) },
    fetchPolicy: 'cache-and-network',
  });
  const connection = result.data?.campaigns ?? result.previousData?.campaigns;
  const go = (changes: Record<string, string | readonly string[] | undefined>) => setParams(nextParams(params, changes));
  const filtered = Boolean(q || status.length);
  const canWrite = caps.can('campaign:write');

  const columns: Column<CampaignListItem>[] = [
    {
      key: 'name', header: 'Campaign', primary: true,
      render: (c) => (
        <span>
          <Link to={`/orgs/${orgId}/campaigns/${c.id}`} data-testid="campaign-link">{c.name}</Link>
          {c.goal ? <span className="admin-muted"> — {c.goal}</span> : null}
        </span>
      ),
    },
    { key: 'status', header: 'Status', render: (c) => <CampaignStatusBadge status={c.status} /> },
    { key: 'dates', header: 'Dates', render: (c) => (c.startsOn || c.endsOn ? `${formatDate(c.startsOn)} – ${c.endsOn ? formatDate(c.endsOn) : 'ongoing'}` : '–') },
    { key: 'actions', header: 'Actions', align: 'end', render: (c) => <span data-testid="campaign-action-count" data-value={c.actionCount}>{formatNumber(c.actionCount)}</span> },
    { key: 'channels', header: 'Channels', hideOnSmall: true, render: (c) => (c.channels.length ? c.channels.map((ch) => RESPONSE_CHANNEL_LABELS[ch]).join(', ') : '–') },
    { key: 'updated', header: 'Updated', hideOnSmall: true, render: (c) => formatDateTime(c.updatedAt) },
  ];

  let body;
  if (result.error && !connection) {
    body = <ErrorState title="Could not load campaigns" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  } else if (!connection) {
    body = (
      <LoadingState label="Loading campaigns…">
        {Array.from({ length: 4 }, (_, i) => <Skeleton key={i} width="60%" />)}
      </LoadingState>
    );
  } else if (connection.edges.length === 0) {
    body = filtered ? (
      <EmptyState title="No campaigns match these filters" testId="campaigns-empty" action={<button type="button" className={buttonClass('secondary')} onClick={() => setParams(new URLSearchParams())}>Clear filters</button>}>
        Try another name or status.
      </EmptyState>
    ) : (
      <EmptyState
        title="No campaigns yet"
        testId="campaigns-empty"
        action={canWrite ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/campaigns/new`}>Start a campaign</Link> : undefined}
      >
        A campaign groups the actions you ask members to take — sign a petition, come to an event, give — and tracks who followed through.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <Table caption="Campaigns" captionHidden columns={columns} rows={connection.edges.map((e) => e.node)} rowKey={(c) => c.id} busy={result.loading} rowTestId="campaign-row" />
        <Pagination
          hasPrevious={page > 1}
          hasNext={connection.pageInfo.hasNextPage}
          onPrevious={() => (page <= 2 ? go({ after: '', page: '' }) : window.history.back())}
          onNext={() => go({ after: connection.pageInfo.endCursor ?? '', page: String(page + 1) })}
          pageSize={PAGE_SIZE}
          pageSizeOptions={[PAGE_SIZE]}
          summary={<span data-testid="campaigns-total" data-value={connection.totalCount}>{pluralise(connection.totalCount, 'campaign')}{page > 1 ? `, page ${page}` : ''}</span>}
        />
      </>
    );
  }

  const chips = [
    q ? <FilterChip key="q" label={`Name: ${q}`} onRemove={() => go({ q: '' })} /> : null,
    ...status.map((s) => <FilterChip key={s} label={`Status: ${CAMPAIGN_STATUS_LABELS[s]}`} onRemove={() => go({ status: status.filter((x) => x !== s) })} />),
  ].filter(Boolean);

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Campaigns, their actions and who followed through."
        actions={canWrite ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/campaigns/new`} data-testid="new-campaign">New campaign</Link> : undefined}
      />
      <div className="mu-stack">
        <Card>
          <FilterBar label="Campaign filters" chips={chips.length ? chips : undefined} onClearAll={() => setParams(new URLSearchParams())}>
            <div className="cmp-filters">
              <SearchField value={q} onSearch={(value) => go({ q: value })} label="Search campaigns" placeholder="Search by name" />
              <CheckboxGroup legend="Status" testId="filter-status" options={options(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS)} value={status} onChange={(next) => go({ status: next })} />
            </div>
          </FilterBar>
        </Card>
        <Card>{body}</Card>
      </div>
    </>
  );
}
