// The sign-in, user, API-key and audit additions exactly as /work/contract3/CONTRACT.md names them. Used only by the
// operation spec, for the parts apps/api/schema.graphql does not have yet: whatever the committed schema defines is
// checked against the committed schema (see withContractAdditions).
import { extendSchema, parse, type DefinitionNode, type GraphQLSchema } from 'graphql';
export const CONTRACT_AUTH_SDL = /* GraphQL */ `
  enum Role { AGENCY_ADMIN ORGANISER VOLUNTEER CLIENT_ADMIN CLIENT_VIEWER }
  type User { id: ID! email: String! name: String! }
  type OrganisationRole { organisation: Organisation! role: Role! }
  type Viewer { user: User apiKey: ApiKey roles: [OrganisationRole!]! organisations: [Organisation!]! capabilities(organisationId: ID!): [String!]! }
  type LoginPayload { token: String! expiresAt: DateTime! viewer: Viewer! }
  type Session { id: ID! createdAt: DateTime! lastUsedAt: DateTime expiresAt: DateTime! userAgent: String ip: String current: Boolean! }
  type ApiKey { id: ID! organisationId: ID! name: String! role: Role! prefix: String! createdAt: DateTime! lastUsedAt: DateTime revokedAt: DateTime }
  type CreatedApiKey { apiKey: ApiKey! secret: String! }
  type OrganisationUser { user: User! role: Role! organisationId: ID! }
  type Invitation { id: ID! organisationId: ID! email: String! role: Role! expiresAt: DateTime! acceptedAt: DateTime }
  type CreatedInvitation { invitation: Invitation! token: String! }
  type AuditEvent { id: ID! organisationId: ID action: String! actorUserId: ID actorApiKeyId: ID actorLabel: String!
    targetType: String targetIds: [String!]! ip: String userAgent: String requestId: String createdAt: DateTime! }
  type ApiKeyEdge { cursor: String! node: ApiKey! }
  type ApiKeyConnection { edges: [ApiKeyEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type OrganisationUserEdge { cursor: String! node: OrganisationUser! }
  type OrganisationUserConnection { edges: [OrganisationUserEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type AuditEventEdge { cursor: String! node: AuditEvent! }
  type AuditEventConnection { edges: [AuditEventEdge!]! pageInfo: PageInfo! totalCount: Int! }
  input DateTimeFilter { gte: DateTime lte: DateTime }
  input AuditEventFilter { action: StringFilter actorUserId: ID organisationId: ID createdAt: DateTimeFilter }
  input CreateInvitationInput { organisationId: ID! email: String! role: Role! }
  input CreateApiKeyInput { organisationId: ID! name: String! role: Role! }
  extend type Query {
    viewer: Viewer!
    sessions: [Session!]!
    users(organisationId: ID!, first: Int, after: String): OrganisationUserConnection!
    invitations(organisationId: ID!): [Invitation!]!
    apiKeys(organisationId: ID!, first: Int, after: String): ApiKeyConnection!
    auditEvents(first: Int, after: String, filter: AuditEventFilter): AuditEventConnection!
  }
  extend type Mutation {
    login(email: String!, password: String!): LoginPayload!
    logout: Boolean!
    logoutEverywhere: Int!
    revokeSession(id: ID!): Boolean!
    changePassword(currentPassword: String!, newPassword: String!): Boolean!
    createInvitation(input: CreateInvitationInput!): CreatedInvitation!
    acceptInvitation(token: String!, name: String!, password: String!): LoginPayload!
    setUserRole(organisationId: ID!, userId: ID!, role: Role): OrganisationUser
    createApiKey(input: CreateApiKeyInput!): CreatedApiKey!
    revokeApiKey(id: ID!): ApiKey!
  }
`;

/** The committed schema plus only those contract types and Query/Mutation fields it does not define yet. */
export function withContractAdditions(committed: GraphQLSchema): { schema: GraphQLSchema; missing: string[] } {
  const missing: string[] = [];
  const definitions: DefinitionNode[] = [];
  for (const def of parse(CONTRACT_AUTH_SDL).definitions) {
    if (def.kind === 'ObjectTypeExtension') {
      const root = committed.getType(def.name.value);
      const existing = root && 'getFields' in root ? root.getFields() : {};
      const fields = (def.fields ?? []).filter((f) => !(f.name.value in existing));
      missing.push(...fields.map((f) => `${def.name.value}.${f.name.value}`));
      if (fields.length) definitions.push({ ...def, fields });
    } else if ('name' in def && def.name && !committed.getType(def.name.value)) {
      missing.push(def.name.value);
      definitions.push(def);
    }
  }
  const schema = definitions.length ? extendSchema(committed, { kind: 'Document' as never, definitions }) : committed;
  return { schema, missing };
}
