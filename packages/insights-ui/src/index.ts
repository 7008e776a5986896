// The insight dashboards shared by the portal and the admin app: the query, the scope kept in the URL, the panels
// (charts from @muster/ui with tables beneath, CSV per panel, print view) and the small-number rule as shown.
// It must never compute a figure the API withheld: a suppressed count has no number anywhere in the page.
export * from './insights/components/InsightsDashboard.js';
export * from './insights/components/InsightsDashboardView.js';
export * from './insights/components/InsightsFilters.js';
export * from './insights/components/InsightsPanel.js';
export * from './insights/components/InsightsSettings.js';
export * from './insights/hooks/useInsightsDashboard.js';
export * from './insights/graphql/insights.graphql.js';
export * from './insights/lib/insights-csv.js';
export * from './insights/lib/insights-model.js';
export * from './insights/lib/insights-scope.js';
