import { Navigate } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState, toApiProblem } from '@muster/ui';
import { defaultOrganisation, useOrganisations } from '../modules/organisation/hooks/useOrganisations';

/** "/" opens the first client's members: there is nothing to see before an organisation is chosen. */
export function HomePage() {
  const { organisations, loading, error, refetch } = useOrganisations();
  if (loading) return <LoadingState label="Loading organisations…" />;
  if (error) return <ErrorState title="Could not load organisations" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  const first = defaultOrganisation(organisations);
  if (!first) return <EmptyState title="No organisations yet">Load the demo data with the API’s seed command, then reload.</EmptyState>;
  return <Navigate to={`/orgs/${first.id}/members`} replace />;
}
