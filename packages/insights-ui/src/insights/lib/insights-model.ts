// Shapes the API's insights into what the panels draw and what their CSV files hold. Pure, so the numbers a union
// officer reads (and downloads) are tested without a browser.
import type { Datum, SeriesRow } from '@muster/ui';
import type {
  InsightBreakdown, InsightCount, InsightIssueChange, InsightIssueCount, InsightReach, MembershipMonth,
} from '../graphql/insights.graphql.js';
import { csvCount, type CsvTable } from './insights-csv.js';

const STATUS_ORDER = ['ACTIVE', 'LAPSED', 'LEFT'];
export const STATUS_COLOURS: Record<string, string> = { ACTIVE: '#0f8a7e', LAPSED: '#d97706', LEFT: '#8a94a6' };
const CONSENT_ORDER = ['GRANTED', 'WITHDRAWN', 'UNKNOWN'];
export const CONSENT_COLOURS: Record<string, string> = { GRANTED: '#0f8a7e', WITHDRAWN: '#c0392b', UNKNOWN: '#8a94a6' };

export function toDatum(c: InsightCount): Datum {
  return { key: c.key, label: c.label || c.key, value: c.suppressed ? 0 : (c.count ?? 0), suppressed: c.suppressed || c.count === null };
}

function ordered(rows: readonly InsightCount[], order: readonly string[]): Datum[] {
  const rank = (k: string) => (order.indexOf(k) === -1 ? order.length : order.indexOf(k));
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key)).map(toDatum);
}

/** Statuses in a fixed order (active first), so the donut never reshuffles between visits. */
export function statusData(rows: readonly InsightCount[]): Datum[] {
  return ordered(rows, STATUS_ORDER);
}

export function consentData(rows: readonly InsightCount[]): Datum[] {
  return ordered(rows, CONSENT_ORDER);
}

/** Largest first, suppressed ones after the known ones; ties alphabetically so the order is stable. */
export function rankedData(rows: readonly InsightCount[]): Datum[] {
  return [...rows]
    .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.count ?? 0) - (a.count ?? 0) || a.key.localeCompare(b.key, 'en-GB'))
    .map(toDatum);
}

/** Datum key of the "everything beyond the limit" row (no region can be called this: keys are stored values). */
export const OTHER_KEY = '__other__';

/** Whether a breakdown left anything out (a suppressed "other" is something). */
export function hasOther(b: InsightBreakdown): boolean {
  return b.otherCount.suppressed || (b.otherCount.count ?? 0) > 0;
}

/** The rows of a breakdown, plus an "Other" row for what the limit left out. */
export function breakdownData(b: InsightBreakdown, ranked = true): Datum[] {
  const rows = ranked ? rankedData(b.rows) : b.rows.map(toDatum);
  if (hasOther(b)) rows.push({ ...toDatum(b.otherCount), key: OTHER_KEY, label: 'Other' });
  return rows;
}

/** A count as a number, or null when withheld. */
export function valueOf(c: InsightCount | null | undefined): number | null {
  return !c || c.suppressed ? null : c.count;
}

export function countOf(rows: readonly InsightCount[], key: string): InsightCount | undefined {
  return rows.find((r) => r.key === key);
}

export function monthRows(months: readonly MembershipMonth[]): SeriesRow[] {
  return months.map((m) => ({ month: m.month, total: valueOf(m.total), joiners: valueOf(m.joiners), leavers: valueOf(m.leavers), net: valueOf(m.net) }));
}

export interface MovementSummary {
  joiners: number;
  leavers: number;
  net: number;
  /** Some month's count was suppressed, so the sums are "at least". */
  partial: boolean;
}

/** Joiners, leavers and net over the months shown. */
export function movementSummary(months: readonly MembershipMonth[]): MovementSummary {
  let partial = false;
  const sum = (pick: (m: MembershipMonth) => InsightCount) =>
    months.reduce((s, m) => {
      const v = valueOf(pick(m));
      if (v === null) partial = true;
      return s + (v ?? 0);
    }, 0);
  const joiners = sum((m) => m.joiners);
  const leavers = sum((m) => m.leavers);
  return { joiners, leavers, net: joiners - leavers, partial };
}

export interface UnitIssues {
  unit: string;
  label: string;
  issues: InsightIssueCount[];
}

/** Top issues grouped by unit, units in the order the API gave them, each unit's issues largest first. */
export function issuesByUnit(rows: readonly InsightIssueCount[]): UnitIssues[] {
  const groups = new Map<string, InsightIssueCount[]>();
  for (const r of rows) {
    const unit = r.unit ?? '';
    if (!groups.has(unit)) groups.set(unit, []);
    groups.get(unit)!.push(r);
  }
  return [...groups].map(([unit, issues]) => ({
    unit,
    label: issues[0].unitLabel || unit || 'Unknown',
    issues: [...issues].sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (b.count ?? 0) - (a.count ?? 0) || a.key.localeCompare(b.key)),
  }));
}

/** A share of a total as a fraction, or null when either side is withheld or the total is zero. */
export function rate(part: InsightCount | undefined, whole: InsightCount | undefined): number | null {
  if (!part || !whole || part.count === null || whole.count === null || part.suppressed || whole.suppressed || whole.count === 0) return null;
  return part.count / whole.count;
}

// ---- CSV of each panel ----

export function membershipCsv(months: readonly MembershipMonth[]): CsvTable {
  return {
    headers: ['Month', 'Members at month end', 'Joiners', 'Leavers', 'Net'],
    rows: months.map((m) => [m.month, csvCount(valueOf(m.total)), csvCount(valueOf(m.joiners)), csvCount(valueOf(m.leavers)), csvCount(valueOf(m.net))]),
  };
}

export function breakdownCsv(keyHeader: string, b: InsightBreakdown): CsvTable {
  const rows: CsvTable['rows'][number][] = breakdownData(b).map((d) => [d.label ?? d.key, csvCount(d.suppressed ? null : d.value)]);
  rows.push(['Total', csvCount(valueOf(b.total))]);
  return { headers: [keyHeader, 'Members'], rows };
}

/** How an issue changed: the change, "withheld" when either end is suppressed, unknown without an old enough snapshot. */
export function issueChange(c: InsightIssueChange | undefined): { kind: 'known'; value: number } | { kind: 'suppressed' } | { kind: 'unknown' } {
  if (!c || !c.before) return { kind: 'unknown' };
  if (c.change !== null) return { kind: 'known', value: c.change };
  return c.before.suppressed || c.now.suppressed ? { kind: 'suppressed' } : { kind: 'unknown' };
}

export function issuesCsv(top: readonly InsightIssueCount[], byUnit: readonly InsightIssueCount[], unitHeader: string, changes: readonly InsightIssueChange[]): CsvTable {
  const change = new Map(changes.map((c) => [c.key, c]));
  const changeCell = (c: InsightIssueChange | undefined) => {
    const k = issueChange(c);
    return k.kind === 'known' ? k.value : k.kind === 'suppressed' ? csvCount(null) : null;
  };
  const rows: CsvTable['rows'][number][] = rankedData(top).map((d) => {
    const c = change.get(d.key);
    return ['All', d.label ?? d.key, csvCount(d.suppressed ? null : d.value), c?.before ? csvCount(valueOf(c.before)) : null, changeCell(c)];
  });
  for (const group of issuesByUnit(byUnit)) {
    for (const i of group.issues) rows.push([`${unitHeader}: ${group.label}`, i.label || i.key, csvCount(i.count, i.suppressed), null, null]);
  }
  return { headers: ['Scope', 'Issue', 'Members', 'Members at the start', 'Change over the range'], rows };
}

export function reachCsv(reach: InsightReach): CsvTable {
  const pct = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 10);
  const row = (label: string, c: InsightCount) => [label, csvCount(c.count, c.suppressed), pct(rate(c, reach.total))];
  return {
    headers: ['Measure', 'Members', 'Percent of members'],
    rows: [
      row('Members', reach.total),
      row('Reachable by SMS', reach.smsReachable),
      row('Reachable by email', reach.emailReachable),
      ...consentData(reach.smsConsent).map((d) => row(`SMS consent: ${d.label}`, countOf(reach.smsConsent, d.key)!)),
      ...consentData(reach.emailConsent).map((d) => row(`Email consent: ${d.label}`, countOf(reach.emailConsent, d.key)!)),
    ],
  };
}
