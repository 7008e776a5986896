import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { createAuthLinks } from '@muster/access-ui';

/** The portal's Apollo client: same-origin /graphql with the session cookie and the CSRF header, insights cached per organisation. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([createAuthLinks(), new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
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
        // One insights object per organisation; the aggregates inside it have no identity of their own.
        Insights: { keyFields: ['organisationId'] },
        CountByKey: { keyFields: false },
        MonthlyMovement: { keyFields: false },
      },
    }),
  });
}
