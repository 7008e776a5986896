import { Permutation, Random, Weighted, hashString } from './random.prng.js';

describe('Random', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Random(42);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
    expect(r.digits(6)).toMatch(/^\d{6}$/);
  });
});

describe('Weighted', () => {
  it('picks in proportion to weight and never picks a zero weight', () => {
    const table = new Weighted([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const r = new Random(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.pick(r)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / 40_000).toBeCloseTo(0.75, 1);
  });

  it('refuses an empty table or a negative weight', () => {
    expect(() => new Weighted([])).toThrow();
    expect(() => new Weighted([['x', -1]])).toThrow();
  });
});

describe('Permutation', () => {
  it('is a bijection on its range', () => {
    for (const size of [2, 10, 1000, 4099]) {
      const p = new Permutation(size, new Random(size));
      const values = Array.from({ length: size }, (_, i) => p.at(i));
      expect(values.every((v) => v >= 0 && v < size)).toBe(true);
      expect(new Set(values).size).toBe(size);
    }
  });

  it('refuses indexes outside its range', () => {
    const p = new Permutation(100, new Random(1));
    expect(() => p.at(100)).toThrow(RangeError);
    expect(() => p.at(-1)).toThrow(RangeError);
  });

  it('hashString is stable', () => {
    expect(hashString('union')).toBe(hashString('union'));
    expect(hashString('union')).not.toBe(hashString('campaign'));
  });
});
