import { gql, type TypedDocumentNode } from '@apollo/client';
import type { OrganisationKind, Role } from '../lib/roles.js';

export interface ViewerOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
}

export interface ViewerData {
  viewer: {
    user: { id: string; email: string; name: string } | null;
    roles: Array<{ role: Role; organisation: ViewerOrganisation }>;
  };
}

export const VIEWER_QUERY: TypedDocumentNode<ViewerData, Record<string, never>> = gql`
  query Viewer {
    viewer {
      user {
        id
        email
        name
      }
      roles {
        role
        organisation {
          id
          name
          kind
          parentId
        }
      }
    }
  }
`;

export const CAPABILITIES_QUERY: TypedDocumentNode<{ viewer: { here: string[]; home: string[] } }, { organisationId: string; homeId: string }> = gql`
  query ViewerCapabilities($organisationId: ID!, $homeId: ID!) {
    viewer {
      here: capabilities(organisationId: $organisationId)
      home: capabilities(organisationId: $homeId)
    }
  }
`;

export const LOGIN_MUTATION: TypedDocumentNode<{ login: { expiresAt: string } }, { email: string; password: string }> = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      expiresAt
    }
  }
`;

export const LOGOUT_MUTATION: TypedDocumentNode<{ logout: boolean }, Record<string, never>> = gql`
  mutation Logout {
    logout
  }
`;

export const LOGOUT_EVERYWHERE_MUTATION: TypedDocumentNode<{ logoutEverywhere: number }, Record<string, never>> = gql`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`;

export interface SessionRow {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export const SESSIONS_QUERY: TypedDocumentNode<{ sessions: SessionRow[] }, Record<string, never>> = gql`
  query Sessions {
    sessions {
      id
      createdAt
      lastUsedAt
      expiresAt
      userAgent
      ip
      current
    }
  }
`;

export const REVOKE_SESSION_MUTATION: TypedDocumentNode<{ revokeSession: boolean }, { id: string }> = gql`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

export const ACCEPT_INVITATION_MUTATION: TypedDocumentNode<{ acceptInvitation: { expiresAt: string } }, { token: string; name: string; password: string }> = gql`
  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
    acceptInvitation(token: $token, name: $name, password: $password) {
      expiresAt
    }
  }
`;
