import { describeScope, isIsoDate, monthsInScope, scopeFromParams, scopeProblem, scopeSlug, scopeToParams, scopeVariable } from './insights-scope.js';

describe('insights scope in the URL', () => {
  it('reads the filters and drops malformed dates', () => {
    const params = new URLSearchParams('from=2025-01-01&to=2026-02-30&region=North&other=1');
    expect(scopeFromParams(params)).toEqual({ from: '2025-01-01', region: 'North' });
    expect(scopeFromParams(new URLSearchParams('from=&to='))).toEqual({});
  });
  it('writes the filters back, keeping other parameters and removing cleared ones', () => {
    const next = scopeToParams({ region: 'South West', branch: undefined }, new URLSearchParams('branch=B1&tab=x'));
    expect(next.toString()).toBe('tab=x&region=South+West');
    expect(scopeFromParams(next)).toEqual({ region: 'South West' });
  });
  it('keeps an empty unit as "Unknown" (members with no region or branch recorded)', () => {
    const scope = scopeFromParams(new URLSearchParams('region=&branch=B1'));
    expect(scope).toEqual({ region: '', branch: 'B1' });
    expect(scopeToParams(scope).toString()).toBe('region=&branch=B1');
    expect(scopeVariable(scope)).toEqual({ region: '', branch: 'B1' });
    expect(describeScope({ region: '' })).toBe('no region recorded');
    expect(scopeToParams({ region: undefined, from: '' }, new URLSearchParams('region=&from=2025-01-01')).toString()).toBe('');
  });
  it('checks real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('25-01-01')).toBe(false);
  });
  it('refuses a start after the end', () => {
    expect(scopeProblem({ from: '2026-02-01', to: '2026-01-01' })).toBe('The start date is after the end date.');
    expect(scopeProblem({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
  });
  it('sends only what is set', () => {
    expect(scopeVariable({})).toBeNull();
    expect(scopeVariable({ region: 'North', from: '' })).toEqual({ region: 'North' });
  });
  it('counts the months of the range', () => {
    expect(monthsInScope({}, '2026-11-26')).toBe(24);
    expect(monthsInScope({ from: '2026-01-15' }, '2026-11-26')).toBe(11);
    expect(monthsInScope({ from: '2025-11-01', to: '2026-02-28' }, '2026-11-26')).toBe(4);
    expect(monthsInScope({ from: '2000-01-01' }, '2026-11-26')).toBe(120);
  });
  it('describes and slugs the scope', () => {
    expect(describeScope({})).toBe('all members');
    expect(describeScope({ region: 'North', from: '2025-01-01', to: '2025-12-31' })).toBe('region North, 2025-01-01 to 2025-12-31');
    expect(scopeSlug({ region: 'North East', to: '2025-12-31' })).toBe('region-north-east-up-to-2025-12-31');
    expect(scopeSlug({})).toBe('');
  });
});
