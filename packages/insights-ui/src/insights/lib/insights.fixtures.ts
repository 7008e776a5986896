// A dashboard answer shaped like the API's (see insights.graphql.ts), with small counts suppressed at threshold 5.
import type { InsightCount, InsightsDashboardData } from '../graphql/insights.graphql.js';

const c = (key: string, count: number | null, label = key): InsightCount => ({ key, label, count, suppressed: count === null });

export const FIXTURE_DASHBOARD: InsightsDashboardData = {
  organisation: { id: 'org-1', name: 'United Public Services Union', kind: 'CLIENT' },
  insights: {
    organisationId: 'org-1',
    asOf: '2026-11-26T17:00:00.000Z',
    suppressionThreshold: 5,
    total: c('TOTAL', 412, 'Members'),
    membershipByMonth: [
      { month: '2026-09', total: 380, joiners: 20, leavers: 6, net: 14 },
      { month: '2026-10', total: 395, joiners: 18, leavers: null, net: null },
      { month: '2026-11', total: 412, joiners: 22, leavers: 5, net: 17 },
    ],
    byStatus: { rows: [c('LEFT', 40, 'Left'), c('ACTIVE', 330, 'Active'), c('LAPSED', 42, 'Lapsed')], otherCount: 0, total: 412 },
    byRegion: { rows: [c('North', 200), c('South', 209), c('Islands', null), c('', 0, 'Unknown')], otherCount: 0, total: 412 },
    byBranch: { rows: [c('B1', 150, 'Branch 1'), c('B2', 262, 'Branch 2')], otherCount: 0, total: 412 },
    byWorkplace: { rows: [c('Town Hall', 90), c('Depot', 60)], otherCount: 262, total: 412 },
    byEmployer: { rows: [c('City Council', 300), c('NHS Trust', 112)], otherCount: 0, total: 412 },
    topIssues: [
      { ...c('pay', 250, 'Pay'), unit: null },
      { ...c('safety', 120, 'Safety'), unit: null },
      { ...c('hours', null, 'Hours'), unit: null },
    ],
    issuesByUnit: [
      { ...c('pay', 130, 'Pay'), unit: 'North' },
      { ...c('safety', 60, 'Safety'), unit: 'North' },
      { ...c('pay', 120, 'Pay'), unit: 'South' },
      { ...c('hours', null, 'Hours'), unit: 'South' },
    ],
    issueChanges: [
      { key: 'pay', label: 'Pay', before: 230, after: 250, change: 20, suppressed: false },
      { key: 'hours', label: 'Hours', before: null, after: null, change: null, suppressed: true },
    ],
    reach: {
      total: c('TOTAL', 412, 'Members'),
      smsReachable: c('SMS', 206, 'Reachable by SMS'),
      emailReachable: c('EMAIL', 309, 'Reachable by email'),
      smsConsent: [c('GRANTED', 250, 'Granted'), c('WITHDRAWN', 62, 'Withdrawn'), c('UNKNOWN', 100, 'Unknown')],
      emailConsent: [c('UNKNOWN', 12, 'Unknown'), c('GRANTED', 400, 'Granted'), c('WITHDRAWN', null, 'Withdrawn')],
    },
  },
};
