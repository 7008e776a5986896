// The members list view lives entirely in the URL query string (filters, search, sort, page size, cursor), so a link
// reproduces the view and back/forward walk through it. This file is the one translation between that query string,
// the GraphQL variables, and the chips that describe active filters. It must never read or write the URL itself.
import { CONSENT_STATUSES, MEMBER_STATUSES, type ConsentStatus, type MemberStatus } from '@muster/domain';
import type { MemberFilter, MemberOrderField, MembersVariables, SortDirection } from '../graphql/member.graphql';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const ORDER_FIELDS: readonly MemberOrderField[] = ['LAST_NAME', 'FIRST_NAME', 'JOINED_ON', 'CREATED_AT', 'MEMBERSHIP_NUMBER'];
export const DEFAULT_SORT: { field: MemberOrderField; direction: SortDirection } = { field: 'LAST_NAME', direction: 'ASC' };

export interface MemberListParams {
  q: string;
  status: MemberStatus[];
  region: string;
  branch: string;
  workplace: string;
  tags: string[];
  issues: string[];
  smsConsent: ConsentStatus | '';
  emailConsent: ConsentStatus | '';
  joinedFrom: string;
  joinedTo: string;
  /** Only the members of this segment (id). */
  segment: string;
  sort: MemberOrderField;
  dir: SortDirection;
  size: number;
  after: string;
  before: string;
  /** 1-based page number, for "rows 51–100"; cursors decide what is fetched. */
  page: number;
}

/** The keys that narrow the list (everything except sort and paging). */
export const FILTER_KEYS = ['q', 'status', 'region', 'branch', 'workplace', 'tags', 'issues', 'smsConsent', 'emailConsent', 'joinedFrom', 'joinedTo', 'segment'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** Reads the query string; anything unknown or malformed is ignored rather than sent to the API. */
export function parseMemberListParams(search: URLSearchParams): MemberListParams {
  const size = Number(search.get('size'));
  const page = Number(search.get('page'));
  const date = (key: string) => (DATE.test(search.get(key) ?? '') ? (search.get(key) as string) : '');
  return {
    q: (search.get('q') ?? '').trim(),
    status: list(search.get('status')).filter((s): s is MemberStatus => (MEMBER_STATUSES as readonly string[]).includes(s)),
    region: search.get('region') ?? '',
    branch: search.get('branch') ?? '',
    workplace: search.get('workplace') ?? '',
    tags: list(search.get('tags')),
    issues: list(search.get('issues')),
    smsConsent: oneOf(search.get('smsConsent'), CONSENT_STATUSES),
    emailConsent: oneOf(search.get('emailConsent'), CONSENT_STATUSES),
    joinedFrom: date('joinedFrom'),
    joinedTo: date('joinedTo'),
    segment: /^[0-9a-f-]{36}$/i.test(search.get('segment') ?? '') ? (search.get('segment') as string) : '',
    sort: oneOf(search.get('sort'), ORDER_FIELDS) || DEFAULT_SORT.field,
    dir: search.get('dir') === 'DESC' ? 'DESC' : search.get('dir') === 'ASC' ? 'ASC' : DEFAULT_SORT.direction,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
    after: search.get('after') ?? '',
    before: search.get('after') ? '' : (search.get('before') ?? ''),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Writes the query string, leaving out defaults so links stay short and stable. */
export function toSearchParams(p: MemberListParams): URLSearchParams {
  const out = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value) out.set(key, value);
  };
  set('q', p.q);
  set('status', p.status.join(','));
  set('region', p.region);
  set('branch', p.branch);
  set('workplace', p.workplace);
  set('tags', p.tags.join(','));
  set('issues', p.issues.join(','));
  set('smsConsent', p.smsConsent);
  set('emailConsent', p.emailConsent);
  set('joinedFrom', p.joinedFrom);
  set('joinedTo', p.joinedTo);
  set('segment', p.segment);
  if (p.sort !== DEFAULT_SORT.field || p.dir !== DEFAULT_SORT.direction) {
    out.set('sort', p.sort);
    out.set('dir', p.dir);
  }
  if (p.size !== DEFAULT_PAGE_SIZE) out.set('size', String(p.size));
  if (p.after) out.set('after', p.after);
  else if (p.before) out.set('before', p.before);
  if ((p.after || p.before) && p.page > 1) out.set('page', String(p.page));
  return out;
}

/** A change to filters, sort or page size starts again at the first page (old cursors belong to the old view). */
export function withChanges(p: MemberListParams, changes: Partial<MemberListParams>): MemberListParams {
  const pagingOnly = Object.keys(changes).every((k) => k === 'after' || k === 'before' || k === 'page');
  return pagingOnly ? { ...p, ...changes } : { ...p, after: '', before: '', page: 1, ...changes };
}

export function clearFilters(p: MemberListParams): MemberListParams {
  return withChanges(p, { q: '', status: [], region: '', branch: '', workplace: '', tags: [], issues: [], smsConsent: '', emailConsent: '', joinedFrom: '', joinedTo: '', segment: '' });
}

export function hasFilters(p: MemberListParams): boolean {
  return activeFilters(p).length > 0;
}

export function toMemberFilter(p: MemberListParams): MemberFilter | undefined {
  const f: MemberFilter = {};
  if (p.segment) f.segmentId = p.segment;
  if (p.q) f.search = p.q;
  if (p.status.length === 1) f.status = { eq: p.status[0] };
  else if (p.status.length > 1) f.status = { in: p.status };
  if (p.region) f.region = { eq: p.region };
  // Branch and workplace names are long and typed from memory: match on how they start.
  if (p.branch) f.branch = { startsWith: p.branch };
  if (p.workplace) f.workplace = { startsWith: p.workplace };
  if (p.tags.length) f.tags = { containsAny: p.tags };
  if (p.issues.length) f.issues = { containsAny: p.issues };
  if (p.smsConsent) f.smsConsent = { eq: p.smsConsent };
  if (p.emailConsent) f.emailConsent = { eq: p.emailConsent };
  if (p.joinedFrom || p.joinedTo) {
    f.joinedOn = {};
    if (p.joinedFrom) f.joinedOn.gte = p.joinedFrom;
    if (p.joinedTo) f.joinedOn.lte = p.joinedTo;
  }
  return Object.keys(f).length ? f : undefined;
}

export function toMembersVariables(organisationId: string, p: MemberListParams): MembersVariables {
  const vars: MembersVariables = { organisationId, orderBy: { field: p.sort, direction: p.dir } };
  const filter = toMemberFilter(p);
  if (filter) vars.filter = filter;
  if (p.before) {
    vars.last = p.size;
    vars.before = p.before;
  } else {
    vars.first = p.size;
    if (p.after) vars.after = p.after;
  }
  return vars;
}

const STATUS_LABEL: Record<MemberStatus, string> = { ACTIVE: 'Active', LAPSED: 'Lapsed', LEFT: 'Left' };
const CONSENT_LABEL: Record<ConsentStatus, string> = { GRANTED: 'granted', WITHDRAWN: 'withdrawn', UNKNOWN: 'unknown' };

export interface ActiveFilter {
  key: FilterKey;
  label: string;
  clear: Partial<MemberListParams>;
}

/** The chips under the filter bar: what is narrowing the list, each removable on its own. */
export function activeFilters(p: MemberListParams, segmentNames: Record<string, string> = {}): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (p.q) out.push({ key: 'q', label: `Search: “${p.q}”`, clear: { q: '' } });
  if (p.status.length) out.push({ key: 'status', label: `Status: ${p.status.map((s) => STATUS_LABEL[s]).join(' or ')}`, clear: { status: [] } });
  if (p.region) out.push({ key: 'region', label: `Region: ${p.region}`, clear: { region: '' } });
  if (p.branch) out.push({ key: 'branch', label: `Branch starts with “${p.branch}”`, clear: { branch: '' } });
  if (p.workplace) out.push({ key: 'workplace', label: `Workplace starts with “${p.workplace}”`, clear: { workplace: '' } });
  if (p.tags.length) out.push({ key: 'tags', label: `Tagged: ${p.tags.join(' or ')}`, clear: { tags: [] } });
  if (p.issues.length) out.push({ key: 'issues', label: `Cares about: ${p.issues.join(' or ')}`, clear: { issues: [] } });
  if (p.smsConsent) out.push({ key: 'smsConsent', label: `SMS consent ${CONSENT_LABEL[p.smsConsent]}`, clear: { smsConsent: '' } });
  if (p.emailConsent) out.push({ key: 'emailConsent', label: `Email consent ${CONSENT_LABEL[p.emailConsent]}`, clear: { emailConsent: '' } });
  if (p.joinedFrom && p.joinedTo) out.push({ key: 'joinedFrom', label: `Joined ${p.joinedFrom} to ${p.joinedTo}`, clear: { joinedFrom: '', joinedTo: '' } });
  else if (p.joinedFrom) out.push({ key: 'joinedFrom', label: `Joined on or after ${p.joinedFrom}`, clear: { joinedFrom: '' } });
  else if (p.joinedTo) out.push({ key: 'joinedTo', label: `Joined on or before ${p.joinedTo}`, clear: { joinedTo: '' } });
  if (p.segment) out.push({ key: 'segment', label: segmentNames[p.segment] ? `In segment “${segmentNames[p.segment]}”` : 'In a segment', clear: { segment: '' } });
  return out;
}
