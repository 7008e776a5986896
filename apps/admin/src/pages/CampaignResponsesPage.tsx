import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useCapabilities } from '@muster/access-ui';
import { Card, ErrorState, LoadingState, PageHeader, buttonClass, toApiProblem } from '@muster/ui';
import { RequireCapability } from '../lib/RequireCapability';
import { ACTIONS_QUERY, CAMPAIGN_QUERY } from '../modules/campaign/graphql/campaign.graphql';
import { ResponsesList } from '../modules/campaign/components/ResponsesList';
import '../modules/campaign/campaign.css';

/** Every response to every action of a campaign, filterable by action, state, channel and who secured it. */
export function CampaignResponsesPage() {
  const { orgId = '', campaignId = '' } = useParams();
  return (
    <RequireCapability organisationId={orgId} capability="response:read" what="see members’ responses">
      <CampaignResponses orgId={orgId} campaignId={campaignId} />
    </RequireCapability>
  );
}

function CampaignResponses({ orgId, campaignId }: { orgId: string; campaignId: string }) {
  const caps = useCapabilities(orgId);
  const campaign = useQuery(CAMPAIGN_QUERY, { variables: { id: campaignId } });
  const actions = useQuery(ACTIONS_QUERY, { variables: { organisationId: orgId, campaignId, first: 100 } });
  if (campaign.error) return <ErrorState title="Could not load the campaign" problem={toApiProblem(campaign.error)} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) return <LoadingState label="Loading the campaign…" />;
  const c = campaign.data.campaign;
  if (!c) return <ErrorState title="Campaign not found" problem={{ code: 'NOT_FOUND', message: 'It may have been deleted, or it belongs to another organisation.', fields: [] }} />;
  return (
    <>
      <PageHeader title={`Responses: ${c.name}`} description="Who was asked, who committed and who followed through, action by action."
        actions={<Link className={buttonClass('secondary')} to={`/orgs/${orgId}/campaigns/${c.id}`}>Back to the campaign</Link>} />
      <Card>
        <ResponsesList organisationId={orgId} campaignId={c.id} canWrite={caps.can('response:write')}
          actions={(actions.data?.actions.edges ?? []).map((e) => ({ id: e.node.id, title: e.node.title }))}
          volunteers={c.team.map((m) => ({ id: m.userId, name: m.name ?? m.email ?? m.userId }))} />
      </Card>
    </>
  );
}
