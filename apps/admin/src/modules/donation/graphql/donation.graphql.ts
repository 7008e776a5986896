// The donation operations of the admin app (issue 6), typed by hand against apps/api/schema.graphql;
// donation.graphql.spec.ts validates every document here against that schema. Money is integer pence throughout.
import { gql, type TypedDocumentNode } from '@apollo/client';

export type DonationStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';
export type DonationKind = 'ONE_OFF' | 'RECURRING';

export interface DonationItem {
  id: string;
  organisationId: string;
  memberId: string | null;
  member: { id: string; fullName: string } | null;
  campaignId: string | null;
  actionId: string | null;
  amountPence: number;
  currency: string;
  kind: DonationKind;
  status: DonationStatus;
  refundedPence: number;
  giftAid: boolean;
  giftAidPence: number | null;
  channel: string | null;
  provider: string;
  providerPaymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: string;
  succeededAt: string | null;
}

const DONATION_FIELDS = gql`
  fragment DonationFields on Donation {
    id
    organisationId
    memberId
    member { id fullName }
    campaignId
    actionId
    amountPence
    currency
    kind
    status
    refundedPence
    giftAid
    giftAidPence
    channel
    provider
    providerPaymentId
    failureCode
    failureMessage
    createdAt
    succeededAt
  }
`;

export interface DonationsVariables {
  organisationId: string;
  campaignId?: string;
  memberId?: string;
  first?: number;
  after?: string;
  filter?: { status?: DonationStatus[]; kind?: DonationKind; from?: string; to?: string };
}

export const DONATIONS_QUERY: TypedDocumentNode<
  { donations: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: DonationItem }> } },
  DonationsVariables
> = gql`
  query Donations($organisationId: ID!, $campaignId: ID, $memberId: ID, $first: Int, $after: String, $filter: DonationFilter) {
    donations(organisationId: $organisationId, campaignId: $campaignId, memberId: $memberId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...DonationFields } }
    }
  }
  ${DONATION_FIELDS}
`;

export const REFUND_DONATION_MUTATION: TypedDocumentNode<{ refundDonation: DonationItem }, { id: string; amountPence: number; reason: string }> = gql`
  mutation RefundDonation($id: ID!, $amountPence: Int!, $reason: String!) {
    refundDonation(id: $id, amountPence: $amountPence, reason: $reason) { ...DonationFields }
  }
  ${DONATION_FIELDS}
`;

export interface RecordDonationInput {
  organisationId: string;
  memberId?: string | null;
  campaignId?: string | null;
  actionId?: string | null;
  amountPence: number;
  giftAid?: boolean;
  note?: string | null;
}

/** A gift received outside the card provider (cash, cheque): recorded as paid, provider MANUAL. */
export const RECORD_DONATION_MUTATION: TypedDocumentNode<{ recordDonation: DonationItem }, { input: RecordDonationInput }> = gql`
  mutation RecordDonation($input: RecordDonationInput!) {
    recordDonation(input: $input) { ...DonationFields }
  }
  ${DONATION_FIELDS}
`;

/** Totals for the donations page header (the same numbers as the campaign dashboard's). */
export const DONATION_TOTALS_QUERY: TypedDocumentNode<
  { donationTotals: { count: number | null; totalPence: number | null; refundedPence: number | null; netPence: number | null; giftAidPence: number | null; recurringCount: number | null; suppressed: boolean } },
  { organisationId: string; campaignId?: string; from?: string; to?: string }
> = gql`
  query DonationTotals($organisationId: ID!, $campaignId: ID, $from: DateTime, $to: DateTime) {
    donationTotals(organisationId: $organisationId, campaignId: $campaignId, from: $from, to: $to) {
      count totalPence refundedPence netPence giftAidPence recurringCount suppressed
    }
  }
`;

/** The campaign filter's options: names only. */
export const DONATION_CAMPAIGN_OPTIONS_QUERY: TypedDocumentNode<
  { campaigns: { edges: Array<{ node: { id: string; name: string } }> } },
  { organisationId: string }
> = gql`
  query DonationCampaignOptions($organisationId: ID!) {
    campaigns(organisationId: $organisationId, first: 200) { edges { node { id name } } }
  }
`;

export type DonationPlanStatus = 'PENDING' | 'ACTIVE' | 'CANCELLED' | 'FAILED';

/** A monthly (or yearly) gift: each paid or failed month is a donation with its planId. */
export interface DonationPlanItem {
  id: string;
  organisationId: string;
  memberId: string | null;
  member: { id: string; fullName: string } | null;
  campaignId: string | null;
  actionId: string | null;
  amountPence: number;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  status: DonationPlanStatus;
  giftAid: boolean;
  channel: string | null;
  provider: string;
  failedPaymentCount: number;
  lastFailureCode: string | null;
  lastFailureMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  cancelledAt: string | null;
}

const DONATION_PLAN_FIELDS = gql`
  fragment DonationPlanFields on DonationPlan {
    id
    organisationId
    memberId
    member { id fullName }
    campaignId
    actionId
    amountPence
    currency
    interval
    status
    giftAid
    channel
    provider
    failedPaymentCount
    lastFailureCode
    lastFailureMessage
    createdAt
    startedAt
    cancelledAt
  }
`;

export interface DonationPlansVariables {
  organisationId: string;
  memberId?: string;
  campaignId?: string;
  status?: DonationPlanStatus[];
  first?: number;
  after?: string;
}

export const DONATION_PLANS_QUERY: TypedDocumentNode<
  { donationPlans: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: DonationPlanItem }> } },
  DonationPlansVariables
> = gql`
  query DonationPlans($organisationId: ID!, $memberId: ID, $campaignId: ID, $status: [DonationPlanStatus!], $first: Int, $after: String) {
    donationPlans(organisationId: $organisationId, memberId: $memberId, campaignId: $campaignId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...DonationPlanFields } }
    }
  }
  ${DONATION_PLAN_FIELDS}
`;

/** Stops a plan: at the card provider first; audit-logged with the reason. */
export const CANCEL_DONATION_PLAN_MUTATION: TypedDocumentNode<{ cancelDonationPlan: DonationPlanItem }, { id: string; reason: string }> = gql`
  mutation CancelDonationPlan($id: ID!, $reason: String!) {
    cancelDonationPlan(id: $id, reason: $reason) { ...DonationPlanFields }
  }
  ${DONATION_PLAN_FIELDS}
`;
