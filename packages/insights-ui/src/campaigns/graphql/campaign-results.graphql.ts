// Campaign results as the dashboards read them (issue 6): the funnel and follow-through of a campaign, by action,
// channel and volunteer, its recent activity and its donation totals. Typed by hand against apps/api/schema.graphql;
// each app's operation spec validates these documents against that schema.
import { gql, type TypedDocumentNode } from '@apollo/client';

export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED';
export type ResponseState = 'ASKED' | 'COMMITTED' | 'REMINDED' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED' | 'DECLINED';
export type ResponseChannel = 'CALL' | 'SMS' | 'EMAIL' | 'WEB' | 'EVENT' | 'IMPORT' | 'STAFF';

/** Counts are null when the API withheld them for a client role (1 ≤ n < threshold); `rate` is null when nothing resolved yet. */
export interface FollowThroughData {
  asked: number | null;
  committed: number | null;
  reminded: number | null;
  completed: number | null;
  noShow: number | null;
  cancelled: number | null;
  declined: number | null;
  pending: number | null;
  rate: number | null;
  suppressed: boolean;
}

export interface UserSummaryData { id: string; name: string | null; email: string | null }

export interface ActionResponseEventData {
  id: string;
  actionId: string;
  /** Null when the viewer may not read the member. */
  member?: { id: string; fullName: string } | null;
  fromState: ResponseState | null;
  toState: ResponseState;
  channel: ResponseChannel | null;
  creditedUserId: string | null;
  actor: string | null;
  note: string | null;
  at: string;
}

export interface CampaignResultsData {
  campaignResults: {
    campaignId: string;
    funnel: FollowThroughData;
    byAction: Array<{ action: { id: string; title: string; type: string; status: string }; followThrough: FollowThroughData }>;
    byChannel: Array<{ channel: ResponseChannel; followThrough: FollowThroughData }>;
    /** Absent when asked without people; empty for client roles. */
    byVolunteer?: Array<{ user: UserSummaryData; followThrough: FollowThroughData }>;
    activity?: ActionResponseEventData[];
  } | null;
  donationTotals: DonationTotalsData;
}

export interface DonationTotalsData {
  count: number | null;
  totalPence: number | null;
  refundedPence: number | null;
  netPence: number | null;
  giftAidPence: number | null;
  recurringCount: number | null;
  byMonth: Array<{ month: string; count: number | null; totalPence: number | null }>;
  suppressed: boolean;
}

const FOLLOW_THROUGH_FIELDS = gql`
  fragment FollowThroughFields on FollowThrough {
    asked
    committed
    reminded
    completed
    noShow
    cancelled
    declined
    pending
    rate
    suppressed
  }
`;

/** One campaign's results and its donation totals in one request. */
/** `people: false` leaves out the volunteer table and the activity (the dashboards' client view never shows them). */
export const CAMPAIGN_RESULTS_QUERY: TypedDocumentNode<CampaignResultsData, { campaignId: string; organisationId: string; people: boolean; activity?: number }> = gql`
  query CampaignResults($campaignId: ID!, $organisationId: ID!, $people: Boolean!, $activity: Int) {
    campaignResults(campaignId: $campaignId) {
      campaignId
      funnel { ...FollowThroughFields }
      byAction { action { id title type status } followThrough { ...FollowThroughFields } }
      byChannel { channel followThrough { ...FollowThroughFields } }
      byVolunteer @include(if: $people) { user { id name email } followThrough { ...FollowThroughFields } }
      activity(first: $activity) @include(if: $people) { id actionId member { id fullName } fromState toState channel creditedUserId actor note at }
    }
    donationTotals(organisationId: $organisationId, campaignId: $campaignId) {
      count
      totalPence
      refundedPence
      netPence
      giftAidPence
      recurringCount
      byMonth { month count totalPence }
      suppressed
    }
  }
  ${FOLLOW_THROUGH_FIELDS}
`;

export interface InsightsCampaignItem {
  id: string;
  name: string;
  status: CampaignStatus;
  goal: string | null;
  startsOn: string | null;
  endsOn: string | null;
}

/** The campaigns a dashboard can show (not drafts or archived ones), newest first as the API lists them. */
export const INSIGHTS_CAMPAIGNS_QUERY: TypedDocumentNode<
  { campaigns: { totalCount: number; edges: Array<{ node: InsightsCampaignItem }> } },
  { organisationId: string }
> = gql`
  query InsightsCampaigns($organisationId: ID!) {
    campaigns(organisationId: $organisationId, first: 50, filter: { status: [ACTIVE, PAUSED, COMPLETED] }) {
      totalCount
      edges { node { id name status goal startsOn endsOn } }
    }
  }
`;
