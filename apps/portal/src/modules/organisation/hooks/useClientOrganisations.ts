import { useQuery } from '@apollo/client/react';
import { ORGANISATIONS_QUERY, type PortalOrganisation } from '../graphql/organisation.graphql';

/** The portal is for client organisations only; the agency and its units are not offered. */
export function useClientOrganisations() {
  const result = useQuery(ORGANISATIONS_QUERY);
  const clients: PortalOrganisation[] = (result.data?.organisations.edges ?? []).map((e) => e.node).filter((o) => o.kind === 'CLIENT');
  return { clients, loading: result.loading, error: result.error, refetch: result.refetch };
}
