import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** The portal's Apollo client: same-origin /graphql, insights cached per organisation. */
export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql' }),
    cache: new InMemoryCache({
      typePolicies: {
        OrganisationConnection: { keyFields: false },
        OrganisationEdge: { keyFields: false },
        PageInfo: { keyFields: false },
        // One insights object per organisation; the aggregates inside it have no identity of their own.
        Insights: { keyFields: ['organisationId'] },
        CountByKey: { keyFields: false },
        MonthlyMovement: { keyFields: false },
      },
    }),
  });
}
