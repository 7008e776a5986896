import { gql, type TypedDocumentNode } from '@apollo/client';

export interface PortalOrganisation {
  id: string;
  name: string;
  kind: 'AGENCY' | 'CLIENT' | 'UNIT';
}

export const ORGANISATIONS_QUERY: TypedDocumentNode<{ organisations: { edges: Array<{ node: PortalOrganisation }> } }, Record<string, never>> = gql`
  query PortalOrganisations {
    organisations(first: 200) {
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`;
