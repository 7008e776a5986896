// The numbers a campaign results panel shows, kept apart from React so they are tested without a browser. It never
// computes a figure the API withheld: a null count stays "withheld" through every step (no subtraction, no guess).
import { formatNumber, formatPercent, type Datum, type SeriesRow } from '@muster/ui';
import { csvCount, type CsvTable } from '../../insights/lib/insights-csv.js';
import type { CampaignResultsData, DonationTotalsData, FollowThroughData, ResponseChannel, ResponseState } from '../graphql/campaign-results.graphql.js';

export const RESPONSE_STATE_LABELS: Readonly<Record<ResponseState, string>> = {
  ASKED: 'Asked', COMMITTED: 'Committed', REMINDED: 'Reminded', COMPLETED: 'Completed', NO_SHOW: 'No-show', CANCELLED: 'Cancelled', DECLINED: 'Declined',
};

export const RESPONSE_CHANNEL_LABELS: Readonly<Record<ResponseChannel, string>> = {
  CALL: 'Call', SMS: 'Text (SMS)', EMAIL: 'Email', WEB: 'Web page', EVENT: 'At an event', IMPORT: 'Import', STAFF: 'Staff',
};

export const stateLabel = (s: string | null | undefined): string => (s ? RESPONSE_STATE_LABELS[s as ResponseState] ?? s : '–');
export const channelLabel = (c: string | null | undefined): string => (c ? RESPONSE_CHANNEL_LABELS[c as ResponseChannel] ?? c : '–');

/** A count as a chart datum: a withheld count is drawn as nothing and read as "<5". */
export function countDatum(key: string, label: string, count: number | null, suppressed: boolean): Datum {
  // A null count is withheld whether or not the flag says so: never draw it as 0.
  void suppressed;
  return count === null ? { key, label, value: 0, suppressed: true } : { key, label, value: count };
}

/** Asked → committed → completed, the funnel of the issue. */
export function funnelData(f: FollowThroughData): Datum[] {
  return [
    countDatum('ASKED', 'Asked', f.asked, f.suppressed),
    countDatum('COMMITTED', 'Committed', f.committed, f.suppressed),
    countDatum('COMPLETED', 'Completed', f.completed, f.suppressed),
  ];
}

/** A share of one funnel step in the one before it, or null when either is withheld or the step before is 0. */
export function stepRate(from: number | null, to: number | null): number | null {
  if (from === null || to === null || from === 0) return null;
  return to / from;
}

/** The follow-through rate as people read it: "89%", or a dash when no commitment has resolved yet. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : formatPercent(rate);
}

/** What the rate means when it is missing. */
export function rateNote(f: FollowThroughData): string {
  if (f.rate !== null) return 'of commitments that resolved were kept';
  if (f.suppressed) return 'withheld: too few to show';
  return 'no commitment has resolved yet';
}

/** A count for reading: the number, or the withheld label. */
export function countText(count: number | null, hidden: string): string {
  return count === null ? hidden : formatNumber(count);
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

/** Money is pence (integers) everywhere; this is the one place it becomes pounds, for reading. */
export function formatPence(pence: number | null | undefined, currency = 'GBP'): string {
  if (pence === null || pence === undefined) return '–';
  if (currency !== 'GBP') return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(pence / 100);
  return pence % 100 === 0 ? wholePounds.format(pence / 100) : pounds.format(pence / 100);
}

/** Donations by month for the chart: pounds (exact: pence ÷ 100) and the number of gifts; withheld months are null. */
export function donationRows(totals: DonationTotalsData): SeriesRow[] {
  return totals.byMonth.map((m) => ({ month: m.month, pounds: m.totalPence === null ? null : m.totalPence / 100, gifts: m.count }));
}

export interface FollowThroughRow { key: string; label: string; followThrough: FollowThroughData }

/** The table behind "by action / channel / volunteer" as CSV (withheld counts written as "<5"). */
export function followThroughCsv(keyHeader: string, rows: readonly FollowThroughRow[]): CsvTable {
  return {
    headers: [keyHeader, 'Asked', 'Committed', 'Completed', 'No-show', 'Cancelled', 'Declined', 'Pending', 'Follow-through %'],
    rows: rows.map(({ label, followThrough: f }) => [
      label, csvCount(f.asked), csvCount(f.committed), csvCount(f.completed), csvCount(f.noShow), csvCount(f.cancelled), csvCount(f.declined),
      csvCount(f.pending), f.rate === null ? null : Math.round(f.rate * 1000) / 10,
    ]),
  };
}

/** The panel's numbers as one CSV: the whole campaign, then each action and each channel, then donations by month. */
export function campaignResultsCsv(data: CampaignResultsData): CsvTable {
  const r = data.campaignResults;
  if (!r) return { headers: [], rows: [] };
  const row = (kind: string, label: string, f: FollowThroughData) => [
    kind, label, csvCount(f.asked), csvCount(f.committed), csvCount(f.completed), csvCount(f.noShow), csvCount(f.cancelled), csvCount(f.declined),
    csvCount(f.pending), f.rate === null ? null : Math.round(f.rate * 1000) / 10, null, null,
  ];
  const d = data.donationTotals;
  return {
    headers: ['Breakdown', 'Name', 'Asked', 'Committed', 'Completed', 'No-show', 'Cancelled', 'Declined', 'Pending', 'Follow-through %', 'Donations', 'Donated (pence)'],
    rows: [
      row('Campaign', 'All actions', r.funnel),
      ...r.byAction.map((a) => row('Action', a.action.title, a.followThrough)),
      ...r.byChannel.map((c) => row('Channel', channelLabel(c.channel), c.followThrough)),
      ['Donations', 'All months', null, null, null, null, null, null, null, null, csvCount(d.count), csvCount(d.totalPence)],
      ...d.byMonth.map((m) => ['Donations', m.month, null, null, null, null, null, null, null, null, csvCount(m.count), csvCount(m.totalPence)]),
    ],
  };
}
