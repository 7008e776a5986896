import { emptySegmentDefinition, type SegmentDefinition } from '@muster/domain';
import { appendTo, describeCondition, describeDefinition, forPreview, isComplete, newCondition, newGroup, removeAt, replaceAt } from './segment-builder';

describe('segment builder model', () => {
  it('edits by path: append, replace, remove', () => {
    let d: SegmentDefinition = emptySegmentDefinition();
    d = appendTo(d, [], newCondition('region'));
    d = appendTo(d, [], newGroup('not'));
    d = appendTo(d, [1], newCondition('reachableBySms'));
    d = replaceAt(d, [0], { ...newCondition('region', 'notIn'), values: ['Wales'] });
    expect(d.root.children).toEqual([
      { type: 'condition', field: 'region', op: 'notIn', values: ['Wales'] },
      { type: 'group', op: 'not', children: [{ type: 'condition', field: 'reachableBySms', op: 'is' }] },
    ]);
    expect(removeAt(d, [1, 0]).root.children[1]).toEqual({ type: 'group', op: 'not', children: [] });
    expect(removeAt(d, []).root.children).toHaveLength(2);
  });

  it('new conditions start with the value their operator needs, keeping values when only the operator changes', () => {
    expect(newCondition('supportLevel')).toEqual({ type: 'condition', field: 'supportLevel', op: 'eq', value: 3 });
    expect(newCondition('joinedOn', 'between')).toEqual({ type: 'condition', field: 'joinedOn', op: 'between', from: '', to: '' });
    expect(newCondition('region', 'isEmpty')).toEqual({ type: 'condition', field: 'region', op: 'isEmpty' });
    const tags = { ...newCondition('tags'), values: ['rep'] };
    expect(newCondition('tags', 'noneOf', tags)).toEqual({ type: 'condition', field: 'tags', op: 'noneOf', values: ['rep'] });
    expect(newCondition('issues', 'anyOf', tags)).toEqual({ type: 'condition', field: 'issues', op: 'anyOf', values: [] });
  });

  it('the live count leaves out unfinished conditions and the groups they empty, and says how many', () => {
    let d = emptySegmentDefinition();
    d = appendTo(d, [], newCondition('region'));
    d = appendTo(d, [], newGroup('or'));
    d = appendTo(d, [1], newCondition('joinedOn', 'between'));
    d = appendTo(d, [], newCondition('reachableByEmail'));
    expect(forPreview(d)).toEqual({
      definition: { version: 1, root: { type: 'group', op: 'and', children: [{ type: 'condition', field: 'reachableByEmail', op: 'is' }] } },
      incomplete: 2,
    });
  });

  it('amounts and day counts start with a sensible value, must be whole and positive, and read in words', () => {
    const total = newCondition('donated', 'totalAtLeast');
    expect(total).toEqual({ type: 'condition', field: 'donated', op: 'totalAtLeast', value: 1000 });
    expect(describeCondition({ ...total, value: 2550 })).toBe('Donated in total at least £25.50');
    const recent = newCondition('lastContacted', 'notWithinDays');
    expect(recent.value).toBe(30);
    expect(describeCondition(recent)).toBe('Last contacted not within the last 30 days');
    expect(isComplete({ ...recent, value: 0 })).toBe(false);
    expect(isComplete({ ...recent, value: 2.5 })).toBe(false);
    expect(isComplete({ ...recent, value: undefined })).toBe(false);
    // Switching from an amount to a day count does not carry £10.00 over as 1000 days.
    expect(newCondition('donated', 'after', total)).toEqual({ type: 'condition', field: 'donated', op: 'after', value: '' });
    expect(describeCondition({ type: 'condition', field: 'actionCompleted', op: 'notIn', values: ['a1'] }, { a1: 'Pay — Sign the petition' }))
      .toBe('Completed action is none of Pay — Sign the petition');
  });

  it('describes a definition in words', () => {
    let d = emptySegmentDefinition();
    expect(describeDefinition(d)).toEqual(['Every member']);
    d = appendTo(d, [], { ...newCondition('region', 'notIn'), values: ['Wales', 'North West'] });
    d = appendTo(d, [], newGroup('not'));
    d = appendTo(d, [1], newCondition('reachableBySms'));
    d = appendTo(d, [1], { ...newCondition('import'), values: ['0190a5c1-0000-7000-8000-00000000000b'] });
    expect(describeDefinition(d, { '0190a5c1-0000-7000-8000-00000000000b': 'march.csv' })).toEqual([
      'All of these:',
      '  Region is none of Wales, North West',
      '  None of these:',
      '    Reachable by SMS',
      '    Came from import is any of march.csv',
    ]);
  });
});
