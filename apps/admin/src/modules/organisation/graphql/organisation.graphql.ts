import { gql, type TypedDocumentNode } from '@apollo/client';

export type OrganisationKind = 'AGENCY' | 'CLIENT' | 'UNIT';

export interface OrganisationSummary {
  id: string;
  name: string;
  slug: string;
  kind: OrganisationKind;
  parentId: string | null;
}

export interface OrganisationsData {
  organisations: { totalCount: number; edges: Array<{ cursor: string; node: OrganisationSummary }> };
}

export const ORGANISATIONS_QUERY: TypedDocumentNode<OrganisationsData, Record<string, never>> = gql`
  query AdminOrganisations {
    organisations(first: 200) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          slug
          kind
          parentId
        }
      }
    }
  }
`;
