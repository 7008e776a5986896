/**
 * A compact set of string keys by their 53-bit hash (cyrb53), open addressing in one Float64Array: what the
 * dry run remembers about people it would create, so a later row of the same person counts as theirs. About
 * 11 bytes a key at 1M rows, where a Set<string> would take ~70; a false "seen" needs a 53-bit collision.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1; // 0 marks an empty slot
}

export class KeyHashSet {
  private slots = new Float64Array(1 << 16);
  private size = 0;

  has(key: string): boolean {
    const h = hash53(key);
    const mask = this.slots.length - 1;
    for (let i = h % this.slots.length; ; i = (i + 1) & mask) {
      const v = this.slots[i];
      if (v === 0) return false;
      if (v === h) return true;
    }
  }

  add(key: string): void {
    if ((this.size + 1) * 4 > this.slots.length * 3) this.grow();
    if (this.insert(this.slots, hash53(key))) this.size++;
  }

  private insert(slots: Float64Array, h: number): boolean {
    const mask = slots.length - 1;
    for (let i = h % slots.length; ; i = (i + 1) & mask) {
      const v = slots[i];
      if (v === h) return false;
      if (v === 0) {
        slots[i] = h;
        return true;
      }
    }
  }

  private grow(): void {
    const next = new Float64Array(this.slots.length * 2);
    for (const v of this.slots) if (v !== 0) this.insert(next, v);
    this.slots = next;
  }
}
