import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Role } from '../../auth/lib/roles.js';

export interface OrganisationUserRow {
  role: Role;
  organisationId: string;
  user: { id: string; email: string; name: string };
}

export const USERS_QUERY: TypedDocumentNode<
  { users: { totalCount: number; edges: Array<{ cursor: string; node: OrganisationUserRow }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { organisationId: string; first?: number; after?: string | null }
> = gql`
  query OrganisationUsers($organisationId: ID!, $first: Int, $after: String) {
    users(organisationId: $organisationId, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          role
          organisationId
          user {
            id
            email
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface InvitationRow {
  id: string;
  organisationId: string;
  email: string;
  role: Role;
  expiresAt: string;
  acceptedAt: string | null;
}

export const INVITATIONS_QUERY: TypedDocumentNode<{ invitations: InvitationRow[] }, { organisationId: string }> = gql`
  query Invitations($organisationId: ID!) {
    invitations(organisationId: $organisationId) {
      id
      organisationId
      email
      role
      expiresAt
      acceptedAt
    }
  }
`;

export const CREATE_INVITATION_MUTATION: TypedDocumentNode<
  { createInvitation: { token: string; invitation: InvitationRow } },
  { input: { organisationId: string; email: string; role: Role } }
> = gql`
  mutation CreateInvitation($input: CreateInvitationInput!) {
    createInvitation(input: $input) {
      token
      invitation {
        id
        organisationId
        email
        role
        expiresAt
        acceptedAt
      }
    }
  }
`;

export const SET_USER_ROLE_MUTATION: TypedDocumentNode<
  { setUserRole: OrganisationUserRow | null },
  { organisationId: string; userId: string; role: Role | null }
> = gql`
  mutation SetUserRole($organisationId: ID!, $userId: ID!, $role: Role) {
    setUserRole(organisationId: $organisationId, userId: $userId, role: $role) {
      role
      organisationId
      user {
        id
        email
        name
      }
    }
  }
`;

export interface ApiKeyRow {
  id: string;
  organisationId: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const API_KEY_FIELDS = gql`
  fragment ApiKeyFields on ApiKey {
    id
    organisationId
    name
    role
    prefix
    createdAt
    lastUsedAt
    revokedAt
  }
`;

export const API_KEYS_QUERY: TypedDocumentNode<
  { apiKeys: { totalCount: number; edges: Array<{ cursor: string; node: ApiKeyRow }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { organisationId: string; first?: number; after?: string | null }
> = gql`
  query ApiKeys($organisationId: ID!, $first: Int, $after: String) {
    apiKeys(organisationId: $organisationId, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ApiKeyFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${API_KEY_FIELDS}
`;

export const CREATE_API_KEY_MUTATION: TypedDocumentNode<
  { createApiKey: { secret: string; apiKey: ApiKeyRow } },
  { input: { organisationId: string; name: string; role: Role } }
> = gql`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
  ${API_KEY_FIELDS}
`;

export const REVOKE_API_KEY_MUTATION: TypedDocumentNode<{ revokeApiKey: ApiKeyRow }, { id: string }> = gql`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`;
