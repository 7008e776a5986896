import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, ErrorState, LoadingState, Skeleton, toApiProblem } from '@muster/ui';
import { useInsightsDashboard } from '../hooks/useInsightsDashboard.js';
import { scopeFromParams, scopeToParams, type InsightsScope } from '../lib/insights-scope.js';
import { InsightsDashboardView } from './InsightsDashboardView.js';
import { CampaignsPanel } from '../../campaigns/components/CampaignsPanel.js';

function DashboardSkeleton() {
  return (
    <LoadingState label="Loading the dashboard…">
      <div className="mu-grid">
        {Array.from({ length: 4 }, (_, i) => (
          <div className="mu-card mu-stat mu-span-3" key={i}>
            <Skeleton width="50%" />
            <div style={{ height: 10 }} />
            <Skeleton width="70%" height="2rem" />
          </div>
        ))}
        <div className="mu-card mu-span-4 insights-skeleton-chart"><Skeleton height="100%" /></div>
        <div className="mu-card mu-span-8 insights-skeleton-chart"><Skeleton height="100%" /></div>
      </div>
    </LoadingState>
  );
}

/**
 * The insight dashboard of one organisation, with its filters in the URL (?from=&to=&region=&branch=). Used as the
 * portal's home for a client and as the admin app's /insights/:orgId. Another organisation's id reads as not found.
 */
export function InsightsDashboard({ organisationId, canConfigure }: { organisationId: string; canConfigure?: boolean }) {
  const [params, setParams] = useSearchParams();
  const scope = useMemo(() => scopeFromParams(params), [params]);
  const { data, previousData, loading, error, refetch } = useInsightsDashboard(organisationId, scope);
  const setScope = (next: InsightsScope) => setParams(scopeToParams(next, params));
  const shown = data ?? previousData;

  if (error) {
    const problem = toApiProblem(error);
    if (problem.code === 'NOT_FOUND') {
      return <ErrorState title="This organisation does not exist, or you cannot see it" problem={problem} />;
    }
    if (problem.code === 'VALIDATION_FAILED') {
      return (
        <>
          <ErrorState title="These filters cannot be used" problem={problem} />
          <p><Button onClick={() => setScope({})} data-testid="clear-filters">Clear filters</Button></p>
        </>
      );
    }
    return <ErrorState title="Could not load the dashboard" problem={problem} onRetry={() => void refetch()} />;
  }
  if (!shown) return <DashboardSkeleton />;
  return (
    <InsightsDashboardView data={shown} scope={scope} onScopeChange={setScope} refreshing={loading} canConfigure={canConfigure}
      campaigns={({ hiddenLabel }) => <CampaignsPanel organisationId={organisationId} organisationName={shown.organisation.name} hiddenLabel={hiddenLabel} />} />
  );
}
