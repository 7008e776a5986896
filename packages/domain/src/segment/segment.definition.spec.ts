import {
  SEGMENT_LIMITS,
  countSegmentConditions,
  emptySegmentDefinition,
  parseSegmentDefinition,
  pruneEmptySegmentGroups,
  segmentReferences,
  type SegmentDefinition,
} from './segment.definition.js';

const SEG = '0190a5c1-0000-7000-8000-00000000000a';
const IMP = '0190A5C1-0000-7000-8000-00000000000B';

function def(children: unknown[], op = 'and'): unknown {
  return { version: 1, root: { type: 'group', op, children } };
}

function problems(raw: unknown): string[] {
  const result = parseSegmentDefinition(raw);
  return result.ok ? [] : result.error.map((p) => `${p.path}: ${p.message}`);
}

describe('parseSegmentDefinition', () => {
  it('accepts every field with its operators and returns the stable form', () => {
    const raw = def([
      { type: 'condition', field: 'status', op: 'in', values: ['LAPSED', 'ACTIVE', 'ACTIVE'] },
      { type: 'condition', field: 'region', op: 'notIn', values: [' North ', 'East'] },
      { type: 'condition', field: 'branch', op: 'isEmpty', values: ['ignored'] },
      { type: 'condition', field: 'tags', op: 'allOf', values: ['Rep'] },
      { type: 'condition', field: 'issues', op: 'noneOf', values: ['Pay'] },
      { type: 'condition', field: 'smsConsent', op: 'in', values: ['GRANTED'] },
      { type: 'condition', field: 'reachableBySms', op: 'is' },
      { type: 'condition', field: 'reachableByEmail', op: 'isNot' },
      { type: 'condition', field: 'supportLevel', op: 'gte', value: 4 },
      { type: 'condition', field: 'supportLevel', op: 'unknown' },
      { type: 'condition', field: 'joinedOn', op: 'between', from: '2020-01-01', to: '2020-12-31' },
      { type: 'condition', field: 'leftOn', op: 'before', value: '2024-02-29' },
      { type: 'condition', field: 'import', op: 'in', values: [IMP] },
      { type: 'group', op: 'not', children: [{ type: 'condition', field: 'segmentSnapshot', op: 'in', values: [SEG] }] },
    ]);
    const result = parseSegmentDefinition(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const children = result.value.root.children;
    expect(children[0]).toEqual({ type: 'condition', field: 'status', op: 'in', values: ['ACTIVE', 'LAPSED'] });
    expect(children[1]).toEqual({ type: 'condition', field: 'region', op: 'notIn', values: ['East', 'North'] });
    expect(children[2]).toEqual({ type: 'condition', field: 'branch', op: 'isEmpty' });
    expect(children[10]).toEqual({ type: 'condition', field: 'joinedOn', op: 'between', from: '2020-01-01', to: '2020-12-31' });
    expect(children[12]).toEqual({ type: 'condition', field: 'import', op: 'in', values: [IMP.toLowerCase()] });
    expect(segmentReferences(result.value)).toEqual({ segmentIds: [SEG], importIds: [IMP.toLowerCase()], actionIds: [], campaignIds: [] });
    expect(countSegmentConditions(result.value)).toBe(14);
  });

  it('accepts the action, donation and last-contacted conditions and lists their references', () => {
    const ACTION = '0190a0b0-0000-7000-8000-00000000000a';
    const CAMPAIGN = '0190a0b0-0000-7000-8000-00000000000c';
    const result = parseSegmentDefinition(def([
      { type: 'condition', field: 'actionCompleted', op: 'notIn', values: [ACTION] },
      { type: 'condition', field: 'actionCommitted', op: 'in', values: [ACTION.toUpperCase()] },
      { type: 'condition', field: 'donated', op: 'ever' },
      { type: 'condition', field: 'donated', op: 'totalAtLeast', value: 2500 },
      { type: 'condition', field: 'donated', op: 'inCampaign', values: [CAMPAIGN] },
      { type: 'condition', field: 'donated', op: 'between', from: '2026-01-01', to: '2026-03-31' },
      { type: 'condition', field: 'lastContacted', op: 'notWithinDays', value: 30 },
      { type: 'condition', field: 'lastContacted', op: 'never' },
    ]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.root.children[3]).toEqual({ type: 'condition', field: 'donated', op: 'totalAtLeast', value: 2500 });
    expect(segmentReferences(result.value)).toEqual({ segmentIds: [], importIds: [], actionIds: [ACTION], campaignIds: [CAMPAIGN] });
  });

  it('refuses pence and days that are not whole, positive and within bounds', () => {
    expect(problems(def([
      { type: 'condition', field: 'donated', op: 'totalAtLeast', value: 12.5 },
      { type: 'condition', field: 'donated', op: 'totalAtLeast', value: 0 },
      { type: 'condition', field: 'lastContacted', op: 'withinDays', value: 3651 },
      { type: 'condition', field: 'lastContacted', op: 'withinDays', value: '7' },
      { type: 'condition', field: 'actionCompleted', op: 'in', values: ['not-an-id'] },
    ]))).toEqual([
      'root.children.0.value: Must be a whole number of pence from 1 to 1,000,000,000.',
      'root.children.1.value: Must be a whole number of pence from 1 to 1,000,000,000.',
      'root.children.2.value: Must be a whole number of days from 1 to 3,650.',
      'root.children.3.value: Must be a whole number of days from 1 to 3,650.',
      'root.children.4.values.0: Must be an id.',
    ]);
  });

  it('gives the same JSON for the same meaning (stable form)', () => {
    const a = parseSegmentDefinition(def([{ op: 'anyOf', values: ['b', 'a'], field: 'tags', type: 'condition' }]));
    const b = parseSegmentDefinition({ root: { children: [{ type: 'condition', field: 'tags', op: 'anyOf', values: ['a', ' b', 'a'] }], op: 'and', type: 'group' }, version: 1 });
    expect(a.ok && b.ok && JSON.stringify(a.value)).toBe(b.ok && JSON.stringify(b.value));
  });

  it('accepts an empty root (every member)', () => {
    expect(parseSegmentDefinition(emptySegmentDefinition())).toEqual({ ok: true, value: emptySegmentDefinition() });
  });

  it('names every problem by its path', () => {
    expect(
      problems(
        def([
          { type: 'condition', field: 'colour', op: 'in', values: ['x'] },
          { type: 'condition', field: 'region', op: 'anyOf', values: ['x'] },
          { type: 'condition', field: 'status', op: 'in', values: ['ACTIVE', 'GONE'] },
          { type: 'condition', field: 'region', op: 'in', values: [] },
          { type: 'condition', field: 'supportLevel', op: 'eq', value: 9 },
          { type: 'condition', field: 'joinedOn', op: 'between', from: '2021-01-01', to: '2020-01-01' },
          { type: 'condition', field: 'leftOn', op: 'after', value: '2021-02-30' },
          { type: 'condition', field: 'import', op: 'in', values: ['not-an-id'] },
          { type: 'group', op: 'or', children: [] },
          { type: 'group', op: 'xor', children: [{ type: 'condition', field: 'reachableBySms', op: 'is' }] },
          'nonsense',
        ]),
      ),
    ).toEqual([
      'root.children.0.field: Unknown field; one of: status, region, branch, workplace, employer, tags, issues, smsConsent, emailConsent, reachableBySms, reachableByEmail, supportLevel, joinedOn, leftOn, import, segmentSnapshot, actionCompleted, actionCommitted, donated, lastContacted.',
      'root.children.1.op: Region takes one of: in, notIn, isEmpty, isNotEmpty.',
      'root.children.2.values.1: Must be one of ACTIVE, LAPSED, LEFT.',
      'root.children.3.values: Choose at least one value.',
      'root.children.4.value: Must be a whole number from 1 to 5.',
      'root.children.5.to: Must not be before "from".',
      'root.children.6.value: Must be a real date as "YYYY-MM-DD".',
      'root.children.7.values.0: Must be an id.',
      'root.children.8.children: A group needs at least one condition.',
      'root.children.9.op: Must be "and", "or" or "not".',
      'root.children.10: Must be a group or a condition.',
    ]);
  });

  it('refuses a wrong version or a root that is not a group', () => {
    expect(problems({ version: 2, root: { type: 'group', op: 'and', children: [] } })).toEqual(['version: Must be 1.']);
    expect(problems({ version: 1, root: { type: 'condition', field: 'status', op: 'in', values: ['ACTIVE'] } })).toEqual(['root: Must be a group.']);
    expect(problems('x')).toEqual([': A segment definition must be an object.']);
  });

  it('enforces the limits: depth, conditions, values, string length', () => {
    const leaf = { type: 'condition', field: 'reachableBySms', op: 'is' };
    let nested: unknown = leaf;
    for (let i = 0; i < SEGMENT_LIMITS.depth - 1; i++) nested = { type: 'group', op: 'and', children: [nested] };
    expect(problems(def([nested]))).toEqual([]); // root + 5 groups = depth 6
    expect(problems(def([{ type: 'group', op: 'and', children: [nested] }]))).toEqual([
      'root.children.0.children.0.children.0.children.0.children.0.children.0: Groups may be nested at most 6 deep.',
    ]);
    expect(problems(def(Array.from({ length: 100 }, () => leaf)))).toEqual([]);
    expect(problems(def(Array.from({ length: 101 }, () => leaf)))).toEqual(['root.children.100: A segment may have at most 100 conditions.']);
    const values = Array.from({ length: 101 }, (_, i) => `v${i}`);
    expect(problems(def([{ type: 'condition', field: 'tags', op: 'anyOf', values }]))).toEqual(['root.children.0.values: At most 100 values.']);
    expect(problems(def([{ type: 'condition', field: 'tags', op: 'anyOf', values: values.slice(0, 100) }]))).toEqual([]);
    expect(problems(def([{ type: 'condition', field: 'branch', op: 'in', values: ['x'.repeat(201)] }]))).toEqual([
      'root.children.0.values.0: At most 200 characters.',
    ]);
    expect(problems(def([{ type: 'condition', field: 'branch', op: 'in', values: ['x'.repeat(200)] }]))).toEqual([]);
  });
});

describe('pruneEmptySegmentGroups', () => {
  it('drops empty groups below the root so a half-built definition can be counted', () => {
    const d: SegmentDefinition = {
      version: 1,
      root: { type: 'group', op: 'and', children: [
        { type: 'group', op: 'or', children: [{ type: 'group', op: 'not', children: [] }] },
        { type: 'condition', field: 'reachableBySms', op: 'is' },
      ] },
    };
    expect(pruneEmptySegmentGroups(d).root.children).toEqual([{ type: 'condition', field: 'reachableBySms', op: 'is' }]);
  });
});
