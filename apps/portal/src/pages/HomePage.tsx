import { Navigate } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState, toApiProblem } from '@muster/ui';
import { useClientOrganisations } from '../modules/organisation/hooks/useClientOrganisations';

/** The portal opens on the first client's dashboard. */
export function HomePage() {
  const { clients, loading, error, refetch } = useClientOrganisations();
  if (loading) return <LoadingState label="Loading organisations…" />;
  if (error) return <ErrorState title="Could not load organisations" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  if (!clients.length) return <EmptyState title="No client organisations yet">When the agency adds your organisation, its dashboard appears here.</EmptyState>;
  return <Navigate to={`/orgs/${clients[0].id}`} replace />;
}
