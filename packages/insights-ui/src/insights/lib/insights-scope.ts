// The dashboard's filters (date range, one unit) as they live in the URL, so a filtered view can be bookmarked,
// shared and printed. Pure: the page reads and writes URLSearchParams through these.

export interface InsightsScope {
  /** First day of the range, "YYYY-MM-DD". */
  from?: string;
  /** Last day of the range, "YYYY-MM-DD". */
  to?: string;
  /** A region key; "" = members with no region recorded (the API's key for "Unknown"); absent = every region. */
  region?: string;
  /** A branch key, "" for no branch recorded, as for region. */
  branch?: string;
}

/** A unit filter in force: "" (unknown) is one, absent is not. */
export function hasUnit(value: string | undefined): value is string {
  return value !== undefined;
}

/** How a unit key reads: "" is "Unknown". */
export function unitLabel(value: string): string {
  return value === '' ? 'Unknown' : value;
}

export type ScopeKey = keyof InsightsScope;
const KEYS: readonly ScopeKey[] = ['from', 'to', 'region', 'branch'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in ISO form (so "2026-02-30" is not). */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * The scope in the URL. Malformed or empty dates are dropped (the API would refuse them); an empty region or branch
 * (`?region=`) is the "Unknown" unit, so a drill-down into members with no region recorded is a link like any other.
 */
export function scopeFromParams(params: URLSearchParams): InsightsScope {
  const scope: InsightsScope = {};
  for (const key of KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = raw.trim();
    if (key === 'from' || key === 'to') {
      if (isIsoDate(value)) scope[key] = value;
    } else {
      scope[key] = value.slice(0, 200);
    }
  }
  return scope;
}

/** Writes the scope into a copy of `params`, keeping any other parameter. */
export function scopeToParams(scope: InsightsScope, params = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) {
    const value = scope[key];
    if (value !== undefined && (value !== '' || key === 'region' || key === 'branch')) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** The problem with a scope a person typed, before asking the API (which checks the same and more). */
export function scopeProblem(scope: InsightsScope): string | null {
  if (scope.from && scope.to && scope.from > scope.to) return 'The start date is after the end date.';
  return null;
}

/** What the API's `scope` argument gets: only what is set, or null for "everything". */
export function scopeVariable(scope: InsightsScope): InsightsScope | null {
  const v: InsightsScope = {};
  for (const key of KEYS) {
    const value = scope[key];
    if (value || ((key === 'region' || key === 'branch') && value === '')) v[key] = value;
  }
  return Object.keys(v).length ? v : null;
}

/**
 * How many months the membership chart covers: the months from `from` to `to` (or to `today`), at most 120, or the
 * last 24 months when no start is chosen.
 */
export function monthsInScope(scope: InsightsScope, today: string): number {
  if (!scope.from) return 24;
  const end = scope.to ?? today;
  const [fy, fm] = scope.from.split('-').map(Number);
  const [ty, tm] = end.split('-').map(Number);
  const months = (ty - fy) * 12 + (tm - fm) + 1;
  return Math.min(120, Math.max(1, months));
}

/** A few words for the filters in force, for headings, file names and print. */
export function describeScope(scope: InsightsScope): string {
  const parts: string[] = [];
  if (hasUnit(scope.region)) parts.push(scope.region === '' ? 'no region recorded' : `region ${scope.region}`);
  if (hasUnit(scope.branch)) parts.push(scope.branch === '' ? 'no branch recorded' : `branch ${scope.branch}`);
  if (scope.from && scope.to) parts.push(`${scope.from} to ${scope.to}`);
  else if (scope.from) parts.push(`from ${scope.from}`);
  else if (scope.to) parts.push(`up to ${scope.to}`);
  return parts.length ? parts.join(', ') : 'all members';
}

/** A file-name-safe slug of the scope ("region-north-2025-01-01-to-2025-12-31"), empty for no filters. */
export function scopeSlug(scope: InsightsScope): string {
  const text = scopeVariable(scope) ? describeScope(scope) : '';
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}
