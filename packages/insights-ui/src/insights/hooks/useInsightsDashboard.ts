import { useQuery } from '@apollo/client/react';
import { INSIGHTS_DASHBOARD_QUERY } from '../graphql/insights.graphql.js';
import { hasUnit, monthsInScope, scopeVariable, type InsightsScope } from '../lib/insights-scope.js';

/** The dashboard's one query for an organisation and scope. Top issues per unit: per branch inside a region, else per region. */
export function useInsightsDashboard(organisationId: string, scope: InsightsScope) {
  const today = new Date().toISOString().slice(0, 10);
  return useQuery(INSIGHTS_DASHBOARD_QUERY, {
    variables: { organisationId, scope: scopeVariable(scope), months: monthsInScope(scope, today), issuesBy: hasUnit(scope.region) ? 'BRANCH' : 'REGION' },
    skip: !organisationId,
    notifyOnNetworkStatusChange: true,
  });
}
