// Campaign results shaped like the API's (see campaign-results.graphql.ts): a staff view with every number, and a
// client view of the same campaign with small counts withheld (threshold 5) and no people.
import type { CampaignResultsData, FollowThroughData } from '../graphql/campaign-results.graphql.js';

const ft = (asked: number | null, committed: number | null, completed: number | null, noShow: number | null, cancelled: number | null, declined: number | null, pending: number | null, rate: number | null, suppressed = false): FollowThroughData =>
  ({ asked, committed, reminded: 0, completed, noShow, cancelled, declined, pending, rate, suppressed });

export const FIXTURE_RESULTS: CampaignResultsData = {
  campaignResults: {
    campaignId: 'camp-1',
    // 120 asked, 90 committed, 64 completed after committing, 6 no-show, 2 cancelled: 64 / 72 = 0.888…
    funnel: ft(120, 90, 64, 6, 2, 20, 18, 64 / 72),
    byAction: [
      { action: { id: 'act-1', title: 'Pledge to strike', type: 'PETITION', status: 'OPEN' }, followThrough: ft(80, 60, 48, 2, 1, 10, 9, 48 / 51) },
      { action: { id: 'act-2', title: 'Phone bank shift', type: 'EVENT', status: 'OPEN' }, followThrough: ft(40, 30, 16, 4, 1, 10, 9, 16 / 21) },
    ],
    byChannel: [
      { channel: 'CALL', followThrough: ft(70, 55, 40, 4, 1, 10, 10, 40 / 45) },
      { channel: 'WEB', followThrough: ft(50, 35, 24, 2, 1, 10, 8, 24 / 27) },
    ],
    byVolunteer: [
      { user: { id: 'user-1', name: 'Vera Volunteer', email: 'vera@example.org' }, followThrough: ft(60, 50, 40, 3, 1, 5, 6, 40 / 44) },
    ],
    activity: [
      { id: 'ev-2', actionId: 'act-1', fromState: 'COMMITTED', toState: 'COMPLETED', channel: 'CALL', creditedUserId: 'user-1', actor: 'user:vera@example.org', note: null, at: '2026-11-26T10:00:00.000Z' },
      { id: 'ev-1', actionId: 'act-2', fromState: null, toState: 'COMMITTED', channel: 'WEB', creditedUserId: null, actor: 'action-page', note: 'Signed on the page', at: '2026-11-25T09:00:00.000Z' },
    ],
  },
  donationTotals: {
    count: 12, totalPence: 45000, refundedPence: 1500, netPence: 43500, giftAidPence: 5000, recurringCount: 2,
    byMonth: [{ month: '2026-10', count: 5, totalPence: 20000 }, { month: '2026-11', count: 7, totalPence: 25000 }],
    suppressed: false,
  },
};

export const FIXTURE_CLIENT_RESULTS: CampaignResultsData = {
  campaignResults: {
    campaignId: 'camp-1',
    funnel: ft(120, 90, 64, 6, null, 20, 18, 64 / 72, true),
    byAction: [{ action: { id: 'act-1', title: 'Pledge to strike', type: 'PETITION', status: 'OPEN' }, followThrough: ft(80, 60, 48, null, null, 10, 9, 48 / 51, true) }],
    byChannel: [{ channel: 'SMS', followThrough: ft(null, null, null, 0, 0, null, null, null, true) }],
    byVolunteer: [],
    activity: [],
  },
  donationTotals: {
    count: null, totalPence: null, refundedPence: 0, netPence: null, giftAidPence: null, recurringCount: 0,
    byMonth: [{ month: '2026-11', count: null, totalPence: null }],
    suppressed: true,
  },
};
