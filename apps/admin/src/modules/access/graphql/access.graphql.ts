import { gql, type TypedDocumentNode } from '@apollo/client';

/** How many members the API returns to the caller in an organisation (for a volunteer: how many are assigned there). */
export const ASSIGNED_COUNT_QUERY: TypedDocumentNode<{ members: { totalCount: number } }, { organisationId: string }> = gql`
  query AssignedMemberCount($organisationId: ID!) {
    members(organisationId: $organisationId, first: 1) {
      totalCount
    }
  }
`;
