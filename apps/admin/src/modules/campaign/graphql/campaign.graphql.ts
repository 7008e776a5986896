// The campaign, action and response operations of the admin app (issue 6), typed by hand against
// apps/api/schema.graphql; campaign.graphql.spec.ts validates every document here against that schema. The results
// query (funnel, by channel and volunteer, activity, donation totals) is shared with the dashboards: it lives in
// @muster/insights-ui (CAMPAIGN_RESULTS_QUERY).
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResponseChannel, ResponseState } from '@muster/domain';

export type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED';
export type CampaignTeamRole = 'LEAD' | 'ORGANISER' | 'CALLER' | 'TEXTER';
export type ActionType = 'PHONE_BANK_SIGNUP' | 'DONATION' | 'PETITION' | 'EVENT' | 'SURVEY' | 'CUSTOM';
export type ActionStatus = 'DRAFT' | 'OPEN' | 'CLOSED';

export interface PageInfoData { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }
export interface Connection<T> { totalCount: number; pageInfo: PageInfoData; edges: Array<{ cursor: string; node: T }> }

export interface CampaignTeamMemberData { userId: string; name: string | null; email: string | null; role: CampaignTeamRole }

export interface CampaignListItem {
  id: string;
  name: string;
  goal: string | null;
  status: CampaignStatus;
  startsOn: string | null;
  endsOn: string | null;
  channels: ResponseChannel[];
  actionCount: number;
  updatedAt: string;
}

export interface CampaignItem extends CampaignListItem {
  organisationId: string;
  description: string | null;
  goalCount: number | null;
  targetSegmentId: string | null;
  targetSegment: { id: string; name: string } | null;
  team: CampaignTeamMemberData[];
  createdAt: string;
}

const CAMPAIGN_LIST_FIELDS = gql`
  fragment CampaignListFields on Campaign {
    id
    name
    goal
    status
    startsOn
    endsOn
    channels
    actionCount
    updatedAt
  }
`;

const CAMPAIGN_FIELDS = gql`
  fragment CampaignFields on Campaign {
    ...CampaignListFields
    organisationId
    description
    goalCount
    targetSegmentId
    targetSegment { id name }
    team { userId name email role }
    createdAt
  }
  ${CAMPAIGN_LIST_FIELDS}
`;

export interface CampaignsVariables {
  organisationId: string;
  first?: number;
  after?: string;
  filter?: { status?: CampaignStatus[]; search?: string };
}

export const CAMPAIGNS_QUERY: TypedDocumentNode<{ campaigns: Connection<CampaignListItem> }, CampaignsVariables> = gql`
  query Campaigns($organisationId: ID!, $first: Int, $after: String, $filter: CampaignFilter) {
    campaigns(organisationId: $organisationId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...CampaignListFields } }
    }
  }
  ${CAMPAIGN_LIST_FIELDS}
`;

export const CAMPAIGN_QUERY: TypedDocumentNode<{ campaign: CampaignItem | null }, { id: string }> = gql`
  query Campaign($id: ID!) {
    campaign(id: $id) { ...CampaignFields }
  }
  ${CAMPAIGN_FIELDS}
`;

export interface CampaignInputFields {
  name?: string;
  description?: string | null;
  goal?: string | null;
  goalCount?: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
  status?: CampaignStatus;
  targetSegmentId?: string | null;
  channels?: ResponseChannel[];
  team?: Array<{ userId: string; role: CampaignTeamRole }>;
}

export const CREATE_CAMPAIGN_MUTATION: TypedDocumentNode<{ createCampaign: CampaignItem }, { input: CampaignInputFields & { organisationId: string } }> = gql`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) { ...CampaignFields }
  }
  ${CAMPAIGN_FIELDS}
`;

export const UPDATE_CAMPAIGN_MUTATION: TypedDocumentNode<{ updateCampaign: CampaignItem }, { id: string; input: CampaignInputFields }> = gql`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) { ...CampaignFields }
  }
  ${CAMPAIGN_FIELDS}
`;

export const DELETE_CAMPAIGN_MUTATION: TypedDocumentNode<{ deleteCampaign: boolean }, { id: string }> = gql`
  mutation DeleteCampaign($id: ID!) {
    deleteCampaign(id: $id)
  }
`;

/**
 * The team picker's candidates (campaign:write): the users with a role in the organisation or in its parent — the
 * agency's staff and volunteers — by name.
 */
export const TEAM_CANDIDATES_QUERY: TypedDocumentNode<
  { campaignTeamCandidates: Array<{ id: string; name: string | null; email: string | null }> },
  { organisationId: string }
> = gql`
  query CampaignTeamCandidates($organisationId: ID!) {
    campaignTeamCandidates(organisationId: $organisationId, first: 200) { id name email }
  }
`;

/** The member picker of the "record" forms: a few members matching what was typed (name, email or phone). */
export const MEMBER_PICKER_QUERY: TypedDocumentNode<
  { members: { totalCount: number; edges: Array<{ node: { id: string; fullName: string; email: string | null } }> } },
  { organisationId: string; search: string }
> = gql`
  query CampaignMemberPicker($organisationId: ID!, $search: String!) {
    members(organisationId: $organisationId, first: 10, filter: { search: $search }) { totalCount edges { node { id fullName email } } }
  }
`;

// ——— Actions ———

export interface ActionPageData { headline: string | null; body: string | null; buttonLabel: string | null; donationAmountsPence: number[]; thankYou: string | null }

export interface ActionListItem {
  id: string;
  campaignId: string;
  type: ActionType;
  title: string;
  status: ActionStatus;
  goalCount: number | null;
  startsAt: string | null;
  endsAt: string | null;
  dueAt: string | null;
  pageUrl: string;
  updatedAt: string;
}

export interface ActionItem extends ActionListItem {
  organisationId: string;
  description: string | null;
  reminderOffsetsMinutes: number[];
  publicSlug: string;
  page: ActionPageData;
  consentWording: string | null;
  createdAt: string;
  campaign: { id: string; name: string; organisationId: string };
}

const ACTION_LIST_FIELDS = gql`
  fragment ActionListFields on Action {
    id
    campaignId
    type
    title
    status
    goalCount
    startsAt
    endsAt
    dueAt
    pageUrl
    updatedAt
  }
`;

const ACTION_FIELDS = gql`
  fragment ActionFields on Action {
    ...ActionListFields
    organisationId
    description
    reminderOffsetsMinutes
    publicSlug
    page { headline body buttonLabel donationAmountsPence thankYou }
    consentWording
    createdAt
    campaign { id name organisationId }
  }
  ${ACTION_LIST_FIELDS}
`;

export interface ActionsVariables {
  organisationId: string;
  campaignId?: string;
  first?: number;
  after?: string;
  filter?: { type?: ActionType[]; status?: ActionStatus[]; search?: string };
}

export const ACTIONS_QUERY: TypedDocumentNode<{ actions: Connection<ActionListItem> }, ActionsVariables> = gql`
  query Actions($organisationId: ID!, $campaignId: ID, $first: Int, $after: String, $filter: ActionFilter) {
    actions(organisationId: $organisationId, campaignId: $campaignId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...ActionListFields } }
    }
  }
  ${ACTION_LIST_FIELDS}
`;

export const ACTION_QUERY: TypedDocumentNode<{ action: ActionItem | null }, { id: string }> = gql`
  query Action($id: ID!) {
    action(id: $id) { ...ActionFields }
  }
  ${ACTION_FIELDS}
`;

export interface ActionInputFields {
  type?: ActionType;
  title?: string;
  description?: string | null;
  status?: ActionStatus;
  goalCount?: number | null;
  startsAt?: string | null;
  endsAt?: string | null;
  dueAt?: string | null;
  reminderOffsetsMinutes?: number[];
  page?: Partial<ActionPageData>;
  consentWording?: string | null;
}

export const CREATE_ACTION_MUTATION: TypedDocumentNode<{ createAction: ActionItem }, { input: ActionInputFields & { campaignId: string } }> = gql`
  mutation CreateAction($input: CreateActionInput!) {
    createAction(input: $input) { ...ActionFields }
  }
  ${ACTION_FIELDS}
`;

export const UPDATE_ACTION_MUTATION: TypedDocumentNode<{ updateAction: ActionItem }, { id: string; input: ActionInputFields }> = gql`
  mutation UpdateAction($id: ID!, $input: UpdateActionInput!) {
    updateAction(id: $id, input: $input) { ...ActionFields }
  }
  ${ACTION_FIELDS}
`;

export const DELETE_ACTION_MUTATION: TypedDocumentNode<{ deleteAction: boolean }, { id: string }> = gql`
  mutation DeleteAction($id: ID!) {
    deleteAction(id: $id)
  }
`;

// ——— Responses ———

export interface ActionResponseItem {
  id: string;
  actionId: string;
  campaignId: string;
  memberId: string;
  state: ResponseState;
  channel: ResponseChannel;
  creditedUserId: string | null;
  askedAt: string | null;
  committedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  dueAt: string | null;
  reminderCount: number;
  updatedAt: string;
  action: { id: string; title: string };
  member: { id: string; fullName: string } | null;
  creditedUser: { id: string; name: string | null; email: string | null } | null;
}

const RESPONSE_FIELDS = gql`
  fragment ActionResponseFields on ActionResponse {
    id
    actionId
    campaignId
    memberId
    state
    channel
    creditedUserId
    askedAt
    committedAt
    completedAt
    closedAt
    dueAt
    reminderCount
    updatedAt
    action { id title }
    member { id fullName }
    creditedUser { id name email }
  }
`;

export interface ActionResponsesVariables {
  organisationId: string;
  campaignId?: string;
  actionId?: string;
  memberId?: string;
  first?: number;
  after?: string;
  filter?: { state?: ResponseState[]; channel?: ResponseChannel[]; creditedUserId?: string };
}

export const ACTION_RESPONSES_QUERY: TypedDocumentNode<{ actionResponses: Connection<ActionResponseItem> }, ActionResponsesVariables> = gql`
  query ActionResponses($organisationId: ID!, $campaignId: ID, $actionId: ID, $memberId: ID, $first: Int, $after: String, $filter: ActionResponseFilter) {
    actionResponses(organisationId: $organisationId, campaignId: $campaignId, actionId: $actionId, memberId: $memberId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...ActionResponseFields } }
    }
  }
  ${RESPONSE_FIELDS}
`;

export interface RecordActionResponseInput {
  actionId: string;
  memberId: string;
  state: ResponseState;
  channel: ResponseChannel;
  creditedUserId?: string | null;
  note?: string | null;
  dueAt?: string | null;
}

export const RECORD_ACTION_RESPONSE_MUTATION: TypedDocumentNode<{ recordActionResponse: ActionResponseItem }, { input: RecordActionResponseInput }> = gql`
  mutation RecordActionResponse($input: RecordActionResponseInput!) {
    recordActionResponse(input: $input) { ...ActionResponseFields }
  }
  ${RESPONSE_FIELDS}
`;
