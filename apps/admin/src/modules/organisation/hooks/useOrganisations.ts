import { useQuery } from '@apollo/client/react';
import { ORGANISATIONS_QUERY, type OrganisationSummary } from '../graphql/organisation.graphql';

export function useOrganisations() {
  const result = useQuery(ORGANISATIONS_QUERY);
  const organisations: OrganisationSummary[] = result.data?.organisations.edges.map((e) => e.node) ?? [];
  return { organisations, loading: result.loading, error: result.error, refetch: result.refetch };
}

/** Where the app opens: the first client (the agency itself holds no members), else the first organisation. */
export function defaultOrganisation(organisations: readonly OrganisationSummary[]): OrganisationSummary | undefined {
  return organisations.find((o) => o.kind === 'CLIENT') ?? organisations[0];
}
