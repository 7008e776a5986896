// The insight dashboards shared by the portal and the admin app: the query, the scope kept in the URL, the panels
// (charts from @muster/ui with tables beneath, CSV per panel, print view) and the small-number rule as shown; and the
// campaign results (issue 6) that the dashboards' "Campaigns and actions" panel and the admin campaign page share.
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
export * from './campaigns/components/CampaignResultsView.js';
export * from './campaigns/components/CampaignsPanel.js';
export * from './campaigns/graphql/campaign-results.graphql.js';
export * from './campaigns/lib/campaign-results-model.js';
