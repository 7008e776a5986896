import { renderToStaticMarkup } from 'react-dom/server';
import { FIXTURE_CLIENT_RESULTS, FIXTURE_RESULTS } from '../lib/campaign-results.fixtures.js';
import { CampaignResultsView } from './CampaignResultsView.js';
import type { CampaignResultsData } from '../graphql/campaign-results.graphql.js';

const render = (data: CampaignResultsData, showPeople = true) => renderToStaticMarkup(<CampaignResultsView data={data} showPeople={showPeople} />);

describe('CampaignResultsView', () => {
  it('shows the funnel, the follow-through rate and donations for staff, with people and activity', () => {
    const html = render(FIXTURE_RESULTS);
    expect(html).toMatch(/data-testid="results-asked"[^]*?data-value="120"/);
    expect(html).toMatch(/data-testid="results-committed"[^]*?data-value="90"[^]*?75% of those asked/);
    expect(html).toMatch(/data-testid="results-completed"[^]*?data-value="64"/);
    expect(html).toMatch(/data-testid="results-rate"[^]*?88.9%/);
    expect(html).toMatch(/data-testid="results-donations"[^]*?data-value="43500"[^]*?£435/);
    expect(html).toContain('data-testid="results-by-action-table"');
    expect(html).toMatch(/data-testid="results-by-channel-table"[^]*?data-key="CALL"/);
    expect(html).toMatch(/data-testid="results-by-volunteer-table"[^]*?Vera Volunteer/);
    expect(html).toMatch(/data-testid="results-activity"[^]*?Pledge to strike: <span>Committed → Completed[^]*?credited to Vera Volunteer/);
    expect(html).toContain('data-testid="chart-results-donations-by-month"');
  });

  it('client view: no people, no activity, withheld counts as "<5" with no number', () => {
    const html = render(FIXTURE_CLIENT_RESULTS, false);
    expect(html).not.toContain('results-by-volunteer-table');
    expect(html).not.toContain('results-activity');
    expect(html).not.toContain('Vera');
    expect(html).toMatch(/data-testid="results-donations"[^]*?data-suppressed="true"[^>]*>&lt;5</);
    expect(html).toMatch(/data-key="SMS"[^]*?data-suppressed="true"[^>]*>&lt;5</);
    expect(html).not.toContain('data-value="null"');
  });

  it('says when nothing has happened yet', () => {
    const empty: CampaignResultsData = {
      campaignResults: { campaignId: 'c', funnel: { asked: 0, committed: 0, reminded: 0, completed: 0, noShow: 0, cancelled: 0, declined: 0, pending: 0, rate: null, suppressed: false }, byAction: [], byChannel: [], byVolunteer: [], activity: [] },
      donationTotals: { count: 0, totalPence: 0, refundedPence: 0, netPence: 0, giftAidPence: 0, recurringCount: 0, byMonth: [], suppressed: false },
    };
    const html = render(empty);
    expect(html).toContain('No responses yet');
    expect(html).toContain('No donations to this campaign yet');
    expect(html).toContain('no commitment has resolved yet');
    expect(render({ ...empty, campaignResults: null })).toContain('No results for this campaign');
  });
});
