import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import { CAMPAIGN_RESULTS_QUERY, CampaignResultsView } from '@muster/insights-ui';
import {
  Button, Card, ConfirmDialog, DescriptionList, EmptyState, ErrorState, LoadingState, PageHeader, Table, buttonClass, formatDate, formatDateTime,
  formatNumber, toApiProblem, useToast, type Column,
} from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import {
  ACTIONS_QUERY, CAMPAIGN_QUERY, DELETE_CAMPAIGN_MUTATION, UPDATE_CAMPAIGN_MUTATION, type ActionListItem,
} from '../modules/campaign/graphql/campaign.graphql';
import { ActionStatusBadge, CampaignStatusBadge } from '../modules/campaign/components/CampaignStatusBadge';
import { ACTION_TYPE_LABELS, RESPONSE_CHANNEL_LABELS, TEAM_ROLE_LABELS } from '../modules/campaign/lib/campaign-labels';
import '../modules/campaign/campaign.css';

/** One campaign: what it is, its actions, its results dashboard and recent activity, and what can be done to it. */
export function CampaignDetailPage() {
  const { orgId = '', campaignId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="campaign:read" what="see campaigns">
      <CampaignDetail orgId={orgId} campaignId={campaignId} />
    </RequireCapability>
  );
}

function CampaignDetail({ orgId, campaignId }: { orgId: string; campaignId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const caps = useCapabilities(orgId);
  const canWrite = caps.can('campaign:write');
  const people = caps.can('response:read');
  const result = useQuery(CAMPAIGN_QUERY, { variables: { id: campaignId }, fetchPolicy: 'cache-and-network' });
  const actions = useQuery(ACTIONS_QUERY, { variables: { organisationId: orgId, campaignId, first: 100 }, fetchPolicy: 'cache-and-network' });
  const results = useQuery(CAMPAIGN_RESULTS_QUERY, { variables: { campaignId, organisationId: orgId, people, activity: 20 }, fetchPolicy: 'cache-and-network', skip: !caps.ready });
  const [confirm, setConfirm] = useState<null | 'delete' | 'archive'>(null);
  const [remove, { loading: deleting }] = useMutation(DELETE_CAMPAIGN_MUTATION);
  const [update, { loading: archiving }] = useMutation(UPDATE_CAMPAIGN_MUTATION);

  if (result.error && !result.data) return <ErrorState title="Could not load the campaign" problem={toApiProblem(result.error)} onRetry={() => void result.refetch()} />;
  if (!result.data) return <LoadingState label="Loading the campaign…" />;
  const campaign = result.data.campaign;
  // Another organisation's campaign under this organisation's URL reads as not found, as the API does across reach.
  if (!campaign || campaign.organisationId !== orgId) {
    return (
      <EmptyState title="Campaign not found" testId="campaign-not-found" action={<Link className={buttonClass('primary')} to={`/orgs/${orgId}/campaigns`}>All campaigns</Link>}>
        It may have been deleted, or it belongs to another organisation.
      </EmptyState>
    );
  }

  const doDelete = async () => {
    try {
      const res = await remove({ variables: { id: campaign.id } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Campaign deleted', body: `“${campaign.name}” and its actions were deleted.` });
      navigate(`/orgs/${orgId}/campaigns`);
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({
        tone: 'danger', title: 'Could not delete the campaign',
        body: p.code === 'CAMPAIGN_HAS_RESPONSES' ? 'Members have already responded to it, so it is kept for the record. Archive it instead.' : `${p.message} (${p.code})`,
      });
    } finally {
      setConfirm(null);
    }
  };
  const doArchive = async () => {
    try {
      const res = await update({ variables: { id: campaign.id, input: { status: 'ARCHIVED' } } });
      if (res.error) throw res.error;
      toast.notify({ tone: 'success', title: 'Campaign archived', body: `“${campaign.name}” is kept with its results but no longer active.` });
    } catch (error) {
      const p = toApiProblem(error);
      toast.notify({ tone: 'danger', title: 'Could not archive the campaign', body: `${p.message} (${p.code})` });
    } finally {
      setConfirm(null);
    }
  };

  const actionColumns: Column<ActionListItem>[] = [
    { key: 'title', header: 'Action', primary: true, render: (a) => <Link to={`/orgs/${orgId}/actions/${a.id}`} data-testid="action-link">{a.title}</Link> },
    { key: 'type', header: 'Type', render: (a) => ACTION_TYPE_LABELS[a.type] },
    { key: 'status', header: 'Status', render: (a) => <ActionStatusBadge status={a.status} /> },
    { key: 'due', header: 'Due', render: (a) => formatDateTime(a.dueAt ?? a.startsAt) },
    { key: 'goal', header: 'Goal', align: 'end', hideOnSmall: true, render: (a) => formatNumber(a.goalCount) },
  ];
  const actionList = actions.data?.actions ?? actions.previousData?.actions;
  const shownResults = results.data ?? results.previousData;

  return (
    <>
      <PageHeader
        title={<span data-testid="campaign-title">{campaign.name}</span>}
        description={<span><CampaignStatusBadge status={campaign.status} /> {campaign.goal ? <span>Goal: {campaign.goal}</span> : null}</span>}
        actions={
          <>
            {people ? <Link className={buttonClass('secondary')} to={`/orgs/${orgId}/campaigns/${campaign.id}/responses`} data-testid="campaign-responses">Responses</Link> : null}
            {caps.can('donation:read') ? <Link className={buttonClass('secondary')} to={`/orgs/${orgId}/donations?campaign=${campaign.id}`} data-testid="campaign-donations">Donations</Link> : null}
            {canWrite ? (
              <>
                <Link className={buttonClass('secondary')} to={`/orgs/${orgId}/campaigns/${campaign.id}/edit`} data-testid="edit-campaign">Edit</Link>
                {campaign.status !== 'ARCHIVED' ? <Button onClick={() => setConfirm('archive')} data-testid="archive-campaign">Archive</Button> : null}
                <Button variant="danger" onClick={() => setConfirm('delete')} data-testid="delete-campaign">Delete</Button>
              </>
            ) : null}
          </>
        }
      />
      <div className="mu-stack">
        <Card title="About" description={campaign.description ?? undefined}>
          <DescriptionList items={[
            { term: 'Dates', description: campaign.startsOn || campaign.endsOn ? `${formatDate(campaign.startsOn)} – ${campaign.endsOn ? formatDate(campaign.endsOn) : 'ongoing'}` : 'Not set' },
            { term: 'Goal count', description: campaign.goalCount == null ? 'Not set' : `${formatNumber(campaign.goalCount)} completed actions`, testId: 'campaign-goal-count' },
            {
              term: 'Target segment', testId: 'campaign-target-segment',
              description: campaign.targetSegment ? <Link to={`/orgs/${orgId}/segments/${campaign.targetSegment.id}`}>{campaign.targetSegment.name}</Link> : 'None',
            },
            { term: 'Channels', description: campaign.channels.length ? campaign.channels.map((c) => RESPONSE_CHANNEL_LABELS[c]).join(', ') : 'None chosen' },
            {
              term: 'Team', testId: 'campaign-team',
              description: campaign.team.length ? (
                <ul className="admin-plain-list">
                  {campaign.team.map((m) => <li key={m.userId} data-testid="campaign-team-member">{m.name ?? m.email ?? m.userId} <span className="cmp-muted">— {TEAM_ROLE_LABELS[m.role]}</span></li>)}
                </ul>
              ) : 'No one yet',
            },
          ]} />
        </Card>

        <Card title="Actions" description="What members are asked to do."
          actions={canWrite ? <Link className={buttonClass('primary')} to={`/orgs/${orgId}/campaigns/${campaign.id}/actions/new`} data-testid="new-action">New action</Link> : undefined}>
          {actions.error && !actionList ? <ErrorState title="Could not load the actions" problem={toApiProblem(actions.error)} onRetry={() => void actions.refetch()} />
            : !actionList ? <LoadingState label="Loading actions…" rows={3} />
              : actionList.edges.length === 0 ? (
                <EmptyState title="No actions yet" testId="actions-empty">Add an action — a petition, an event, a phone-bank sign-up, a donation — to start asking members.</EmptyState>
              ) : <Table caption="Actions" captionHidden columns={actionColumns} rows={actionList.edges.map((e) => e.node)} rowKey={(a) => a.id} rowTestId="action-row" busy={actions.loading} />}
        </Card>

        <Card title="Results" description="Follow-through: of the members who committed, the share who did it. Figures are live." data-testid="campaign-results-card">
          {results.error && !shownResults ? <ErrorState title="Could not load the results" problem={toApiProblem(results.error)} onRetry={() => void results.refetch()} />
            : !shownResults ? <LoadingState label="Loading results…" rows={4} />
              : <CampaignResultsView data={shownResults} showPeople={people} testIdPrefix="results"
                  actionLink={(a) => <Link to={`/orgs/${orgId}/actions/${a.id}`}>{a.title}</Link>}
                  memberLink={(m) => <Link to={`/orgs/${orgId}/members/${m.id}`} data-testid="activity-member">{m.fullName}</Link>} />}
        </Card>
      </div>
      {/* One dialog at a time in the page: ConfirmDialog's title id is fixed. */}
      {confirm === 'delete' ? <ConfirmDialog
        open
        title={`Delete “${campaign.name}”?`}
        confirmLabel="Delete campaign"
        tone="danger"
        busy={deleting}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void doDelete()}
      >
        The campaign and its actions are deleted. A campaign that members have responded to cannot be deleted: archive it instead.
      </ConfirmDialog> : null}
      {confirm === 'archive' ? <ConfirmDialog
        open
        title={`Archive “${campaign.name}”?`}
        confirmLabel="Archive campaign"
        busy={archiving}
        onCancel={() => setConfirm(null)}
        onConfirm={() => void doArchive()}
      >
        It stops being active and leaves the dashboards. Its actions, responses and results are kept.
      </ConfirmDialog> : null}
    </>
  );
}
