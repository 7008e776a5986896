// The insight dashboards' one query, typed by hand; each app's operations spec validates it against
// apps/api/schema.graphql. Every panel is a field of `insights`, read from rollups on the API side.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { InsightsScope } from '../lib/insights-scope.js';

export type InsightDimension = 'STATUS' | 'REGION' | 'BRANCH' | 'WORKPLACE' | 'EMPLOYER';
export type InsightUnit = 'REGION' | 'BRANCH';

/** A count the API may withhold: `count` is null and `suppressed` true when 1 ≤ n < the threshold. */
export interface InsightCount { key: string; label: string; count: number | null; suppressed: boolean }

/** One month: members at its end, joiners and leavers in it, net (suppressed when either is). */
export interface MembershipMonth { month: string; total: InsightCount; joiners: InsightCount; leavers: InsightCount; net: InsightCount }

/** Rows (largest first, at most `limit`), everything beyond the limit as `otherCount`, and their sum as `total`. */
export interface InsightBreakdown { rows: InsightCount[]; otherCount: InsightCount; total: InsightCount }

/** A top issue; with `by`, `unit` is the region or branch key ("" = unknown) and `unitLabel` what to show. */
export interface InsightIssueCount extends InsightCount { unit: string | null; unitLabel: string | null }

/** An issue's count at the start of the range (`before`, null without a snapshot that old) and at its end. */
export interface InsightIssueChange { key: string; label: string; before: InsightCount | null; now: InsightCount; change: number | null }

export interface InsightIssueChanges { since: string | null; until: string | null; rows: InsightIssueChange[] }

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
    issueChanges: InsightIssueChanges;
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
    otherCount {
      ...InsightCountFields
    }
    total {
      ...InsightCountFields
    }
  }

  fragment InsightIssueFields on InsightIssueCount {
    key
    label
    count
    suppressed
    unit
    unitLabel
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
        total {
          ...InsightCountFields
        }
        joiners {
          ...InsightCountFields
        }
        leavers {
          ...InsightCountFields
        }
        net {
          ...InsightCountFields
        }
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
        ...InsightIssueFields
      }
      issuesByUnit: topIssues(limit: 3, by: $issuesBy) {
        ...InsightIssueFields
      }
      issueChanges(limit: 10) {
        since
        until
        rows {
          key
          label
          change
          now {
            ...InsightCountFields
          }
          before {
            ...InsightCountFields
          }
        }
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

export interface UpdateInsightSettingsData { updateInsightSettings: { organisationId: string; suppressionThreshold: number } }

/** The organisation's small-number threshold (needs insights:configure; audit-logged by the API). */
export const UPDATE_INSIGHT_SETTINGS_MUTATION: TypedDocumentNode<UpdateInsightSettingsData, { organisationId: string; suppressionThreshold: number }> = gql`
  mutation UpdateInsightSettings($organisationId: ID!, $suppressionThreshold: Int!) {
    updateInsightSettings(organisationId: $organisationId, suppressionThreshold: $suppressionThreshold) {
      organisationId
      suppressionThreshold
    }
  }
`;
