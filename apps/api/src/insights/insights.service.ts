/**
 * Insight figures for one client organisation (the portal's and the admin's dashboards), read from the rollups
 * only. Must never: return member-level data, or a count c with 1 ≤ c < the organisation's suppression threshold
 * (insights.suppression.ts), or scan member at request time.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import type { InsightsScopeInput } from './dtos/insights-scope.input.js';
import {
  InsightDimension,
  InsightUnit,
  type InsightBreakdown,
  type InsightCount,
  type InsightIssueChanges,
  type InsightIssueCount,
  type InsightReach,
  type InsightSettingsObject,
  type InsightsObject,
  type InsightsScope,
  type MembershipMonth,
} from './insights.object.js';
import { InsightsRepository, type RollupCell, type RollupUnit } from './insights.repository.js';
import { cell, suppressPartition } from './insights.suppression.js';

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
const MAX_MONTHS = 240;
/** issueChanges compares with this many days ago when the scope has no `from`. */
const DEFAULT_CHANGE_DAYS = 30;
const CONSENTS = ['GRANTED', 'WITHDRAWN', 'UNKNOWN'] as const;

export function londonToday(now: Date): string {
  // Months are the organisation's months: Europe/London, not UTC.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** "YYYY-MM" plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function labelOf(dimension: string, key: string): string {
  if (key === '') return 'Unknown';
  if (dimension === 'STATUS' || dimension.endsWith('_CONSENT')) return key.charAt(0) + key.slice(1).toLowerCase();
  return key;
}

/** Largest first, then by key; suppressed cells after every shown one (their order must not hint at their size). */
function byCountThenKey<T extends InsightCount>(a: T, b: T): number {
  if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
  if (!a.suppressed && a.count !== b.count) return (b.count ?? 0) - (a.count ?? 0);
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}


/** The rollup level a scope reads: the unit it names. */
export function unitOf(scope: InsightsScope): RollupUnit {
  const hasRegion = scope.region !== null;
  const hasBranch = scope.branch !== null;
  const level = hasRegion && hasBranch ? 3 : hasRegion ? 1 : hasBranch ? 2 : 0;
  return { level, region: scope.region, branch: scope.branch };
}

interface ResolvedInsights extends InsightsObject {
  /** Memoised per request: every field needs it. */
  thresholdPromise?: Promise<number>;
}

@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Access first (another organisation is NOT_FOUND whatever the scope), then the scope's meaning. */
  async forOrganisation(organisationId: string, input: InsightsScopeInput | null | undefined, now = new Date()): Promise<InsightsObject> {
    this.access.assert(organisationId, 'insights:read');
    const orgId = organisationId.toLowerCase();
    const scope: InsightsScope = { from: input?.from ?? null, to: input?.to ?? null, region: input?.region ?? null, branch: input?.branch ?? null };
    const problems: { path: string; message: string }[] = [];
    if (scope.from && scope.to && scope.from > scope.to) problems.push({ path: 'scope.from', message: 'Must be on or before scope.to.' });
    if (scope.region !== null) {
      const found = await this.insights.cells(orgId, ['TOTAL'], { level: 1, region: scope.region, branch: null });
      if (found.length === 0) problems.push({ path: 'scope.region', message: 'No members in this region.' });
    }
    if (scope.branch !== null && problems.every((p) => p.path !== 'scope.region')) {
      const found = await this.insights.cells(orgId, ['TOTAL'], scope.region !== null
        ? { level: 3, region: scope.region, branch: scope.branch }
        : { level: 2, region: null, branch: scope.branch });
      if (found.length === 0) problems.push({ path: 'scope.branch', message: scope.region !== null ? 'No members in this branch of the region.' : 'No members in this branch.' });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    return { organisationId: orgId, scope, asOf: now };
  }

  suppressionThreshold(parent: InsightsObject): Promise<number> {
    const p = parent as ResolvedInsights;
    p.thresholdPromise ??= this.insights.suppressionThreshold(p.organisationId).then((t) => t ?? DEFAULT_SUPPRESSION_THRESHOLD);
    return p.thresholdPromise;
  }

  async total(parent: InsightsObject): Promise<InsightCount> {
    const [t, rows] = await Promise.all([this.suppressionThreshold(parent), this.insights.cells(parent.organisationId, ['TOTAL'], unitOf(parent.scope))]);
    return cell('TOTAL', 'Members', rows[0]?.count ?? 0, t);
  }

  async breakdown(parent: InsightsObject, dimension: InsightDimension, limit: number): Promise<InsightBreakdown> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new ValidationFailedException([{ path: 'limit', message: 'Must be a whole number from 1 to 500.' }]);
    }
    // Every member has exactly one key of these dimensions ('' when unknown): the keys add up to the unit's TOTAL.
    const unit = unitOf(parent.scope);
    const [t, ranked, totals] = await Promise.all([
      this.suppressionThreshold(parent),
      this.insights.top(parent.organisationId, dimension, unit, limit),
      this.insights.cells(parent.organisationId, ['TOTAL'], unit),
    ]);
    const top = ranked.map((r) => ({ key: r.key, label: labelOf(dimension, r.key), count: r.count }));
    const total = totals[0]?.count ?? 0;
    const other = total - top.reduce((s, r) => s + r.count, 0);
    const cells = suppressPartition([...top, { key: 'OTHER', label: 'Other', count: other }], t);
    const otherCount = cells.pop()!;
    return { dimension, rows: cells.sort(byCountThenKey), otherCount, total: cell('TOTAL', 'Members', total, t) };
  }

  /** Months from scope.from (else `months` months back) to scope.to (else today), oldest first. */
  async membershipByMonth(parent: InsightsObject, months: number, now = new Date()): Promise<MembershipMonth[]> {
    const range = this.monthRange(parent.scope, months, now);
    const [t, rows] = await Promise.all([
      this.suppressionThreshold(parent),
      this.insights.months(parent.organisationId, ['JOINED', 'LEFT', 'EXIT'], unitOf(parent.scope), range[0], range[range.length - 1]),
    ]);
    const of = (dimension: string) => new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.key, r.count]));
    const joined = of('JOINED');
    const left = of('LEFT');
    const exits = of('EXIT');
    // Month-end total = everyone joined by then − everyone who has also left by then (EXIT = the later of the two
    // months); key '' holds the months before the range.
    let total = (joined.get('') ?? 0) - (exits.get('') ?? 0);
    return range.map((month) => {
      const j = joined.get(month) ?? 0;
      const l = left.get(month) ?? 0;
      total += j - (exits.get(month) ?? 0);
      const joiners = cell(month, 'Joiners', j, t);
      const leavers = cell(month, 'Leavers', l, t);
      const hideNet = joiners.suppressed || leavers.suppressed;
      return {
        month,
        total: cell(month, 'Members', total, t),
        joiners,
        leavers,
        net: { key: month, label: 'Net', count: hideNet ? null : j - l, suppressed: hideNet },
      };
    });
  }

  private monthRange(scope: InsightsScope, months: number, now: Date): string[] {
    const toMonth = (scope.to ?? londonToday(now)).slice(0, 7);
    if (scope.from) {
      const fromMonth = scope.from.slice(0, 7);
      const range = monthsBetween(fromMonth, toMonth);
      if (range.length > MAX_MONTHS) throw new ValidationFailedException([{ path: 'scope.from', message: `The range spans more than ${MAX_MONTHS} months.` }]);
      return range;
    }
    if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
      throw new ValidationFailedException([{ path: 'months', message: `Must be a whole number from 1 to ${MAX_MONTHS}.` }]);
    }
    return monthsBetween(addMonths(toMonth, -(months - 1)), toMonth);
  }

  async topIssues(parent: InsightsObject, limit: number, by: InsightUnit | null): Promise<InsightIssueCount[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationFailedException([{ path: 'limit', message: 'Must be a whole number from 1 to 100.' }]);
    }
    const scope = parent.scope;
    const base = unitOf(scope);
    const unit: RollupUnit = by === InsightUnit.REGION ? { level: scope.branch !== null ? 3 : 1, region: scope.region, branch: scope.branch }
      : by === InsightUnit.BRANCH ? { level: scope.region !== null ? 3 : 2, region: scope.region, branch: scope.branch }
        : base;
    const per = by === InsightUnit.REGION ? 'region' : by === InsightUnit.BRANCH ? 'branch' : null;
    // Ranked by true count in the database; suppressed rows then go last among the top `limit` (byCountThenKey).
    const [t, rows] = await Promise.all([this.suppressionThreshold(parent), this.insights.top(parent.organisationId, 'ISSUE', unit, limit)]);
    const groups = new Map<string, RollupCell[]>();
    for (const r of rows) {
      const g = per === 'region' ? r.region : per === 'branch' ? r.branch : '';
      groups.set(g, [...(groups.get(g) ?? []), r]);
    }
    return [...groups.keys()].sort().flatMap((g) => groups.get(g)!
      .map((r) => ({ ...cell(r.key, r.key, r.count, t), unitType: by ?? null, unit: by ? g : null, unitLabel: by ? labelOf('UNIT', g) : null }))
      .sort(byCountThenKey));
  }

  /** Issue counts at the end of the range against the daily snapshot on or before its start (docs/insights.md). */
  async issueChanges(parent: InsightsObject, limit: number, now = new Date()): Promise<InsightIssueChanges> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationFailedException([{ path: 'limit', message: 'Must be a whole number from 1 to 100.' }]);
    }
    const org = parent.organisationId;
    const unit = unitOf(parent.scope);
    const today = londonToday(now);
    const fromDay = parent.scope.from ?? addDays(parent.scope.to && parent.scope.to < today ? parent.scope.to : today, -DEFAULT_CHANGE_DAYS);
    const t = await this.suppressionThreshold(parent);
    const since = await this.insights.snapshotDayOnOrBefore(org, fromDay);
    let until: string | null = null;
    let current: Map<string, number>;
    if (parent.scope.to && parent.scope.to < today) {
      until = await this.insights.snapshotDayOnOrBefore(org, parent.scope.to);
      current = until ? new Map((await this.insights.snapshot(org, until, ['ISSUE'], unit)).map((r) => [r.key, r.count])) : new Map();
    } else {
      current = new Map((await this.insights.cells(org, ['ISSUE'], unit)).map((r) => [r.key, r.count]));
    }
    const before = since ? new Map((await this.insights.snapshot(org, since, ['ISSUE'], unit)).map((r) => [r.key, r.count])) : null;
    if (parent.scope.to && parent.scope.to < today && !until) return { since, until, rows: [] };
    const keys = [...new Set([...current.keys(), ...(before?.keys() ?? [])])];
    const rows = keys.map((key) => {
      const n = cell(key, 'Now', current.get(key) ?? 0, t);
      const b = before ? cell(key, 'Before', before.get(key) ?? 0, t) : null;
      const change = b && !b.suppressed && !n.suppressed ? n.count! - b.count! : null;
      return { key, label: key, now: n, before: b, change };
    });
    rows.sort((a, b) => {
      if ((a.change === null) !== (b.change === null)) return a.change === null ? 1 : -1;
      const d = Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0);
      return d || (a.key < b.key ? -1 : 1);
    });
    return { since, until, rows: rows.slice(0, limit) };
  }

  async reach(parent: InsightsObject): Promise<InsightReach> {
    const [t, rows] = await Promise.all([
      this.suppressionThreshold(parent),
      this.insights.cells(parent.organisationId, ['TOTAL', 'SMS_REACHABLE', 'EMAIL_REACHABLE', 'SMS_CONSENT', 'EMAIL_CONSENT'], unitOf(parent.scope)),
    ]);
    const get = (dimension: string, key: string) => rows.find((r) => r.dimension === dimension && r.key === key)?.count ?? 0;
    const total = get('TOTAL', '');
    const reachable = (dimension: string, label: string) => {
      const n = get(dimension, 'true');
      return suppressPartition([{ key: 'REACHABLE', label, count: n }, { key: 'NOT_REACHABLE', label: 'Not reachable', count: total - n, hidden: true }], t)[0];
    };
    const consent = (dimension: string) => suppressPartition(CONSENTS.map((c) => ({ key: c, label: labelOf(dimension, c), count: get(dimension, c) })), t);
    return {
      total: cell('TOTAL', 'Members', total, t),
      smsReachable: reachable('SMS_REACHABLE', 'Reachable by SMS'),
      emailReachable: reachable('EMAIL_REACHABLE', 'Reachable by email'),
      smsConsent: consent('SMS_CONSENT'),
      emailConsent: consent('EMAIL_CONSENT'),
    };
  }

  // --- Settings ---

  async updateSettings(organisationId: string, suppressionThreshold: number): Promise<InsightSettingsObject> {
    this.access.assert(organisationId, 'insights:configure');
    const orgId = organisationId.toLowerCase();
    if (!Number.isInteger(suppressionThreshold) || suppressionThreshold < 0 || suppressionThreshold > 1000) {
      throw new ValidationFailedException([{ path: 'suppressionThreshold', message: 'Must be a whole number from 0 (no suppression) to 1000.' }]);
    }
    const previous = (await this.insights.suppressionThreshold(orgId)) ?? DEFAULT_SUPPRESSION_THRESHOLD;
    await this.insights.saveSuppressionThreshold(orgId, suppressionThreshold, this.access.principal().label);
    await this.audit.record({
      action: 'insights.settings.update', organisationId: orgId, targetType: 'insight_setting', targetIds: [orgId],
      details: { suppressionThreshold, previous },
    });
    return { organisationId: orgId, suppressionThreshold };
  }
}
