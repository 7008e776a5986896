// Shapes the API's insights into what the dashboard draws. Pure, so the numbers a union officer reads are tested.
import type { Datum } from '@muster/ui';
import type { CountByKey, MonthlyMovement } from '../graphql/insights.graphql';

const STATUS_ORDER = ['ACTIVE', 'LAPSED', 'LEFT'];
const STATUS_LABEL: Record<string, string> = { ACTIVE: 'Active', LAPSED: 'Lapsed', LEFT: 'Left' };
export const STATUS_COLOURS: Record<string, string> = { ACTIVE: '#0f8a7e', LAPSED: '#d97706', LEFT: '#8a94a6' };

/** Statuses in a fixed order (active first) with people's words, so the donut never reshuffles between visits. */
export function statusData(byStatus: readonly CountByKey[]): Datum[] {
  const rank = (k: string) => (STATUS_ORDER.indexOf(k) === -1 ? STATUS_ORDER.length : STATUS_ORDER.indexOf(k));
  return [...byStatus]
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key))
    .map((s) => ({ key: s.key, label: STATUS_LABEL[s.key] ?? s.key, value: s.count }));
}

/** Largest first; ties alphabetically so the order is stable. */
export function rankedData(items: readonly CountByKey[]): Datum[] {
  return [...items].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'en-GB')).map((i) => ({ key: i.key, value: i.count }));
}

export function countOf(items: readonly CountByKey[], key: string): number {
  return items.find((i) => i.key === key)?.count ?? 0;
}

export interface MovementSummary {
  joiners: number;
  leavers: number;
  net: number;
  months: number;
}

/** Joiners, leavers and net over the most recent `months` (the API lists oldest first, ending this month). */
export function recentMovement(rows: readonly MonthlyMovement[], months = 12): MovementSummary {
  const recent = rows.slice(-months);
  const joiners = recent.reduce((s, r) => s + r.joiners, 0);
  const leavers = recent.reduce((s, r) => s + r.leavers, 0);
  return { joiners, leavers, net: joiners - leavers, months: recent.length };
}

export function movementRows(rows: readonly MonthlyMovement[]): Array<Record<string, string | number>> {
  return rows.map((r) => ({ month: r.month, joiners: r.joiners, leavers: r.leavers, net: r.net }));
}
