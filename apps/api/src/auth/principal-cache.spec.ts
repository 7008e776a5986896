import { PrincipalCache } from './principal-cache';

const principal = { kind: 'USER' as const, userId: 'u', sessionId: 's', apiKeyId: null, label: 'x', grants: [], rolesByOrganisation: new Map() };

function listening(ttl = 1000, max = 100): PrincipalCache {
  const c = new PrincipalCache(ttl, max);
  c.listening = true;
  return c;
}

describe('PrincipalCache', () => {
  it('serves a stored entry until its time to live', () => {
    const c = listening(1000);
    c.set('k', { principal, lastUsedAt: 0 }, c.generation, null, 10_000);
    expect(c.get('k', 10_500)?.principal.userId).toBe('u');
    expect(c.get('k', 11_000)).toBeNull();
    expect(c.size).toBe(0);
  });

  it('never outlives the session itself', () => {
    const c = listening(60_000);
    c.set('k', { principal, lastUsedAt: 0 }, c.generation, 10_200, 10_000);
    expect(c.get('k', 10_100)).not.toBeNull();
    expect(c.get('k', 10_200)).toBeNull();
  });

  it('does not store a lookup that began before a clear (a revocation cannot be undone by a slow lookup)', () => {
    const c = listening();
    const before = c.generation;
    c.clear();
    c.set('k', { principal, lastUsedAt: 0 }, before, null);
    expect(c.get('k')).toBeNull();
    c.set('k', { principal, lastUsedAt: 0 }, c.generation, null);
    expect(c.get('k')).not.toBeNull();
  });

  it('is bypassed entirely while it cannot hear changes, and when its time to live is 0', () => {
    const c = new PrincipalCache(1000);
    c.set('k', { principal, lastUsedAt: 0 }, c.generation, null);
    expect(c.get('k')).toBeNull();
    const off = listening(0);
    off.set('k', { principal, lastUsedAt: 0 }, off.generation, null);
    expect(off.get('k')).toBeNull();
  });

  it('holds at most maxEntries, dropping the oldest', () => {
    const c = listening(10_000, 2);
    for (const k of ['a', 'b', 'c']) c.set(k, { principal, lastUsedAt: 0 }, c.generation, null);
    expect(c.get('a')).toBeNull();
    expect(c.get('b')).not.toBeNull();
    expect(c.get('c')).not.toBeNull();
  });

  it('clear empties it and moves the generation on', () => {
    const c = listening();
    c.set('k', { principal, lastUsedAt: 0 }, c.generation, null);
    const g = c.generation;
    c.clear();
    expect(c.generation).toBe(g + 1);
    expect(c.get('k')).toBeNull();
  });
});
