import { describeData, describeSeries, wholePercentages } from './chart-data.js';

describe('wholePercentages', () => {
  it('always adds up to 100', () => {
    expect(wholePercentages([1, 1, 1])).toEqual([34, 33, 33]);
    const p = wholePercentages([1234, 567, 89, 3]);
    expect(p.reduce((a, b) => a + b, 0)).toBe(100);
  });
  it('gives the extra point to the largest remainder', () => expect(wholePercentages([2, 1])).toEqual([67, 33]));
  it('leaves all-zero data at zero', () => expect(wholePercentages([0, 0])).toEqual([0, 0]));
});

describe('describeData', () => {
  it('reads every value', () => {
    expect(describeData('Members by status', [{ key: 'ACTIVE', label: 'Active', value: 1200 }, { key: 'LEFT', value: 3 }]))
      .toBe('Members by status: Active 1,200, LEFT 3.');
  });
  it('says when there is nothing', () => expect(describeData('X', [])).toBe('X: no data.'));
});

describe('describeSeries', () => {
  it('totals each series over the range', () => {
    const rows = [{ month: '2025-01', joiners: 5, leavers: 2 }, { month: '2025-02', joiners: 7, leavers: 1 }];
    expect(describeSeries('Movement', rows, 'month', [{ key: 'joiners', label: 'Joiners' }, { key: 'leavers', label: 'Leavers' }]))
      .toBe('Movement, 2025-01 to 2025-02: in total Joiners 12, Leavers 3.');
  });
});
