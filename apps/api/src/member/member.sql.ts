/**
 * SQL building blocks for the members list: the filter vocabulary → a WHERE fragment, and the
 * keyset sorts. Pure functions (unit-tested) used only by MemberRepository.
 * Must never: interpolate a value into SQL text; every value becomes a numbered parameter.
 */
import { classifySearchTerm } from '@muster/domain';
import type { MemberFilterInput, StringArrayFilter, StringFilter } from './dtos/member-filter.input.js';

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Sort keys: each a non-null stored column kept by the member_sort_keys trigger (lower-cased names in the
 * "C" collation, joined_on with NULL as 'infinity', membership number with NULL as ''), so a row
 * comparison with the id is exact, matches the sort indexes and is LEAKPROOF: under row-level security
 * only leakproof conditions may become index conditions (an expression such as lower() or COALESCE
 * would turn the keyset into a Filter over the whole organisation).
 * `unindexed` is the same value written so no index matches it: used when the filter has a search,
 * so PostgreSQL finds the (few) matches through the search's own index range and sorts them, instead of
 * walking the whole sort index in order hoping to meet 51 matches early (prefix matches cluster,
 * so that walk can cover most of a million rows).
 */
export const MEMBER_SORTS = {
  LAST_NAME: {
    keys: ['m.last_name_key', 'm.first_name_key'],
    unindexed: [`(m.last_name_key || '')`, `(m.first_name_key || '')`],
    casts: ['text', 'text'],
  },
  FIRST_NAME: {
    keys: ['m.first_name_key', 'm.last_name_key'],
    unindexed: [`(m.first_name_key || '')`, `(m.last_name_key || '')`],
    casts: ['text', 'text'],
  },
  JOINED_ON: {
    keys: ['m.joined_on_key'],
    unindexed: ['(m.joined_on_key + 0)'],
    casts: ['date'],
  },
  CREATED_AT: { keys: ['m.created_at'], unindexed: [`(m.created_at + interval '0')`], casts: ['timestamptz'] },
  MEMBERSHIP_NUMBER: {
    keys: ['m.membership_number_key'],
    unindexed: [`(m.membership_number_key || '')`],
    casts: ['text'],
  },
} as const satisfies Record<string, { keys: readonly string[]; unindexed: readonly string[]; casts: readonly string[] }>;

/** True when a search term (at any depth) will narrow the list. */
export function hasSearch(filter: MemberFilterInput | null | undefined): boolean {
  if (!filter) return false;
  if (filter.search != null && filter.search.trim() !== '') return true;
  return !!(filter.and?.some(hasSearch) || filter.or?.some(hasSearch) || (filter.not && hasSearch(filter.not)));
}

/**
 * Whether walking the sort index is the right plan for this filter and sort. Yes without a search.
 * With a top-level name search it still is when the search fixes the leading sort key by prefix
 * (surname search sorted by surname, "first surname" sorted by first name): the walk is then one
 * short range. Any other search (phone, email, nested, other sorts) sorts the matches instead.
 */
export function useSortIndexFor(filter: MemberFilterInput | null | undefined, sort: MemberSortName): boolean {
  if (!hasSearch(filter)) return true;
  if (!filter || hasSearch({ and: filter.and, or: filter.or, not: filter.not })) return false;
  const kind = classifySearchTerm(filter.search);
  if (!kind || kind.kind !== 'name') return false;
  return sort === 'LAST_NAME' || (sort === 'FIRST_NAME' && kind.first !== undefined);
}

export type MemberSortName = keyof typeof MEMBER_SORTS;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function stringFilter(column: string, f: StringFilter | null | undefined, p: SqlParams, out: string[]): void {
  if (!f) return;
  if (f.eq != null) out.push(`${column} = ${p.add(f.eq)}`);
  if (f.in != null) out.push(`${column} = ANY(${p.add(f.in)}::text[])`);
  if (f.startsWith != null) out.push(`${column} LIKE ${p.add(escapeLike(f.startsWith) + '%')}`);
}

function enumFilter(
  column: string,
  type: string,
  f: { eq?: string | null; in?: string[] | null } | null | undefined,
  p: SqlParams,
  out: string[],
): void {
  if (!f) return;
  if (f.eq != null) out.push(`${column} = ${p.add(f.eq)}::${type}`);
  if (f.in != null) out.push(`${column} = ANY(${p.add(f.in)}::${type}[])`);
}

function arrayFilter(column: string, f: StringArrayFilter | null | undefined, p: SqlParams, out: string[]): void {
  if (!f) return;
  if (f.containsAny != null) out.push(`${column} && ${p.add(f.containsAny)}::text[]`);
  if (f.containsAll != null) out.push(`${column} @> ${p.add(f.containsAll)}::text[]`);
}

/**
 * The smallest string greater than every string that starts with `prefix`, in code point order (which is
 * the byte order of UTF-8, so of the "C" collation and of text_pattern_ops): the prefix with its last
 * code point incremented (skipping the surrogate range), dropping trailing U+10FFFF. Null when no such
 * string exists (empty prefix, or only U+10FFFF). `x >= prefix AND x < upper` is then exactly
 * "x starts with prefix", and, unlike LIKE, both operators are leakproof.
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      points.push(String.fromCodePoint(next));
      return points.join('');
    }
  }
  return null;
}

/** `column` starts with `prefix`, as a leakproof range (`ge`/`lt` name the operators: C columns use >= and <). */
function prefixRange(column: string, prefix: string, p: SqlParams, ops: { ge: string; lt: string } = { ge: '>=', lt: '<' }): string {
  const upper = prefixUpperBound(prefix);
  const lower = `${column} ${ops.ge} ${p.add(prefix)}`;
  return upper === null ? lower : `${lower} AND ${column} ${ops.lt} ${p.add(upper)}`;
}

const PATTERN_OPS = { ge: '~>=~', lt: '~<~' };

/**
 * The search box, as classified by @muster/domain. Every branch is a prefix range on an index that
 * leads with organisation_id, written with leakproof operators so it stays an index condition under
 * row-level security: the trigger-kept name keys (C collation) and e164 / address with their
 * text_pattern_ops indexes (~>=~ / ~<~, byte order).
 */
export function searchCondition(term: string, orgParam: string, p: SqlParams): string | null {
  const kind = classifySearchTerm(term);
  if (!kind) return null;
  switch (kind.kind) {
    case 'phone':
      return `m.id IN (SELECT ph.member_id FROM member_phone ph WHERE ph.organisation_id = ${orgParam} AND ${prefixRange('ph.e164', kind.e164Prefix, p, PATTERN_OPS)})`;
    case 'email':
      return `m.id IN (SELECT em.member_id FROM member_email em WHERE em.organisation_id = ${orgParam} AND ${prefixRange('em.address', kind.prefix, p, PATTERN_OPS)})`;
    case 'name': {
      // One word is a surname prefix, two are first name + surname prefix (@muster/domain decides).
      const last = prefixRange('m.last_name_key', kind.last, p);
      if (!kind.first) return `(${last})`;
      return `(${prefixRange('m.first_name_key', kind.first, p)} AND ${last})`;
    }
  }
}

/** A resolved segment's member predicate over `m` (apps/api/src/segment), for `filter.segmentId`. */
export type SegmentPredicate = (orgParam: string, p: SqlParams) => string;

/**
 * One MemberFilter → a boolean SQL expression over alias `m` (fields AND-ed; and/or/not nest). A filter with a
 * `segmentId` needs that segment's predicate, resolved beforehand in the caller's organisation.
 */
export function buildMemberFilter(filter: MemberFilterInput | null | undefined, orgParam: string, p: SqlParams, segment: SegmentPredicate | null = null): string {
  if (!filter) return 'TRUE';
  const out: string[] = [];
  if (filter.segmentId != null) {
    if (!segment) throw new Error('filter.segmentId must be resolved to a segment predicate before building the filter');
    out.push(segment(orgParam, p));
  }
  enumFilter('m.status', 'member_status', filter.status, p, out);
  stringFilter('m.region', filter.region, p, out);
  stringFilter('m.branch', filter.branch, p, out);
  stringFilter('m.workplace', filter.workplace, p, out);
  stringFilter('m.employer', filter.employer, p, out);
  arrayFilter('m.tags', filter.tags, p, out);
  arrayFilter('m.issues', filter.issues, p, out);
  enumFilter('m.sms_consent', 'consent_status', filter.smsConsent, p, out);
  enumFilter('m.email_consent', 'consent_status', filter.emailConsent, p, out);
  if (filter.joinedOn?.gte != null) out.push(`m.joined_on >= ${p.add(filter.joinedOn.gte)}::date`);
  if (filter.joinedOn?.lte != null) out.push(`m.joined_on <= ${p.add(filter.joinedOn.lte)}::date`);
  if (filter.search != null) {
    const search = searchCondition(filter.search, orgParam, p);
    if (search) out.push(search);
  }
  if (filter.and?.length) out.push(`(${filter.and.map((f) => buildMemberFilter(f, orgParam, p)).join(' AND ')})`);
  if (filter.or?.length) out.push(`(${filter.or.map((f) => buildMemberFilter(f, orgParam, p)).join(' OR ')})`);
  if (filter.not) out.push(`NOT (${buildMemberFilter(filter.not, orgParam, p)})`);
  if (out.length === 0) return 'TRUE';
  return out.length === 1 ? out[0] : `(${out.join(' AND ')})`;
}

export interface KeysetPage {
  sort: MemberSortName;
  descending: boolean;
  /** Sort values + id of the row to continue after (in the direction of travel). */
  after: { values: unknown[]; id: string } | null;
  limit: number;
  /** Sort through the sort index (default) or sort the filtered rows (see MEMBER_SORTS). */
  useSortIndex?: boolean;
}

/** ORDER BY and the keyset condition for one page; `descending` is the direction of travel. */
export function keysetClauses(page: KeysetPage, p: SqlParams): { where: string; orderBy: string; keySelect: string } {
  const sort = MEMBER_SORTS[page.sort];
  const dir = page.descending ? 'DESC' : 'ASC';
  const sortKeys: readonly string[] = page.useSortIndex === false ? sort.unindexed : sort.keys;
  const keys = [...sortKeys, 'm.id'];
  const orderBy = keys.map((k) => `${k} ${dir}`).join(', ');
  let where = 'TRUE';
  if (page.after) {
    const values = [...page.after.values.map((v, i) => `${p.add(v)}::${sort.casts[i]}`), `${p.add(page.after.id)}::uuid`];
    where = `(${keys.join(', ')}) ${page.descending ? '<' : '>'} (${values.join(', ')})`;
  }
  const keySelect = sortKeys.map((k, i) => `${k}${sort.casts[i] === 'date' ? '::text' : ''} AS k${i}`).join(', ');
  return { where, orderBy, keySelect };
}
