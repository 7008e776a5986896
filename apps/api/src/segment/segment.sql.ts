/**
 * A segment definition → ONE boolean SQL expression over `member m`, with every value a numbered parameter.
 * Pure (unit-tested), used by SegmentRepository and, through SegmentFilterService, by the members list and the
 * export. Must never: interpolate a value into SQL text, or read another organisation's rows (the two subqueries
 * are scoped by the organisation parameter as well as by row-level security).
 *
 * NULLs: `NOT` is pushed down to the conditions (De Morgan) and every condition has an explicit negative form,
 * so a negated condition is the exact complement of the condition within the organisation. A member with no
 * region is therefore in "region is none of [North]" and in "not (region is any of [North])"; a member with no
 * support level is in "not (support level ≥ 4)". Positive forms stay plain column comparisons (index-friendly).
 */
import type { SegmentCondition, SegmentDefinition, SegmentField, SegmentNode } from '@muster/domain';
import type { SqlParams } from '../member/member.sql.js';

const TEXT_COLUMNS = { region: 'm.region', branch: 'm.branch', workplace: 'm.workplace', employer: 'm.employer' } as const;
const DATE_COLUMNS = { joinedOn: 'm.joined_on', leftOn: 'm.left_on' } as const;

/** The segment's predicate over `m` (alias of member). `orgParam` is the organisation's parameter, e.g. `$1`. */
export function compileSegment(definition: SegmentDefinition, orgParam: string, p: SqlParams): string {
  return compileNode(definition.root, false, orgParam, p);
}

function join(parts: string[], op: 'AND' | 'OR'): string {
  if (parts.length === 0) return op === 'AND' ? 'TRUE' : 'FALSE';
  return parts.length === 1 ? parts[0] : `(${parts.join(` ${op} `)})`;
}

function compileNode(node: SegmentNode, negated: boolean, org: string, p: SqlParams): string {
  if (node.type === 'condition') return compileCondition(node, negated, org, p);
  const children = (neg: boolean) => node.children.map((c) => compileNode(c, neg, org, p));
  switch (node.op) {
    case 'and': // NOT (a AND b) = NOT a OR NOT b
      return negated ? join(children(true), 'OR') : join(children(false), 'AND');
    case 'or': // NOT (a OR b) = NOT a AND NOT b
      return negated ? join(children(true), 'AND') : join(children(false), 'OR');
    case 'not': // none of: NOT (a OR b); negated: a OR b
      return negated ? join(children(false), 'OR') : join(children(true), 'AND');
  }
}

/** `positive` when the condition holds; `negative` is its exact complement (NULLs included). */
function pick(negated: boolean, positive: string, negative: string): string {
  return negated ? negative : positive;
}

function compileCondition(c: SegmentCondition, negated: boolean, org: string, p: SqlParams): string {
  const field: SegmentField = c.field;
  const values = c.values ?? [];
  switch (field) {
    case 'status':
    case 'smsConsent':
    case 'emailConsent': {
      const column = field === 'status' ? 'm.status' : field === 'smsConsent' ? 'm.sms_consent' : 'm.email_consent';
      const type = field === 'status' ? 'member_status' : 'consent_status';
      const list = p.add(values);
      // NOT NULL columns: "<> ALL" is the exact complement of "= ANY".
      const inList = `${column} = ANY(${list}::${type}[])`;
      const notInList = `${column} <> ALL(${list}::${type}[])`;
      return pick(negated !== (c.op === 'notIn'), inList, notInList);
    }
    case 'region':
    case 'branch':
    case 'workplace':
    case 'employer': {
      const column = TEXT_COLUMNS[field];
      if (c.op === 'isEmpty' || c.op === 'isNotEmpty') {
        return pick(negated !== (c.op === 'isNotEmpty'), `${column} IS NULL`, `${column} IS NOT NULL`);
      }
      const list = p.add(values);
      return pick(negated !== (c.op === 'notIn'), `${column} = ANY(${list}::text[])`, `(${column} IS NULL OR ${column} <> ALL(${list}::text[]))`);
    }
    case 'tags':
    case 'issues': {
      const column = `m.${field}`; // NOT NULL arrays
      const list = p.add(values);
      if (c.op === 'allOf') return pick(negated, `${column} @> ${list}::text[]`, `NOT (${column} @> ${list}::text[])`);
      return pick(negated !== (c.op === 'noneOf'), `${column} && ${list}::text[]`, `NOT (${column} && ${list}::text[])`);
    }
    case 'reachableBySms': {
      const yes = `(m.has_mobile AND m.sms_consent = 'GRANTED')`;
      return pick(negated !== (c.op === 'isNot'), yes, `NOT ${yes}`);
    }
    case 'reachableByEmail': {
      const yes = `(m.email IS NOT NULL AND m.email_consent = 'GRANTED')`;
      const no = `(m.email IS NULL OR m.email_consent <> 'GRANTED')`;
      return pick(negated !== (c.op === 'isNot'), yes, no);
    }
    case 'supportLevel': {
      const column = 'm.support_level';
      if (c.op === 'unknown') return pick(negated, `${column} IS NULL`, `${column} IS NOT NULL`);
      const op = c.op === 'eq' ? '=' : c.op === 'lte' ? '<=' : '>=';
      const comparison = `${column} ${op} ${p.add(c.value)}::smallint`;
      return pick(negated, comparison, `(${column} IS NULL OR NOT ${comparison})`);
    }
    case 'joinedOn':
    case 'leftOn': {
      const column = DATE_COLUMNS[field];
      if (c.op === 'unknown') return pick(negated, `${column} IS NULL`, `${column} IS NOT NULL`);
      const comparison =
        c.op === 'before' ? `${column} < ${p.add(c.value)}::date`
        : c.op === 'after' ? `${column} > ${p.add(c.value)}::date`
        : `${column} BETWEEN ${p.add(c.from)}::date AND ${p.add(c.to)}::date`;
      return pick(negated, comparison, `(${column} IS NULL OR NOT (${comparison}))`);
    }
    // Uncorrelated IN (member_id is NOT NULL, so NOT IN is the exact complement): a semi-join in a WHERE clause,
    // and a hashed subplan (one pass over the links, not one probe per member) inside count(*) FILTER (…).
    case 'import': {
      const inImport = `m.id IN (SELECT mim.member_id FROM member_import_member mim WHERE mim.organisation_id = ${org} AND mim.import_id = ANY(${p.add(values)}::uuid[]))`;
      return pick(negated !== (c.op === 'notIn'), inImport, `NOT ${inImport}`);
    }
    case 'segmentSnapshot': {
      const inSnapshot = `m.id IN (SELECT sm.member_id FROM segment_member sm WHERE sm.organisation_id = ${org} AND sm.segment_id = ANY(${p.add(values)}::uuid[]))`;
      return pick(negated !== (c.op === 'notIn'), inSnapshot, `NOT ${inSnapshot}`);
    }
    // Responses and donations: uncorrelated IN over the organisation's rows, like imports above.
    case 'actionCompleted':
    case 'actionCommitted': {
      const state = field === 'actionCompleted' ? `ar.state = 'COMPLETED'` : `ar.committed_at IS NOT NULL`;
      const took = `m.id IN (SELECT ar.member_id FROM action_response ar WHERE ar.organisation_id = ${org} AND ar.action_id = ANY(${p.add(values)}::uuid[]) AND ${state})`;
      return pick(negated !== (c.op === 'notIn'), took, `NOT ${took}`);
    }
    case 'donated': {
      // A donation counts once it has succeeded and while any of it is kept (a full refund takes it back out).
      const kept = `d.organisation_id = ${org} AND d.member_id IS NOT NULL AND d.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED')`;
      const day = `(d.succeeded_at AT TIME ZONE 'Europe/London')::date`;
      let donated: string;
      switch (c.op) {
        case 'ever':
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept})`;
          break;
        case 'after':
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept} AND ${day} > ${p.add(c.value)}::date)`;
          break;
        case 'before':
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept} AND ${day} < ${p.add(c.value)}::date)`;
          break;
        case 'between':
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept} AND ${day} BETWEEN ${p.add(c.from)}::date AND ${p.add(c.to)}::date)`;
          break;
        case 'inCampaign':
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept} AND d.campaign_id = ANY(${p.add(values)}::uuid[]))`;
          break;
        default: // totalAtLeast: what they gave, less refunds, across every campaign
          donated = `m.id IN (SELECT d.member_id FROM donation d WHERE ${kept} GROUP BY d.member_id HAVING sum(d.amount_pence - d.refunded_pence) >= ${p.add(c.value)}::bigint)`;
      }
      return pick(negated, donated, `NOT ${donated}`);
    }
    case 'lastContacted': {
      const column = 'm.last_contacted_at';
      if (c.op === 'never') return pick(negated, `${column} IS NULL`, `${column} IS NOT NULL`);
      const local = `(${column} AT TIME ZONE 'Europe/London')::date`;
      const comparison =
        c.op === 'withinDays' || c.op === 'notWithinDays' ? `${column} >= now() - make_interval(days => ${p.add(c.value)}::int)`
        : c.op === 'before' ? `${local} < ${p.add(c.value)}::date`
        : `${local} > ${p.add(c.value)}::date`;
      // notWithinDays is "not (within)": never contacted counts as not contacted recently.
      return pick(negated !== (c.op === 'notWithinDays'), comparison, `(${column} IS NULL OR NOT (${comparison}))`);
    }
    default:
      return assertNever(field);
  }
}

function assertNever(field: never): never {
  throw new Error(`Segment field ${String(field)} has no SQL`);
}

/** A frozen segment's members: its snapshot rows. */
export function snapshotPredicate(segmentId: string, orgParam: string, p: SqlParams): string {
  return `m.id IN (SELECT sm.member_id FROM segment_member sm WHERE sm.organisation_id = ${orgParam} AND sm.segment_id = ${p.add(segmentId)}::uuid)`;
}
