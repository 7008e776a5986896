// The segment operations of the admin app, typed by hand against apps/api/schema.graphql; segment.graphql.spec.ts
// validates every document here against that schema.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SegmentDefinition } from '@muster/domain';

export interface SegmentItem {
  id: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  memberCount: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  frozenAt: string | null;
}

const SEGMENT_FIELDS = gql`
  fragment SegmentFields on Segment {
    id
    name
    description
    definition
    memberCount
    createdBy
    createdAt
    updatedAt
    frozenAt
  }
`;

export interface SegmentsData {
  segments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: SegmentItem }>;
  };
}

export const SEGMENTS_QUERY: TypedDocumentNode<SegmentsData, { organisationId: string; first?: number; after?: string; search?: string }> = gql`
  query Segments($organisationId: ID!, $first: Int, $after: String, $search: String) {
    segments(organisationId: $organisationId, first: $first, after: $after, search: $search) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { ...SegmentFields } }
    }
  }
  ${SEGMENT_FIELDS}
`;

/** The picker on the members list: names only, no counts (cheap). */
export const SEGMENT_OPTIONS_QUERY: TypedDocumentNode<
  { segments: { edges: Array<{ node: { id: string; name: string; frozenAt: string | null } }> } },
  { organisationId: string }
> = gql`
  query SegmentOptions($organisationId: ID!) {
    segments(organisationId: $organisationId, first: 200) { edges { node { id name frozenAt } } }
  }
`;

export const SEGMENT_QUERY: TypedDocumentNode<{ segment: SegmentItem }, { id: string }> = gql`
  query Segment($id: ID!) {
    segment(id: $id) { ...SegmentFields }
  }
  ${SEGMENT_FIELDS}
`;

export const SEGMENT_PREVIEW_QUERY: TypedDocumentNode<
  { segmentPreview: { memberCount: number; tookMs: number } },
  { organisationId: string; definition: SegmentDefinition }
> = gql`
  query SegmentPreview($organisationId: ID!, $definition: SegmentDefinition!) {
    segmentPreview(organisationId: $organisationId, definition: $definition) { memberCount tookMs }
  }
`;

export interface SegmentInputFields { name?: string; description?: string | null; definition?: SegmentDefinition }

export const CREATE_SEGMENT_MUTATION: TypedDocumentNode<{ createSegment: SegmentItem }, { input: SegmentInputFields & { organisationId: string } }> = gql`
  mutation CreateSegment($input: CreateSegmentInput!) {
    createSegment(input: $input) { ...SegmentFields }
  }
  ${SEGMENT_FIELDS}
`;

export const UPDATE_SEGMENT_MUTATION: TypedDocumentNode<{ updateSegment: SegmentItem }, { id: string; input: SegmentInputFields }> = gql`
  mutation UpdateSegment($id: ID!, $input: UpdateSegmentInput!) {
    updateSegment(id: $id, input: $input) { ...SegmentFields }
  }
  ${SEGMENT_FIELDS}
`;

export const DELETE_SEGMENT_MUTATION: TypedDocumentNode<{ deleteSegment: boolean }, { id: string }> = gql`
  mutation DeleteSegment($id: ID!) {
    deleteSegment(id: $id)
  }
`;

export const FREEZE_SEGMENT_MUTATION: TypedDocumentNode<{ freezeSegment: SegmentItem }, { id: string }> = gql`
  mutation FreezeSegment($id: ID!) {
    freezeSegment(id: $id) { ...SegmentFields }
  }
  ${SEGMENT_FIELDS}
`;

export const UNFREEZE_SEGMENT_MUTATION: TypedDocumentNode<{ unfreezeSegment: SegmentItem }, { id: string }> = gql`
  mutation UnfreezeSegment($id: ID!) {
    unfreezeSegment(id: $id) { ...SegmentFields }
  }
  ${SEGMENT_FIELDS}
`;

/** Value pickers: the imports of the organisation (for "came from import"). */
export const SEGMENT_IMPORT_OPTIONS_QUERY: TypedDocumentNode<
  { memberImports: { edges: Array<{ node: { id: string; fileName: string; createdAt: string } }> } },
  { organisationId: string }
> = gql`
  query SegmentImportOptions($organisationId: ID!) {
    memberImports(organisationId: $organisationId, first: 100) { edges { node { id fileName createdAt } } }
  }
`;

/** Value pickers: the organisation's actions (with their campaign) and campaigns (for the action and donation conditions). */
export const SEGMENT_ACTION_OPTIONS_QUERY: TypedDocumentNode<
  {
    actions: { edges: Array<{ node: { id: string; title: string; campaign: { id: string; name: string } } }> };
    campaigns: { edges: Array<{ node: { id: string; name: string } }> };
  },
  { organisationId: string }
> = gql`
  query SegmentActionOptions($organisationId: ID!) {
    actions(organisationId: $organisationId, first: 100) { edges { node { id title campaign { id name } } } }
    campaigns(organisationId: $organisationId, first: 100) { edges { node { id name } } }
  }
`;
