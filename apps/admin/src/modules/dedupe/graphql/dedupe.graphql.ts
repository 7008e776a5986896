// The duplicate-review and merge operations of the admin app, typed by hand against the issue-4 contract
// (apps/api/schema.graphql once the dedupe API is in); dedupe.graphql.spec.ts validates every document against it.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { MemberStatus } from '@muster/domain';

export const DUPLICATE_RULES = ['SAME_EMAIL', 'SAME_MOBILE', 'SAME_NAME_POSTCODE'] as const;
export type DuplicateRule = (typeof DUPLICATE_RULES)[number];

/** What the comparison shows of each member: everything a person weighs when deciding which record to keep. */
export interface ComparedMember {
  id: string;
  fullName: string;
  firstName: string;
  lastName: string;
  membershipNumber: string | null;
  emails: Array<{ id: string; address: string; primary: boolean }>;
  phones: Array<{ id: string; e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN'; primary: boolean }>;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  status: MemberStatus;
  joinedOn: string | null;
  tags: string[];
  issues: string[];
  supportLevel: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateSuggestion { id: string; organisationId: string; rule: DuplicateRule; matchedValue: string; members: ComparedMember[]; createdAt: string }

interface PageInfo { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }

export interface DuplicateSuggestionsData {
  duplicateSuggestions: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: DuplicateSuggestion }> };
}
export interface DuplicateSuggestionsVariables { organisationId: string; first?: number; after?: string; rule?: DuplicateRule }

const COMPARED_MEMBER = gql`
  fragment ComparedMemberFields on Member {
    id
    fullName
    firstName
    lastName
    membershipNumber
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
    postcode
    region
    branch
    workplace
    employer
    status
    joinedOn
    tags
    issues
    supportLevel
    createdAt
    updatedAt
  }
`;

export const DUPLICATE_SUGGESTIONS_QUERY: TypedDocumentNode<DuplicateSuggestionsData, DuplicateSuggestionsVariables> = gql`
  query AdminDuplicateSuggestions($organisationId: ID!, $first: Int, $after: String, $rule: DuplicateRule) {
    duplicateSuggestions(organisationId: $organisationId, first: $first, after: $after, rule: $rule) {
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
          id
          organisationId
          rule
          matchedValue
          createdAt
          members {
            ...ComparedMemberFields
          }
        }
      }
    }
  }
  ${COMPARED_MEMBER}
`;

export const REFRESH_DUPLICATE_SUGGESTIONS_MUTATION: TypedDocumentNode<{ refreshDuplicateSuggestions: number }, { organisationId: string }> = gql`
  mutation AdminRefreshDuplicateSuggestions($organisationId: ID!) {
    refreshDuplicateSuggestions(organisationId: $organisationId)
  }
`;

export const MARK_NOT_DUPLICATE_MUTATION: TypedDocumentNode<{ markNotDuplicate: boolean }, { suggestionId: string }> = gql`
  mutation AdminMarkNotDuplicate($suggestionId: ID!) {
    markNotDuplicate(suggestionId: $suggestionId)
  }
`;

export interface MemberMerge {
  id: string;
  organisationId: string;
  survivor: { id: string; fullName: string } | null;
  mergedMemberIds: string[];
  mergedNames: string[];
  createdBy: string;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

const MERGE = gql`
  fragment MemberMergeFields on MemberMerge {
    id
    organisationId
    survivor {
      id
      fullName
    }
    mergedMemberIds
    mergedNames
    createdBy
    createdAt
    undoneAt
    undoneBy
  }
`;

export interface MergeMembersInput { organisationId: string; survivorId: string; mergedIds: string[]; suggestionId?: string }

export const MERGE_MEMBERS_MUTATION: TypedDocumentNode<{ mergeMembers: MemberMerge }, { input: MergeMembersInput }> = gql`
  mutation AdminMergeMembers($input: MergeMembersInput!) {
    mergeMembers(input: $input) {
      ...MemberMergeFields
    }
  }
  ${MERGE}
`;

export const UNMERGE_MEMBERS_MUTATION: TypedDocumentNode<{ unmergeMembers: MemberMerge }, { mergeId: string }> = gql`
  mutation AdminUnmergeMembers($mergeId: ID!) {
    unmergeMembers(mergeId: $mergeId) {
      ...MemberMergeFields
    }
  }
  ${MERGE}
`;

export interface MemberMergesData { memberMerges: { totalCount: number; pageInfo: PageInfo; edges: Array<{ cursor: string; node: MemberMerge }> } }

export const MEMBER_MERGES_QUERY: TypedDocumentNode<MemberMergesData, { organisationId: string; first?: number; after?: string }> = gql`
  query AdminMemberMerges($organisationId: ID!, $first: Int, $after: String) {
    memberMerges(organisationId: $organisationId, first: $first, after: $after) {
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
          ...MemberMergeFields
        }
      }
    }
  }
  ${MERGE}
`;
