import { useQuery } from '@apollo/client/react';
import { DASHBOARD_QUERY } from '../graphql/insights.graphql';

export function useDashboard(organisationId: string) {
  return useQuery(DASHBOARD_QUERY, { variables: { organisationId } });
}
