import { Link, Navigate, useParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState, PageHeader, toApiProblem } from '@muster/ui';
import { InsightsDashboard } from '@muster/insights-ui';
import { useOrganisations } from '../modules/organisation/hooks/useOrganisations';
import { InsightsOrganisationPicker, clientOrganisations } from '../modules/insights/components/InsightsOrganisationPicker';
import { RequireCapability } from '../lib/RequireCapability';
import { useCapabilities } from '@muster/access-ui';

/** /insights: the clients this person serves, to pick a dashboard (straight to it when there is one). */
export function InsightsIndexPage() {
  const { organisations, loading, error, refetch } = useOrganisations();
  if (error) return <ErrorState title="Could not load your organisations" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  if (loading) return <LoadingState label="Loading your clients…" />;
  const clients = clientOrganisations(organisations);
  if (clients.length === 1) return <Navigate to={`/insights/${clients[0].id}`} replace />;
  return (
    <>
      <PageHeader title="Insights" description="Each client's membership dashboard, as its own people see it in the portal." />
      {clients.length === 0 ? (
        <EmptyState title="No clients yet">Dashboards appear here for each client organisation you work for.</EmptyState>
      ) : (
        <>
          <InsightsOrganisationPicker organisations={organisations} />
          <ul className="admin-insights-list" data-testid="insights-clients">
            {clients.map((o) => (
              <li key={o.id}><Link to={`/insights/${o.id}`}>{o.name}</Link></li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** /insights/:orgId: a client's dashboard for agency staff, the same components as the portal's. */
export function InsightsPage() {
  const { orgId = '' } = useParams();
  const { organisations } = useOrganisations();
  const caps = useCapabilities(orgId);
  return (
    <RequireCapability organisationId={orgId} capability="insights:read" what="see insights">
      <InsightsOrganisationPicker organisations={organisations} organisationId={orgId} />
      <InsightsDashboard organisationId={orgId} canConfigure={caps.can('insights:configure')} />
    </RequireCapability>
  );
}
