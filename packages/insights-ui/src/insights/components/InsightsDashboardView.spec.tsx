import { renderToStaticMarkup } from 'react-dom/server';
import { FIXTURE_DASHBOARD } from '../lib/insights.fixtures.js';
import { InsightsDashboardView } from './InsightsDashboardView.js';
import type { InsightsDashboardData } from '../graphql/insights.graphql.js';

const render = (data: InsightsDashboardData = FIXTURE_DASHBOARD, scope = {}) =>
  renderToStaticMarkup(<InsightsDashboardView data={data} scope={scope} onScopeChange={() => undefined} />);

describe('InsightsDashboardView', () => {
  const html = render();

  it('has every panel, each with a CSV download but the placeholder', () => {
    for (const id of ['membership', 'status', 'region', 'branch', 'workplace', 'employer', 'reach', 'issues']) {
      expect(html).toContain(`data-testid="panel-${id}"`);
      expect(html).toContain(`data-testid="csv-${id}"`);
    }
    expect(html).toContain('data-testid="panel-campaigns"');
    expect(html).not.toContain('data-testid="csv-campaigns"');
    expect(html).toContain('Campaign results are not shown in this view');
  });

  it('fills the "Campaigns and actions" panel from its slot, with the threshold\'s label', () => {
    const withPanel = renderToStaticMarkup(
      <InsightsDashboardView data={FIXTURE_DASHBOARD} scope={{}} onScopeChange={() => undefined} campaigns={({ hiddenLabel }) => <p data-testid="slot">{hiddenLabel}</p>} />,
    );
    expect(withPanel).toMatch(/data-testid="panel-campaigns"[^]*?<p data-testid="slot">&lt;5<\/p>/);
    expect(withPanel).not.toContain('campaigns-placeholder');
  });

  it('shows withheld counts as "<threshold" and never their number', () => {
    expect(html).toMatch(/data-key="Islands"[^]*?data-suppressed="true"[^>]*>&lt;5</);
    const tenFold = render({ ...FIXTURE_DASHBOARD, insights: { ...FIXTURE_DASHBOARD.insights, suppressionThreshold: 10 } });
    expect(tenFold).toContain('&lt;10');
    expect(tenFold).not.toContain('&lt;5<');
  });

  it('reads the figures a union officer looks for first', () => {
    expect(html).toMatch(/data-testid="stat-total"[^]*?data-value="412"/);
    expect(html).toContain('Counts from 1 to 4 are shown as “&lt;5”');
    expect(html).not.toContain('data-testid="insights-settings"');
    expect(html).toMatch(/data-testid="stat-active"[^]*?data-value="330"/);
    expect(html).toMatch(/data-testid="stat-sms"[^]*?data-value="206"[^]*?50% of members/);
    expect(html).toMatch(/data-testid="chart-by-region-table"[^]*?data-testid="chart-total" data-value="412"/);
  });

  it('offers drill-down by region and branch (Unknown included), not for other units or "Other"', () => {
    expect(html).toContain('aria-label="Show only region North"');
    expect(html).toContain('aria-label="Show only branch Branch 1"');
    expect(html).toContain('aria-label="Show only region Unknown"');
    expect(html).not.toContain('aria-label="Show only workplace');
    // Inside a region, the region chart no longer drills (it has one row) and issues group by branch.
    const north = render(FIXTURE_DASHBOARD, { region: 'North' });
    expect(north).not.toContain('aria-label="Show only region');
    expect(north).toContain('Top issues by branch');
    const unknown = render(FIXTURE_DASHBOARD, { region: '' });
    expect(unknown).not.toContain('aria-label="Show only region');
    expect(unknown).toContain('no region recorded');
    expect(unknown).toContain('Region: Unknown');
  });

  it('says when there are no members yet, or none in the filters', () => {
    const empty: InsightsDashboardData = { ...FIXTURE_DASHBOARD, insights: { ...FIXTURE_DASHBOARD.insights, total: { key: 'TOTAL', label: 'Members', count: 0, suppressed: false } } };
    expect(render(empty)).toContain('No members yet');
    expect(render(empty, { region: 'Nowhere' })).toContain('No members match these filters');
  });
});
