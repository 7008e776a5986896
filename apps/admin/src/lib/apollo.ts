import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { createAuthLinks } from '@muster/access-ui';

/**
 * The admin app's Apollo client. The endpoint is same-origin /graphql (vite's dev proxy or the static server in
 * production pass it on), so there is no URL to configure and no CORS; the session cookie goes with every request
 * and the auth links add the CSRF header.
 */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([createAuthLinks(), new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // The list pages with prev/next, showing one page at a time: each cursor window is its own cache entry
            // (so back/forward is instant), never merged into one growing list as infinite scroll would.
            apiKeys: { keyArgs: ['organisationId', 'first', 'after'] },
            users: { keyArgs: ['organisationId', 'first', 'after'] },
            auditEvents: { keyArgs: ['filter', 'first', 'after'] },
            members: { keyArgs: ['organisationId', 'filter', 'orderBy', 'first', 'after', 'last', 'before'] },
            memberImports: { keyArgs: ['organisationId', 'status', 'first', 'after'] },
            importMappings: { keyArgs: ['organisationId'] },
            duplicateSuggestions: { keyArgs: ['organisationId', 'rule', 'first', 'after'] },
            memberMerges: { keyArgs: ['organisationId', 'first', 'after'] },
            // A member opened from the list renders at once from the normalised record, and fetches only the
            // fields the list did not have.
            member: {
              read(existing, { args, toReference }) {
                return existing ?? (args?.id ? toReference({ __typename: 'Member', id: args.id }) : undefined);
              },
            },
          },
        },
        // Connections, edges and page info have no identity of their own: they belong to the field that holds them.
        MemberConnection: { keyFields: false },
        MemberEdge: { keyFields: false },
        OrganisationConnection: { keyFields: false },
        OrganisationEdge: { keyFields: false },
        PageInfo: { keyFields: false },
        // One viewer per page load; its fields (user, roles, capabilities per organisation) merge into it.
        Viewer: { keyFields: [], merge: true },
        OrganisationRole: { keyFields: false },
        OrganisationUser: { keyFields: false },
        OrganisationUserConnection: { keyFields: false },
        OrganisationUserEdge: { keyFields: false },
        ApiKeyConnection: { keyFields: false },
        ApiKeyEdge: { keyFields: false },
        AuditEventConnection: { keyFields: false },
        AuditEventEdge: { keyFields: false },
        Insights: { keyFields: ['organisationId'] },
        CountByKey: { keyFields: false },
        // Imports: the record is normalised by id (so polling updates every view of it); its parts belong to it.
        ImportCounts: { keyFields: false },
        ImportColumn: { keyFields: false },
        ImportRowSample: { keyFields: false },
        ImportMappingColumn: { keyFields: false },
        MemberImportConnection: { keyFields: false },
        MemberImportEdge: { keyFields: false },
        DuplicateSuggestionConnection: { keyFields: false },
        DuplicateSuggestionEdge: { keyFields: false },
        MemberMergeConnection: { keyFields: false },
        MemberMergeEdge: { keyFields: false },
      },
    }),
  });
}
