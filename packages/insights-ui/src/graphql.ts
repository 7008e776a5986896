// Every GraphQL operation the dashboards send: each app's operation spec checks these against apps/api/schema.graphql.
export * from './insights/graphql/insights.graphql.js';
export * from './campaigns/graphql/campaign-results.graphql.js';
