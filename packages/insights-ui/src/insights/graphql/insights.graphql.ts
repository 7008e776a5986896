// The insight dashboards' one query, typed by hand; each app's operations spec validates it against
// apps/api/schema.graphql. Every panel is a field of `insights`, read from rollups on the API side.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { InsightsScope } from '../lib/insights-scope.js';

export type InsightDimension = 'STATUS' | 'REGION' | 'BRANCH' | 'WORKPLACE' | 'EMPLOYER';
export type InsightUnit = 'REGION' | 'BRANCH';

/** A count the API may withhold: `count` is null and `suppressed` true when 1 ≤ n < the threshold. */
export interface InsightCount { key: string; label: string; count: number | null; suppressed: boolean }

export interface MembershipMonth { month: string; total: number | null; joiners: number | null; leavers: number | null; net: number | null }

export interface InsightBreakdown { rows: InsightCount[]; otherCount: number | null; total: number | null }

export interface InsightIssueCount extends InsightCount { unit: string | null }

export interface InsightIssueChange { key: string; label: string; before: number | null; after: number | null; change: number | null; suppressed: boolean }

export interface InsightReach {
  total: InsightCount;
  smsReachable: InsightCount;
  emailReachable: InsightCount;
  smsConsent: InsightCount[];
  emailConsent: InsightCount[];
}

export interface InsightsDashboardData {
  organisation: { id: string; name: string; kind: string };
  insights: {
    organisationId: string;
    asOf: string;
    suppressionThreshold: number;
    total: InsightCount;
    membershipByMonth: MembershipMonth[];
    byStatus: InsightBreakdown;
    byRegion: InsightBreakdown;
    byBranch: InsightBreakdown;
    byWorkplace: InsightBreakdown;
    byEmployer: InsightBreakdown;
    topIssues: InsightIssueCount[];
    issuesByUnit: InsightIssueCount[];
    issueChanges: InsightIssueChange[];
    reach: InsightReach;
  };
}

export interface InsightsDashboardVariables {
  organisationId: string;
  scope: InsightsScope | null;
  months: number;
  issuesBy: InsightUnit;
}

export const INSIGHTS_DASHBOARD_QUERY: TypedDocumentNode<InsightsDashboardData, InsightsDashboardVariables> = gql`
  fragment InsightCountFields on InsightCount {
    key
    label
    count
    suppressed
  }

  fragment InsightBreakdownFields on InsightBreakdown {
    rows {
      ...InsightCountFields
    }
    otherCount
    total
  }

  query InsightsDashboard($organisationId: ID!, $scope: InsightsScopeInput, $months: Int!, $issuesBy: InsightUnit!) {
    organisation(id: $organisationId) {
      id
      name
      kind
    }
    insights(organisationId: $organisationId, scope: $scope) {
      organisationId
      asOf
      suppressionThreshold
      total {
        ...InsightCountFields
      }
      membershipByMonth(months: $months) {
        month
        total
        joiners
        leavers
        net
      }
      byStatus: breakdown(dimension: STATUS) {
        ...InsightBreakdownFields
      }
      byRegion: breakdown(dimension: REGION, limit: 50) {
        ...InsightBreakdownFields
      }
      byBranch: breakdown(dimension: BRANCH, limit: 50) {
        ...InsightBreakdownFields
      }
      byWorkplace: breakdown(dimension: WORKPLACE, limit: 15) {
        ...InsightBreakdownFields
      }
      byEmployer: breakdown(dimension: EMPLOYER, limit: 15) {
        ...InsightBreakdownFields
      }
      topIssues(limit: 10) {
        ...InsightCountFields
        unit
      }
      issuesByUnit: topIssues(limit: 3, by: $issuesBy) {
        ...InsightCountFields
        unit
      }
      issueChanges(limit: 10) {
        key
        label
        before
        after
        change
        suppressed
      }
      reach {
        total {
          ...InsightCountFields
        }
        smsReachable {
          ...InsightCountFields
        }
        emailReachable {
          ...InsightCountFields
        }
        smsConsent {
          ...InsightCountFields
        }
        emailConsent {
          ...InsightCountFields
        }
      }
    }
  }
`;
