// The portal's dashboard query, typed by hand; insights.graphql.spec.ts validates it against apps/api/schema.graphql.
import { gql, type TypedDocumentNode } from '@apollo/client';

export interface CountByKey { key: string; count: number }
export interface MonthlyMovement { month: string; joiners: number; leavers: number; net: number }

export interface DashboardData {
  organisation: { id: string; name: string; kind: string };
  insights: {
    organisationId: string;
    totalMembers: number;
    byStatus: CountByKey[];
    byRegion: CountByKey[];
    topIssues: CountByKey[];
    joinersLeaversByMonth: MonthlyMovement[];
  };
}

export const DASHBOARD_QUERY: TypedDocumentNode<DashboardData, { organisationId: string }> = gql`
  query PortalDashboard($organisationId: ID!) {
    organisation(id: $organisationId) {
      id
      name
      kind
    }
    insights(organisationId: $organisationId) {
      organisationId
      totalMembers
      byStatus {
        key
        count
      }
      byRegion {
        key
        count
      }
      topIssues(limit: 10) {
        key
        count
      }
      joinersLeaversByMonth(months: 24) {
        month
        joiners
        leavers
        net
      }
    }
  }
`;
