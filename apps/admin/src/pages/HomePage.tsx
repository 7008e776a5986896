import { useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { useApolloClient } from '@apollo/client/react';
import { EmptyState, ErrorState, LoadingState, toApiProblem } from '@muster/ui';
import { defaultOrganisation, useOrganisations } from '../modules/organisation/hooks/useOrganisations';
import type { OrganisationSummary } from '../modules/organisation/graphql/organisation.graphql';
import { useCapabilities } from '@muster/access-ui';
import { ASSIGNED_COUNT_QUERY } from '../modules/access/graphql/access.graphql';

/**
 * A volunteer's contacts sit in whichever client their assignments are in: open the first organisation where the
 * API returns any member to them (it returns only assigned ones).
 */
function useVolunteerOrganisation(enabled: boolean, organisations: readonly OrganisationSummary[]) {
  const client = useApolloClient();
  const [found, setFound] = useState<string | null | undefined>(undefined);
  // The list is a new array on every render; the ids say whether it really changed.
  const ids = organisations.map((o) => `${o.kind}:${o.id}`).join(',');
  useEffect(() => {
    if (!enabled || !ids) return;
    let cancelled = false;
    void (async () => {
      const all = ids.split(',').filter(Boolean).map((s) => ({ kind: s.split(':')[0], id: s.split(':')[1] }));
      const candidates = [...all.filter((o) => o.kind === 'CLIENT'), ...all.filter((o) => o.kind !== 'CLIENT')];
      for (const o of candidates) {
        const result = await client.query({ query: ASSIGNED_COUNT_QUERY, variables: { organisationId: o.id } }).catch(() => null);
        if (cancelled) return;
        if ((result?.data?.members.totalCount ?? 0) > 0) {
          setFound(o.id);
          return;
        }
      }
      if (!cancelled) setFound(null);
    })();
    return () => {
      cancelled = true;
    };
  }, [client, enabled, ids]);
  return found;
}

/** "/" opens the first client's members (or a volunteer's contacts): there is nothing to see before an organisation is chosen. */
export function HomePage() {
  const { organisations, loading, error, refetch } = useOrganisations();
  const caps = useCapabilities();
  const isVolunteer = caps.role === 'VOLUNTEER';
  const volunteerOrg = useVolunteerOrganisation(isVolunteer, organisations);
  if (loading) return <LoadingState label="Loading organisations…" />;
  if (error) return <ErrorState title="Could not load organisations" problem={toApiProblem(error)} onRetry={() => void refetch()} />;
  const first = defaultOrganisation(organisations);
  if (!first) return <EmptyState title="No organisations yet">Load the demo data with the API’s seed command, then reload.</EmptyState>;
  if (isVolunteer) {
    if (volunteerOrg === undefined) return <LoadingState label="Finding your contacts…" />;
    if (volunteerOrg === null) return <EmptyState title="No contacts assigned to you yet">When an organiser assigns members to you, they appear here.</EmptyState>;
    return <Navigate to={`/orgs/${volunteerOrg}/members`} replace />;
  }
  return <Navigate to={`/orgs/${first.id}/members`} replace />;
}
