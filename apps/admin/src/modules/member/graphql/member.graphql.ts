// The member operations of the admin app, typed by hand against apps/api/schema.graphql; member.graphql.spec.ts
// validates every document here against that schema so a renamed field fails a test, not a person's screen.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ConsentStatus, MemberStatus } from '@muster/domain';

export type MemberOrderField = 'LAST_NAME' | 'FIRST_NAME' | 'JOINED_ON' | 'CREATED_AT' | 'MEMBERSHIP_NUMBER';
export type SortDirection = 'ASC' | 'DESC';

export interface MemberListItem {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  membershipNumber: string | null;
  status: MemberStatus;
  joinedOn: string | null;
  tags: string[];
  issues: string[];
}

export interface MemberDetail extends MemberListItem {
  organisationId: string;
  firstName: string;
  lastName: string;
  emails: Array<{ id: string; address: string; primary: boolean }>;
  phones: Array<{ id: string; e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN'; primary: boolean }>;
  employer: string | null;
  leftOn: string | null;
  smsConsent: ConsentStatus;
  emailConsent: ConsentStatus;
  supportLevel: number | null;
  engagementScore: number;
  createdAt: string;
  updatedAt: string;
}

export interface StringFilter { eq?: string; in?: string[]; startsWith?: string }
export interface MemberFilter {
  status?: { eq?: MemberStatus; in?: MemberStatus[] };
  region?: StringFilter;
  branch?: StringFilter;
  workplace?: StringFilter;
  employer?: StringFilter;
  tags?: { containsAny?: string[]; containsAll?: string[] };
  issues?: { containsAny?: string[]; containsAll?: string[] };
  smsConsent?: { eq?: ConsentStatus };
  emailConsent?: { eq?: ConsentStatus };
  joinedOn?: { gte?: string; lte?: string };
  search?: string;
  segmentId?: string;
}

export interface MembersVariables {
  organisationId: string;
  first?: number;
  after?: string;
  last?: number;
  before?: string;
  filter?: MemberFilter;
  orderBy?: { field: MemberOrderField; direction: SortDirection };
}

export interface MembersData {
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: MemberListItem }>;
  };
}

const MEMBER_LIST_FIELDS = gql`
  fragment MemberListFields on Member {
    id
    fullName
    email
    phone
    postcode
    region
    branch
    workplace
    membershipNumber
    status
    joinedOn
    tags
    issues
  }
`;

export const MEMBERS_QUERY: TypedDocumentNode<MembersData, MembersVariables> = gql`
  query AdminMembers($organisationId: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: MemberFilter, $orderBy: MemberOrder) {
    members(organisationId: $organisationId, first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...MemberListFields
        }
      }
    }
  }
  ${MEMBER_LIST_FIELDS}
`;

const MEMBER_DETAIL_FIELDS = gql`
  fragment MemberDetailFields on Member {
    ...MemberListFields
    organisationId
    firstName
    lastName
    emails {
      id
      address
      primary
    }
    phones {
      id
      e164
      type
      primary
    }
    employer
    leftOn
    smsConsent
    emailConsent
    supportLevel
    engagementScore
    createdAt
    updatedAt
  }
  ${MEMBER_LIST_FIELDS}
`;

export const MEMBER_QUERY: TypedDocumentNode<{ member: MemberDetail }, { id: string }> = gql`
  query AdminMember($id: ID!) {
    member(id: $id) {
      ...MemberDetailFields
    }
  }
  ${MEMBER_DETAIL_FIELDS}
`;

export interface MemberInputFields {
  firstName?: string;
  lastName?: string;
  emails?: string[];
  phones?: string[];
  postcode?: string | null;
  region?: string | null;
  branch?: string | null;
  workplace?: string | null;
  employer?: string | null;
  membershipNumber?: string | null;
  status?: MemberStatus;
  joinedOn?: string | null;
  leftOn?: string | null;
  tags?: string[];
  issues?: string[];
  smsConsent?: ConsentStatus;
  emailConsent?: ConsentStatus;
  supportLevel?: number | null;
}

export type CreateMemberInput = MemberInputFields & { organisationId: string; firstName: string; lastName: string };

export const CREATE_MEMBER_MUTATION: TypedDocumentNode<{ createMember: MemberDetail }, { input: CreateMemberInput }> = gql`
  mutation AdminCreateMember($input: CreateMemberInput!) {
    createMember(input: $input) {
      ...MemberDetailFields
    }
  }
  ${MEMBER_DETAIL_FIELDS}
`;

export const UPDATE_MEMBER_MUTATION: TypedDocumentNode<{ updateMember: MemberDetail }, { id: string; input: MemberInputFields }> = gql`
  mutation AdminUpdateMember($id: ID!, $input: UpdateMemberInput!) {
    updateMember(id: $id, input: $input) {
      ...MemberDetailFields
    }
  }
  ${MEMBER_DETAIL_FIELDS}
`;

export interface RegionOptionsData {
  insights: { organisationId: string; breakdown: { rows: Array<{ key: string }> } };
}

/** The regions an organisation's members are in, to offer as filter choices (names only; counts are not asked for). */
export const REGION_OPTIONS_QUERY: TypedDocumentNode<RegionOptionsData, { organisationId: string }> = gql`
  query AdminRegionOptions($organisationId: ID!) {
    insights(organisationId: $organisationId) {
      organisationId
      breakdown(dimension: REGION, limit: 500) {
        rows {
          key
        }
      }
    }
  }
`;