import { FIXTURE_DASHBOARD } from './insights.fixtures.js';
import { toCsv } from './insights-csv.js';
import {
  breakdownCsv, breakdownData, consentData, issueChange, issuesByUnit, issuesCsv, membershipCsv, movementSummary, rankedData, rate, reachCsv, statusData,
} from './insights-model.js';

const ins = FIXTURE_DASHBOARD.insights;

describe('insights model', () => {
  it('orders statuses active first and keeps labels', () => {
    expect(statusData(ins.byStatus.rows).map((d) => [d.key, d.label, d.value])).toEqual([
      ['ACTIVE', 'Active', 330], ['LAPSED', 'Lapsed', 42], ['LEFT', 'Left', 40],
    ]);
  });
  it('ranks largest first with suppressed rows after the known ones, never carrying their number', () => {
    const regions = rankedData(ins.byRegion.rows);
    expect(regions.map((d) => d.key)).toEqual(['South', 'North', '', 'Islands']);
    expect(regions[3]).toEqual({ key: 'Islands', label: 'Islands', value: 0, suppressed: true });
    expect(regions[2].label).toBe('Unknown');
  });
  it('adds an Other row for what the limit left out', () => {
    expect(breakdownData(ins.byWorkplace).map((d) => [d.label, d.value])).toEqual([['Town Hall', 90], ['Depot', 60], ['Other', 262]]);
  });
  it('sums movement and says when a month was withheld', () => {
    expect(movementSummary(ins.membershipByMonth)).toEqual({ joiners: 60, leavers: 11, net: 49, partial: true });
    expect(movementSummary(ins.membershipByMonth.slice(2))).toEqual({ joiners: 22, leavers: 5, net: 17, partial: false });
  });
  it('tells a withheld change from an unknown one', () => {
    expect(issueChange(ins.issueChanges.rows[0])).toEqual({ kind: 'known', value: 20 });
    expect(issueChange(ins.issueChanges.rows[1])).toEqual({ kind: 'suppressed' });
    expect(issueChange({ ...ins.issueChanges.rows[0], before: null, change: null })).toEqual({ kind: 'unknown' });
    expect(issueChange(undefined)).toEqual({ kind: 'unknown' });
  });
  it('groups issues by unit', () => {
    expect(issuesByUnit(ins.issuesByUnit).map((g) => [g.label, g.issues.map((i) => i.key)])).toEqual([
      ['North', ['pay', 'safety']], ['South', ['pay', 'hours']],
    ]);
  });
  it('computes rates only from known counts', () => {
    expect(rate(ins.reach.smsReachable, ins.reach.total)).toBeCloseTo(0.5);
    expect(rate(ins.reach.emailConsent[2], ins.reach.total)).toBeNull();
    expect(consentData(ins.reach.emailConsent).map((d) => d.key)).toEqual(['GRANTED', 'WITHDRAWN', 'UNKNOWN']);
  });
  it('writes each panel as CSV with "<5" for withheld counts', () => {
    expect(toCsv(membershipCsv(ins.membershipByMonth))).toBe(
      'Month,Members at month end,Joiners,Leavers,Net\r\n2026-09,380,20,6,14\r\n2026-10,395,18,<5,<5\r\n2026-11,412,22,5,17\r\n',
    );
    expect(toCsv(breakdownCsv('Region', ins.byRegion))).toBe('Region,Members\r\nSouth,209\r\nNorth,200\r\nUnknown,0\r\nIslands,<5\r\nTotal,412\r\n');
    expect(toCsv(breakdownCsv('Workplace', ins.byWorkplace))).toBe('Workplace,Members\r\nTown Hall,90\r\nDepot,60\r\nOther,262\r\nTotal,412\r\n');
    expect(toCsv(issuesCsv(ins.topIssues, ins.issuesByUnit, 'Region', ins.issueChanges.rows))).toBe(
      'Scope,Issue,Members,Members at the start,Change over the range\r\nAll,Pay,250,230,20\r\nAll,Safety,120,,\r\nAll,Hours,<5,6,<5\r\n'
      + 'Region: North,Pay,130,,\r\nRegion: North,Safety,60,,\r\nRegion: South,Pay,120,,\r\nRegion: South,Hours,<5,,\r\n',
    );
    expect(toCsv(reachCsv(ins.reach))).toContain('Reachable by SMS,206,50\r\n');
    expect(toCsv(reachCsv(ins.reach))).toContain('Email consent: Withdrawn,<5,\r\n');
  });
});
