import { parse } from 'graphql';
import { assertWithinLimits, measureDocument } from './query-limits';

describe('measureDocument', () => {
  it('counts aliases, also inside fragments each time they are spread', () => {
    const doc = parse(`query { a: x b: x ...F ...F } fragment F on Q { c: y }`);
    expect(measureDocument(doc).aliases).toBe(4);
  });

  it('multiplies a connection by first/last (literal, variable, or the default 50)', () => {
    expect(measureDocument(parse(`{ m(first: 10) { edges { node { id name } } } }`)).cost).toBe(1 + 10 * (1 + 1 * (1 + 2)));
    expect(measureDocument(parse(`query($n: Int) { m(first: $n) { id } }`), { n: 200 }).cost).toBe(1 + 200);
    expect(measureDocument(parse(`{ m { id } n(first: 3) { id } }`)).cost).toBe(1 + 1 + (1 + 3));
    expect(measureDocument(parse(`{ m(last: 7) { id } }`)).cost).toBe(8);
    expect(measureDocument(parse(`{ m(first: $x) { id } }`)).cost).toBe(51);
  });

  it('costs a fragment bomb without expanding it, and survives fragment cycles', () => {
    let src = `{ ...F30 } fragment F0 on Q { id }`;
    for (let i = 1; i <= 30; i++) src += ` fragment F${i} on Q { ...F${i - 1} ...F${i - 1} }`;
    expect(measureDocument(parse(src)).cost).toBe(2 ** 30);
    expect(measureDocument(parse(`{ ...A } fragment A on Q { ...B } fragment B on Q { ...A id }`)).cost).toBe(1);
  });

  it('throws QUERY_TOO_COMPLEX past the limits', () => {
    expect(() => assertWithinLimits(parse(`{ a: x b: x }`), {}, { maxAliases: 1, maxCost: 100 })).toThrow(/2 aliases/);
    expect(() => assertWithinLimits(parse(`{ m(first: 200) { a b } }`), {}, { maxAliases: 1, maxCost: 100 })).toThrow(/cost 401/);
    expect(() => assertWithinLimits(parse(`{ m(first: 20) { a b } }`), {}, { maxAliases: 1, maxCost: 100 })).not.toThrow();
  });
});
