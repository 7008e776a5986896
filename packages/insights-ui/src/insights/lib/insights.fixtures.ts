// A dashboard answer shaped like the API's (see insights.graphql.ts), with small counts suppressed at threshold 5.
import type { InsightCount, InsightsDashboardData } from '../graphql/insights.graphql.js';

const c = (key: string, count: number | null, label = key): InsightCount => ({ key, label, count, suppressed: count === null });
const month = (m: string, total: number | null, joiners: number | null, leavers: number | null) => ({
  month: m, total: c(m, total, 'Members'), joiners: c(m, joiners, 'Joiners'), leavers: c(m, leavers, 'Leavers'),
  net: c(m, joiners === null || leavers === null ? null : joiners - leavers, 'Net'),
});
const none = c('OTHER', 0, 'Other');

export const FIXTURE_DASHBOARD: InsightsDashboardData = {
  organisation: { id: 'org-1', name: 'United Public Services Union', kind: 'CLIENT' },
  insights: {
    organisationId: 'org-1',
    asOf: '2026-11-26T17:00:00.000Z',
    suppressionThreshold: 5,
    total: c('TOTAL', 412, 'Members'),
    membershipByMonth: [
      month('2026-09', 380, 20, 6),
      month('2026-10', 395, 18, null),
      month('2026-11', 412, 22, 5),
    ],
    byStatus: { rows: [c('LEFT', 40, 'Left'), c('ACTIVE', 330, 'Active'), c('LAPSED', 42, 'Lapsed')], otherCount: none, total: c('TOTAL', 412, 'Members') },
    byRegion: { rows: [c('North', 200), c('South', 209), c('Islands', null), c('', 0, 'Unknown')], otherCount: none, total: c('TOTAL', 412, 'Members') },
    byBranch: { rows: [c('B1', 150, 'Branch 1'), c('B2', 262, 'Branch 2')], otherCount: none, total: c('TOTAL', 412, 'Members') },
    byWorkplace: { rows: [c('Town Hall', 90), c('Depot', 60)], otherCount: c('OTHER', 262, 'Other'), total: c('TOTAL', 412, 'Members') },
    byEmployer: { rows: [c('City Council', 300), c('NHS Trust', 112)], otherCount: none, total: c('TOTAL', 412, 'Members') },
    topIssues: [
      { ...c('pay', 250, 'Pay'), unit: null, unitLabel: null },
      { ...c('safety', 120, 'Safety'), unit: null, unitLabel: null },
      { ...c('hours', null, 'Hours'), unit: null, unitLabel: null },
    ],
    issuesByUnit: [
      { ...c('pay', 130, 'Pay'), unit: 'North', unitLabel: 'North' },
      { ...c('safety', 60, 'Safety'), unit: 'North', unitLabel: 'North' },
      { ...c('pay', 120, 'Pay'), unit: 'South', unitLabel: 'South' },
      { ...c('hours', null, 'Hours'), unit: 'South', unitLabel: 'South' },
    ],
    issueChanges: {
      since: '2025-11-26',
      until: null,
      rows: [
        { key: 'pay', label: 'Pay', before: c('pay', 230, 'Pay'), now: c('pay', 250, 'Pay'), change: 20 },
        { key: 'hours', label: 'Hours', before: c('hours', 6, 'Hours'), now: c('hours', null, 'Hours'), change: null },
      ],
    },
    reach: {
      total: c('TOTAL', 412, 'Members'),
      smsReachable: c('SMS', 206, 'Reachable by SMS'),
      emailReachable: c('EMAIL', 309, 'Reachable by email'),
      smsConsent: [c('GRANTED', 250, 'Granted'), c('WITHDRAWN', 62, 'Withdrawn'), c('UNKNOWN', 100, 'Unknown')],
      emailConsent: [c('UNKNOWN', 12, 'Unknown'), c('GRANTED', 400, 'Granted'), c('WITHDRAWN', null, 'Withdrawn')],
    },
  },
};
