/**
 * Segment definitions: the saved filter behind a segment, as a tree of `and` / `or` / `not` groups and
 * conditions, its validation (every problem named by its path) and its stable JSON form (stored as jsonb).
 *
 * Owns: which condition fields exist, which operators each takes, what values they need, and the limits.
 * Must never: know SQL (the API compiles a definition to one predicate, apps/api/src/segment/segment.sql.ts),
 * or accept a definition it cannot describe back exactly.
 *
 * Adding a condition kind (as actions completed / committed, donations and last contacted were in issue 6) is one
 * entry in SEGMENT_FIELDS (its operators and value shape) plus one case in the API's compiler, whose switch over
 * `SegmentField` is exhaustive so it fails to compile until the new field is handled. Stored definitions keep
 * working: `version` stays 1 while fields are only added.
 */
import { isIsoDate } from '../date/date.value.js';
import { CONSENT_STATUSES, MEMBER_STATUSES, SUPPORT_LEVEL_MAX, SUPPORT_LEVEL_MIN } from '../member/member.types.js';
import { err, ok, type Result } from '../result.js';

export const SEGMENT_DEFINITION_VERSION = 1;
export const SEGMENT_LIMITS = { depth: 6, conditions: 100, groups: 100, values: 100, stringLength: 200 } as const;

export type SegmentGroupOp = 'and' | 'or' | 'not';
export const SEGMENT_GROUP_OPS: readonly SegmentGroupOp[] = ['and', 'or', 'not'];

/** How a field's operator takes its value. */
export type SegmentValueShape =
  | 'none' // isEmpty, unknown, is / isNot
  | 'list' // values: string[] (1..100)
  | 'number' // value: number
  | 'date' // value: "YYYY-MM-DD"
  | 'range' // from, to: "YYYY-MM-DD" (inclusive)
  | 'pence' // value: whole pence, 1 to 1,000,000,000
  | 'days'; // value: whole days, 1 to 3,650

/** What kind of strings a list holds (checked, and how the picker offers them). */
export type SegmentListKind = 'text' | 'status' | 'consent' | 'id';

export interface SegmentFieldSpec {
  label: string;
  ops: Readonly<Record<string, SegmentValueShape>>;
  list?: SegmentListKind;
}

/** Every condition field, its operators and their value shapes. The order is the builder's order. */
export const SEGMENT_FIELDS = {
  status: { label: 'Status', ops: { in: 'list', notIn: 'list' }, list: 'status' },
  region: { label: 'Region', ops: { in: 'list', notIn: 'list', isEmpty: 'none', isNotEmpty: 'none' }, list: 'text' },
  branch: { label: 'Branch', ops: { in: 'list', notIn: 'list', isEmpty: 'none', isNotEmpty: 'none' }, list: 'text' },
  workplace: { label: 'Workplace', ops: { in: 'list', notIn: 'list', isEmpty: 'none', isNotEmpty: 'none' }, list: 'text' },
  employer: { label: 'Employer', ops: { in: 'list', notIn: 'list', isEmpty: 'none', isNotEmpty: 'none' }, list: 'text' },
  tags: { label: 'Tags', ops: { anyOf: 'list', allOf: 'list', noneOf: 'list' }, list: 'text' },
  issues: { label: 'Issues', ops: { anyOf: 'list', allOf: 'list', noneOf: 'list' }, list: 'text' },
  smsConsent: { label: 'SMS consent', ops: { in: 'list', notIn: 'list' }, list: 'consent' },
  emailConsent: { label: 'Email consent', ops: { in: 'list', notIn: 'list' }, list: 'consent' },
  reachableBySms: { label: 'Reachable by SMS', ops: { is: 'none', isNot: 'none' } },
  reachableByEmail: { label: 'Reachable by email', ops: { is: 'none', isNot: 'none' } },
  supportLevel: { label: 'Support level', ops: { eq: 'number', lte: 'number', gte: 'number', unknown: 'none' } },
  joinedOn: { label: 'Joined on', ops: { before: 'date', after: 'date', between: 'range', unknown: 'none' } },
  leftOn: { label: 'Left on', ops: { before: 'date', after: 'date', between: 'range', unknown: 'none' } },
  import: { label: 'Came from import', ops: { in: 'list', notIn: 'list' }, list: 'id' },
  segmentSnapshot: { label: 'In snapshot of segment', ops: { in: 'list', notIn: 'list' }, list: 'id' },
  actionCompleted: { label: 'Completed action', ops: { in: 'list', notIn: 'list' }, list: 'id' },
  actionCommitted: { label: 'Committed to action (ever)', ops: { in: 'list', notIn: 'list' }, list: 'id' },
  donated: {
    label: 'Donated',
    ops: { ever: 'none', after: 'date', before: 'date', between: 'range', totalAtLeast: 'pence', inCampaign: 'list' },
    list: 'id',
  },
  lastContacted: {
    label: 'Last contacted',
    ops: { withinDays: 'days', notWithinDays: 'days', before: 'date', after: 'date', never: 'none' },
  },
} as const satisfies Record<string, SegmentFieldSpec>;

export type SegmentField = keyof typeof SEGMENT_FIELDS;
export type SegmentOp<F extends SegmentField = SegmentField> = F extends SegmentField ? keyof (typeof SEGMENT_FIELDS)[F]['ops'] & string : never;

export const OP_LABELS: Readonly<Record<string, string>> = {
  in: 'is any of', notIn: 'is none of', isEmpty: 'is empty', isNotEmpty: 'is not empty',
  anyOf: 'has any of', allOf: 'has all of', noneOf: 'has none of', is: 'yes', isNot: 'no',
  eq: '=', lte: '≤', gte: '≥', unknown: 'is unknown', before: 'before', after: 'after', between: 'between',
  ever: 'ever', totalAtLeast: 'in total at least (pence)', inCampaign: 'to any of the campaigns',
  withinDays: 'within the last … days', notWithinDays: 'not within the last … days', never: 'never',
};

/** Limits of the `pence` and `days` value shapes. */
export const SEGMENT_PENCE_MAX = 1_000_000_000;
export const SEGMENT_DAYS_MAX = 3650;

/** One condition. Only the members its shape needs are present in the stable form. */
export interface SegmentCondition {
  type: 'condition';
  field: SegmentField;
  op: string;
  values?: string[];
  value?: number | string;
  from?: string;
  to?: string;
}

export interface SegmentGroup {
  type: 'group';
  /** and: all children match; or: any matches; not: none matches (NOT (c1 OR c2 …)). */
  op: SegmentGroupOp;
  children: SegmentNode[];
}

export type SegmentNode = SegmentGroup | SegmentCondition;

export interface SegmentDefinition {
  version: typeof SEGMENT_DEFINITION_VERSION;
  root: SegmentGroup;
}

export interface SegmentProblem {
  /** Dotted path inside the definition, e.g. `root.children.2.values.0`. */
  path: string;
  message: string;
}

export function emptySegmentDefinition(): SegmentDefinition {
  return { version: SEGMENT_DEFINITION_VERSION, root: { type: 'group', op: 'and', children: [] } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code point order: the same everywhere (no locale), so equal definitions give equal JSON. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Walker {
  readonly problems: SegmentProblem[] = [];
  conditions = 0;
  groups = 0;
  private tooManyConditions = false;
  private tooManyGroups = false;

  problem(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  node(raw: unknown, path: string, depth: number): SegmentNode | null {
    if (!isObject(raw)) {
      this.problem(path, 'Must be a group or a condition.');
      return null;
    }
    if (raw.type === 'group') return this.group(raw, path, depth);
    if (raw.type === 'condition') return this.condition(raw, path);
    this.problem(`${path}.type`, 'Must be "group" or "condition".');
    return null;
  }

  group(raw: unknown, path: string, depth: number): SegmentGroup | null {
    if (!isObject(raw) || raw.type !== 'group') {
      this.problem(path, 'Must be a group.');
      return null;
    }
    if (depth > SEGMENT_LIMITS.depth) {
      this.problem(path, `Groups may be nested at most ${SEGMENT_LIMITS.depth} deep.`);
      return null;
    }
    this.groups++;
    if (this.groups > SEGMENT_LIMITS.groups && !this.tooManyGroups) {
      this.tooManyGroups = true;
      this.problem(path, `A segment may have at most ${SEGMENT_LIMITS.groups} groups.`);
    }
    const op = raw.op;
    if (typeof op !== 'string' || !(SEGMENT_GROUP_OPS as readonly string[]).includes(op)) {
      this.problem(`${path}.op`, 'Must be "and", "or" or "not".');
    }
    if (!Array.isArray(raw.children)) {
      this.problem(`${path}.children`, 'Must be a list.');
      return null;
    }
    // The root may be empty (every member); an empty group elsewhere means nothing and is refused.
    if (raw.children.length === 0 && depth > 1) this.problem(`${path}.children`, 'A group needs at least one condition.');
    const children: SegmentNode[] = [];
    raw.children.forEach((child, i) => {
      const node = this.node(child, `${path}.children.${i}`, depth + 1);
      if (node) children.push(node);
    });
    return { type: 'group', op: op as SegmentGroupOp, children };
  }

  condition(raw: Record<string, unknown>, path: string): SegmentCondition | null {
    this.conditions++;
    if (this.conditions > SEGMENT_LIMITS.conditions && !this.tooManyConditions) {
      this.tooManyConditions = true;
      this.problem(path, `A segment may have at most ${SEGMENT_LIMITS.conditions} conditions.`);
    }
    const field = raw.field;
    if (typeof field !== 'string' || !Object.prototype.hasOwnProperty.call(SEGMENT_FIELDS, field)) {
      this.problem(`${path}.field`, `Unknown field; one of: ${Object.keys(SEGMENT_FIELDS).join(', ')}.`);
      return null;
    }
    const spec: SegmentFieldSpec = SEGMENT_FIELDS[field as SegmentField];
    const op = raw.op;
    if (typeof op !== 'string' || !Object.prototype.hasOwnProperty.call(spec.ops, op)) {
      this.problem(`${path}.op`, `${spec.label} takes one of: ${Object.keys(spec.ops).join(', ')}.`);
      return null;
    }
    const out: SegmentCondition = { type: 'condition', field: field as SegmentField, op };
    switch (spec.ops[op]) {
      case 'none':
        break;
      case 'list': {
        const values = this.list(raw.values, `${path}.values`, spec.list ?? 'text');
        if (values) out.values = values;
        break;
      }
      case 'number': {
        const value = raw.value;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < SUPPORT_LEVEL_MIN || value > SUPPORT_LEVEL_MAX) {
          this.problem(`${path}.value`, `Must be a whole number from ${SUPPORT_LEVEL_MIN} to ${SUPPORT_LEVEL_MAX}.`);
        } else out.value = value;
        break;
      }
      case 'pence':
      case 'days': {
        const value = raw.value;
        const max = spec.ops[op] === 'pence' ? SEGMENT_PENCE_MAX : SEGMENT_DAYS_MAX;
        const unit = spec.ops[op] === 'pence' ? 'pence' : 'days';
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
          this.problem(`${path}.value`, `Must be a whole number of ${unit} from 1 to ${max.toLocaleString('en-GB')}.`);
        } else out.value = value;
        break;
      }
      case 'date': {
        const value = this.date(raw.value, `${path}.value`);
        if (value) out.value = value;
        break;
      }
      case 'range': {
        const from = this.date(raw.from, `${path}.from`);
        const to = this.date(raw.to, `${path}.to`);
        if (from && to && from > to) this.problem(`${path}.to`, 'Must not be before "from".');
        if (from) out.from = from;
        if (to) out.to = to;
        break;
      }
    }
    return out;
  }

  private date(raw: unknown, path: string): string | null {
    if (typeof raw !== 'string' || !isIsoDate(raw)) {
      this.problem(path, 'Must be a real date as "YYYY-MM-DD".');
      return null;
    }
    return raw;
  }

  private list(raw: unknown, path: string, kind: SegmentListKind): string[] | null {
    if (!Array.isArray(raw) || raw.length === 0) {
      this.problem(path, 'Choose at least one value.');
      return null;
    }
    if (raw.length > SEGMENT_LIMITS.values) {
      this.problem(path, `At most ${SEGMENT_LIMITS.values} values.`);
      return null;
    }
    const seen = new Set<string>();
    let bad = false;
    raw.forEach((item, i) => {
      const at = `${path}.${i}`;
      if (typeof item !== 'string') {
        this.problem(at, 'Must be text.');
        bad = true;
        return;
      }
      let value = item.trim();
      switch (kind) {
        case 'text':
          if (value === '') {
            this.problem(at, 'Must not be empty.');
            bad = true;
            return;
          }
          if (value.length > SEGMENT_LIMITS.stringLength) {
            this.problem(at, `At most ${SEGMENT_LIMITS.stringLength} characters.`);
            bad = true;
            return;
          }
          break;
        case 'status':
          if (!(MEMBER_STATUSES as readonly string[]).includes(value)) {
            this.problem(at, `Must be one of ${MEMBER_STATUSES.join(', ')}.`);
            bad = true;
            return;
          }
          break;
        case 'consent':
          if (!(CONSENT_STATUSES as readonly string[]).includes(value)) {
            this.problem(at, `Must be one of ${CONSENT_STATUSES.join(', ')}.`);
            bad = true;
            return;
          }
          break;
        case 'id':
          if (!UUID.test(value)) {
            this.problem(at, 'Must be an id.');
            bad = true;
            return;
          }
          value = value.toLowerCase();
          break;
      }
      seen.add(value);
    });
    if (bad) return null;
    return [...seen].sort(byCodePoint);
  }
}

/**
 * Checks a definition (anything, e.g. parsed JSON from a client) and returns its stable form: fixed key order,
 * list values trimmed, de-duplicated and sorted, ids lower-cased, only the members each operator uses. Every
 * problem is reported with its path (`root.children.1.values.0`), not just the first.
 */
export function parseSegmentDefinition(raw: unknown): Result<SegmentDefinition, SegmentProblem[]> {
  const walker = new Walker();
  if (!isObject(raw)) return err([{ path: '', message: 'A segment definition must be an object.' }]);
  if (raw.version !== SEGMENT_DEFINITION_VERSION) walker.problem('version', `Must be ${SEGMENT_DEFINITION_VERSION}.`);
  const root = walker.group(raw.root, 'root', 1);
  if (walker.problems.length > 0 || !root) {
    return err(walker.problems.length > 0 ? walker.problems : [{ path: 'root', message: 'Must be a group.' }]);
  }
  return ok({ version: SEGMENT_DEFINITION_VERSION, root });
}

export interface SegmentReferences {
  segmentIds: string[];
  importIds: string[];
  actionIds: string[];
  campaignIds: string[];
}

/** The segments (snapshots), imports, actions and campaigns a definition refers to: each must exist in the segment's organisation. */
export function segmentReferences(definition: SegmentDefinition): SegmentReferences {
  const ids = { segmentIds: new Set<string>(), importIds: new Set<string>(), actionIds: new Set<string>(), campaignIds: new Set<string>() };
  const into: Partial<Record<SegmentField, Set<string>>> = {
    segmentSnapshot: ids.segmentIds, import: ids.importIds, actionCompleted: ids.actionIds, actionCommitted: ids.actionIds, donated: ids.campaignIds,
  };
  const visit = (node: SegmentNode) => {
    if (node.type === 'group') return node.children.forEach(visit);
    node.values?.forEach((v) => into[node.field]?.add(v));
  };
  visit(definition.root);
  const sorted = (set: Set<string>) => [...set].sort(byCodePoint);
  return { segmentIds: sorted(ids.segmentIds), importIds: sorted(ids.importIds), actionIds: sorted(ids.actionIds), campaignIds: sorted(ids.campaignIds) };
}

/** The number of conditions (for display: "3 conditions"). */
export function countSegmentConditions(definition: SegmentDefinition): number {
  const count = (node: SegmentNode): number => (node.type === 'group' ? node.children.reduce((n, c) => n + count(c), 0) : 1);
  return count(definition.root);
}

/**
 * Drops empty groups below the root (what a builder has while someone is still editing), so a half-built
 * definition can be counted. The root itself stays (an empty root matches every member).
 */
export function pruneEmptySegmentGroups(definition: SegmentDefinition): SegmentDefinition {
  const prune = (group: SegmentGroup): SegmentGroup => ({
    ...group,
    children: group.children
      .map((c) => (c.type === 'group' ? prune(c) : c))
      .filter((c) => c.type !== 'group' || c.children.length > 0),
  });
  return { ...definition, root: prune(definition.root) };
}
