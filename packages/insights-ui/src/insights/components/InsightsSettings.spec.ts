import { describeThreshold, parseThreshold } from './InsightsSettings.js';

describe('small-number threshold', () => {
  it('accepts whole numbers from 0 to 1000', () => {
    expect(parseThreshold(' 10 ')).toEqual({ value: 10 });
    expect(parseThreshold('0')).toEqual({ value: 0 });
    expect(parseThreshold('1000')).toEqual({ value: 1000 });
    for (const bad of ['', '-1', '2.5', '1001', 'five']) expect(parseThreshold(bad)).toHaveProperty('problem');
  });
  it('says what the rule means', () => {
    expect(describeThreshold(5)).toBe('Counts from 1 to 4 are shown as “<5” so no one can be identified.');
    expect(describeThreshold(0)).toBe('Every count is shown as it is (small numbers are not withheld).');
    expect(describeThreshold(1)).toBe('Every count is shown.');
  });
});
