import { toCsv } from '../../insights/lib/insights-csv.js';
import { FIXTURE_CLIENT_RESULTS, FIXTURE_RESULTS } from './campaign-results.fixtures.js';
import { campaignResultsCsv, countText, donationRows, formatPence, formatRate, funnelData, rateNote, stepRate } from './campaign-results-model.js';

describe('campaign results model', () => {
  it('makes the funnel asked → committed → completed, a withheld step drawn as nothing', () => {
    expect(funnelData(FIXTURE_RESULTS.campaignResults!.funnel)).toEqual([
      { key: 'ASKED', label: 'Asked', value: 120 }, { key: 'COMMITTED', label: 'Committed', value: 90 }, { key: 'COMPLETED', label: 'Completed', value: 64 },
    ]);
    const withheld = funnelData(FIXTURE_CLIENT_RESULTS.campaignResults!.byChannel[0].followThrough);
    expect(withheld.every((d) => d.suppressed && d.value === 0)).toBe(true);
  });

  it('computes a step share only from known numbers', () => {
    expect(stepRate(120, 90)).toBe(0.75);
    expect(stepRate(null, 90)).toBeNull();
    expect(stepRate(120, null)).toBeNull();
    expect(stepRate(0, 0)).toBeNull();
  });

  it('reads rates, counts and money as people do', () => {
    expect(formatRate(64 / 72)).toBe('88.9%');
    expect(formatRate(null)).toBe('–');
    expect(rateNote({ ...FIXTURE_RESULTS.campaignResults!.funnel, rate: null })).toBe('no commitment has resolved yet');
    expect(rateNote({ ...FIXTURE_RESULTS.campaignResults!.funnel, rate: null, suppressed: true })).toBe('withheld: too few to show');
    expect(countText(null, '<5')).toBe('<5');
    expect(countText(1234, '<5')).toBe('1,234');
    expect(formatPence(43500)).toBe('£435');
    expect(formatPence(1050)).toBe('£10.50');
    expect(formatPence(1)).toBe('£0.01');
    expect(formatPence(null)).toBe('–');
  });

  it('charts donations in pounds to the penny, a withheld month as no bar', () => {
    expect(donationRows({ ...FIXTURE_RESULTS.donationTotals, byMonth: [{ month: '2026-11', count: 2, totalPence: 3551 }] })).toEqual([{ month: '2026-11', pounds: 35.51, gifts: 2 }]);
    expect(donationRows(FIXTURE_RESULTS.donationTotals)).toEqual([{ month: '2026-10', pounds: 200, gifts: 5 }, { month: '2026-11', pounds: 250, gifts: 7 }]);
    expect(donationRows(FIXTURE_CLIENT_RESULTS.donationTotals)).toEqual([{ month: '2026-11', pounds: null, gifts: null }]);
  });

  it('writes the panel CSV with withheld counts as "<5" and never their number', () => {
    const csv = toCsv(campaignResultsCsv(FIXTURE_CLIENT_RESULTS), '<5');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Breakdown,Name,Asked,Committed,Completed,No-show,Cancelled,Declined,Pending,Follow-through %,Donations,Donated (pence)');
    expect(lines[1]).toBe('Campaign,All actions,120,90,64,6,<5,20,18,88.9,,');
    expect(lines).toContain('Channel,Text (SMS),<5,<5,<5,0,0,<5,<5,,,');
    expect(lines).toContain('Donations,All months,,,,,,,,,<5,<5');
    expect(toCsv(campaignResultsCsv(FIXTURE_RESULTS))).toContain('Action,Pledge to strike,80,60,48,2,1,10,9,94.1,,');
  });
});
