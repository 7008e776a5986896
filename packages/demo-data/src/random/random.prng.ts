/**
 * The only source of randomness in demo data: a seeded PRNG and weighted choice.
 *
 * Owns: mulberry32 (tiny, fast, 32-bit state, good enough for synthetic data), seed mixing, and
 * weighted tables that pick in O(log n).
 * Must never: call Math.random or read the clock; every row must be reproducible from the seed.
 */

/** FNV-1a: turns a string (an organisation key) into 32 bits to mix into the seed. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Random {
  private state: number;

  constructor(seed: number) {
    // Spread small consecutive seeds (1, 2, 3) apart before the first draw.
    this.state = (Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Zero-padded decimal digits, e.g. digits(6) → "040213". */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String.fromCharCode(48 + Math.floor(this.next() * 10));
    return out;
  }
}

/** A table of items with weights; `pick` draws one in proportion to its weight. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new Error('Weighted: no entries');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new Error(`Weighted: bad weight ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/**
 * A bijection on [0, size): a 4-round Feistel network on the next even power of two, walked
 * back into range. Used to hand out membership numbers and mobile numbers that look random yet
 * are unique by construction, without a set of those already used (which would break constant
 * memory at a million rows).
 */
export class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    random: Random,
  ) {
    if (!Number.isInteger(size) || size < 2 || size > 2 ** 30) throw new RangeError(`Permutation size ${size} out of range`);
    let bits = Math.ceil(Math.log2(size));
    if (bits % 2 === 1) bits++;
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = [0, 1, 2, 3].map(() => Math.floor(random.next() * 4294967296) >>> 0);
  }

  private round(value: number, key: number): number {
    let h = Math.imul(value ^ key, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h & this.mask;
  }

  private encrypt(value: number): number {
    let left = value >>> this.half;
    let right = value & this.mask;
    for (const key of this.keys) {
      const next = left ^ this.round(right, key);
      left = right;
      right = next;
    }
    return ((left << this.half) | right) >>> 0;
  }

  at(index: number): number {
    if (!(index >= 0 && index < this.size)) throw new RangeError(`Permutation index ${index} outside [0, ${this.size})`);
    // Cycle-walking: a permutation of [0, 2^bits) maps [0, size) back into itself by repetition.
    let value = this.encrypt(index);
    while (value >= this.size) value = this.encrypt(value);
    return value;
  }
}
