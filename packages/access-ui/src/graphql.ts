// Every GraphQL operation the shared screens send: each app's operation spec checks these against apps/api/schema.graphql.
export * from './auth/graphql/auth.graphql.js';
export * from './access/graphql/access.graphql.js';
