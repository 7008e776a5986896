import { normaliseName, normaliseTagList } from './member.normalise.js';

describe('normaliseName', () => {
  it('trims and collapses whitespace, including non-breaking spaces', () => {
    expect(normaliseName('  Mary   Ann\u00a0 ')).toBe('Mary Ann');
    expect(normaliseName('\tSiân\n')).toBe('Siân');
  });

  it('keeps the spelling people gave', () => {
    expect(normaliseName('McDONALD')).toBe('McDONALD');
    expect(normaliseName('de Souza')).toBe('de Souza');
    expect(normaliseName("O'Neill-Ó Briain")).toBe("O'Neill-Ó Briain");
  });

  it('returns an empty string for blanks and non-strings', () => {
    expect(normaliseName('   ')).toBe('');
    expect(normaliseName(undefined as unknown as string)).toBe('');
  });
});

describe('normaliseTagList', () => {
  it('trims, drops empties and dedupes case-insensitively keeping the first spelling and order', () => {
    expect(normaliseTagList([' Pay ', 'pay', '', 'Health  and safety', 'PAY', '  ', 'health and Safety', 'Pensions'])).toEqual([
      'Pay',
      'Health and safety',
      'Pensions',
    ]);
  });

  it('treats null and undefined as an empty list', () => {
    expect(normaliseTagList(null)).toEqual([]);
    expect(normaliseTagList(undefined)).toEqual([]);
  });
});
