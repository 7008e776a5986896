import { classifySearchTerm } from './search.classify.js';

describe('classifySearchTerm', () => {
  it.each([
    ['07700 9', '+4477009'],
    ['07700900123', '+447700900123'],
    ['+44 77', '+4477'],
    ['+44 (0)77', '+4477'],
    ['+44(0)7700 9', '+4477009'],
    ['(0)7700', '+447700'],
    ['0044 77', '+4477'],
    ['447700', '+447700'],
    ['7700 9', '+4477009'],
    ['0161 496', '+44161496'],
    ['07700-900', '+447700900'],
    ['+33 6 12', '+33612'],
    ['tel:+447700', '+447700'],
    ['  0770\u00a09  ', '+447709'],
  ])('%j is a phone prefix %j', (term, e164Prefix) => {
    expect(classifySearchTerm(term)).toEqual({ kind: 'phone', e164Prefix });
  });

  it('needs at least four digits to search phones; fewer is a name search', () => {
    expect(classifySearchTerm('077')).toEqual({ kind: 'name', last: '077' });
    expect(classifySearchTerm('+44 7')).toEqual({ kind: 'name', first: '+44', last: '7' });
    expect(classifySearchTerm('0770')).toEqual({ kind: 'phone', e164Prefix: '+44770' });
  });

  it.each([
    ['Jo.Smith@', 'jo.smith@'],
    ['  JO@EXAMPLE.ORG ', 'jo@example.org'],
    ['@gmail', '@gmail'],
    ['mailto:jo@ex', 'jo@ex'],
  ])('%j is an email prefix %j', (term, prefix) => {
    expect(classifySearchTerm(term)).toEqual({ kind: 'email', prefix });
  });

  it.each([
    ['jones', { kind: 'name', last: 'jones' }],
    ['  JONES ', { kind: 'name', last: 'jones' }],
    ['john jo', { kind: 'name', first: 'john', last: 'jo' }],
    ['John   Jo', { kind: 'name', first: 'john', last: 'jo' }],
    ['mary de so', { kind: 'name', first: 'mary', last: 'de so' }],
    ['jones, john', { kind: 'name', first: 'john', last: 'jones' }],
    ['jones,', { kind: 'name', last: 'jones' }],
    ["o'neill", { kind: 'name', last: "o'neill" }],
    ['siân', { kind: 'name', last: 'siân' }],
    ['agent 007', { kind: 'name', first: 'agent', last: '007' }],
  ])('%j is a name search', (term, expected) => {
    expect(classifySearchTerm(term)).toEqual(expected);
  });

  it.each(['', '   ', '\u00a0', null, undefined, ',', 'tel:'])('%p is no search at all', (term) => {
    expect(classifySearchTerm(term)).toBeNull();
  });
});
