import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { Button, EmptyState, ErrorState, LoadingState, SelectField, formatDate, humanise, toApiProblem } from '@muster/ui';
import { csvFileName, downloadCsv, toCsv } from '../../insights/lib/insights-csv.js';
import { campaignResultsCsv } from '../lib/campaign-results-model.js';
import { CAMPAIGN_RESULTS_QUERY, INSIGHTS_CAMPAIGNS_QUERY, type InsightsCampaignItem } from '../graphql/campaign-results.graphql.js';
import { CampaignResultsView } from './CampaignResultsView.js';

/** The campaign shown: ?campaign= when it is one of the list, else the first active one, else the first. */
export function pickCampaign(campaigns: readonly InsightsCampaignItem[], wanted: string | null): InsightsCampaignItem | null {
  return campaigns.find((c) => c.id === wanted) ?? campaigns.find((c) => c.status === 'ACTIVE') ?? campaigns[0] ?? null;
}

function describeCampaign(c: InsightsCampaignItem): string {
  const dates = c.startsOn || c.endsOn ? ` · ${formatDate(c.startsOn)} to ${c.endsOn ? formatDate(c.endsOn) : 'ongoing'}` : '';
  return `${humanise(c.status)}${dates}${c.goal ? ` · Goal: ${c.goal}` : ''}`;
}

/**
 * The "Campaigns and actions" panel of the insight dashboards: the organisation's campaigns (not drafts or archived
 * ones) with a picker kept in the URL (?campaign=), and the chosen one's funnel, follow-through and donations. It is
 * the client's view: no volunteer names or member-level activity, and counts the API withheld read as "<5". The
 * dashboard's date and unit filters do not apply to it (it says so).
 */
export function CampaignsPanel({ organisationId, organisationName, hiddenLabel }: { organisationId: string; organisationName: string; hiddenLabel: string }) {
  const [params, setParams] = useSearchParams();
  const list = useQuery(INSIGHTS_CAMPAIGNS_QUERY, { variables: { organisationId }, skip: !organisationId });
  const campaigns = list.data?.campaigns.edges.map((e) => e.node) ?? [];
  const chosen = pickCampaign(campaigns, params.get('campaign'));
  const results = useQuery(CAMPAIGN_RESULTS_QUERY, {
    variables: { campaignId: chosen?.id ?? '', organisationId, people: false },
    skip: !chosen,
  });

  if (list.error) return <ErrorState title="Could not load the campaigns" problem={toApiProblem(list.error)} onRetry={() => void list.refetch()} />;
  if (!list.data) return <LoadingState label="Loading campaigns…" rows={3} />;
  if (!chosen) {
    return (
      <EmptyState title="No campaigns to show yet" testId="campaigns-empty">
        When a campaign starts, its funnel (asked → committed → completed), follow-through and donations appear here.
      </EmptyState>
    );
  }
  const shown = results.data ?? results.previousData;
  return (
    <div className="mu-stack campaigns-panel" data-testid="campaigns-panel" data-campaign={chosen.id}>
      <div className="campaign-picker">
        <SelectField label="Campaign" value={chosen.id} data-testid="campaign-picker" className="mu-no-print"
          options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            next.set('campaign', e.target.value);
            setParams(next);
          }} />
        <p className="campaign-results__note" data-testid="campaign-summary">
          <strong>{chosen.name}</strong> · {describeCampaign(chosen)}. All time: the date and unit filters above do not apply to campaigns.
        </p>
        {shown?.campaignResults ? (
          <Button size="sm" variant="secondary" className="mu-no-print" data-testid="csv-campaigns"
            onClick={() => downloadCsv(csvFileName(organisationName, 'campaign', chosen.name), toCsv(campaignResultsCsv(shown), hiddenLabel))}>
            Download CSV
          </Button>
        ) : null}
      </div>
      {results.error && !shown ? (
        <ErrorState title="Could not load the campaign’s results" problem={toApiProblem(results.error)} onRetry={() => void results.refetch()} />
      ) : !shown ? (
        <LoadingState label="Loading the campaign’s results…" rows={4} />
      ) : (
        <div className={results.loading ? 'insights--refreshing' : undefined}>
          <CampaignResultsView data={shown} hiddenLabel={hiddenLabel} showPeople={false} testIdPrefix="campaign-results" />
        </div>
      )}
    </div>
  );
}
