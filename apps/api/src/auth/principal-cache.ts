/**
 * A short-lived, per-process cache of resolved principals (who a session token or API key is, and what it reaches),
 * so a signed-in request does not pay for the session lookup (a recursive query over session, membership and the
 * organisation tree) every time.
 *
 * Freshness is the point, so every way a principal can change clears it:
 * - in this process, right after the change commits: the repositories that revoke sessions and keys, change roles or
 *   passwords call `invalidatePrincipals` (owner connection, already committed) or register it to run after the
 *   request's transaction commits (RequestContext.afterCommit);
 * - in every process (several API instances, psql, a CLI): triggers on session, app_user, membership, api_key and
 *   organisation send NOTIFY muster_auth_changed when a column that decides a principal changes (migration
 *   1765200000000), and each API process LISTENs and clears its cache on arrival;
 * - a generation counter: a lookup that began before a clear is never stored, so a clear cannot be undone by a
 *   lookup that read the old rows;
 * - while the LISTEN connection is not up (starting, lost, reconnecting) the cache is bypassed entirely, so a lost
 *   notification can never leave a revoked session usable; entries also expire after `ttlMs` (default 10 s) and never
 *   outlive the session's own expiry.
 * Must never: serve an entry stored before a committed revocation was seen; cache a failed lookup.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Principal } from '../common/principal.js';

export const AUTH_CHANGED_CHANNEL = 'muster_auth_changed';

export interface CachedPrincipal {
  /** The principal without `via` (bearer or cookie is decided per request). */
  principal: Omit<Principal, 'via'>;
  /** The session or key's last_used_at as last written (to touch it once a minute, not per request). */
  lastUsedAt: number | null;
  /** When the entry stops being served (ms since epoch). */
  expiresAt: number;
}

export class PrincipalCache {
  private readonly entries = new Map<string, CachedPrincipal>();
  private gen = 0;
  /** True only while changes are being listened for; otherwise every lookup goes to the database. */
  listening = false;
  hits = 0;
  misses = 0;

  constructor(readonly ttlMs = 10_000, readonly maxEntries = 10_000) {}

  get generation(): number {
    return this.gen;
  }

  get(key: string, now = Date.now()): CachedPrincipal | null {
    if (!this.listening || this.ttlMs <= 0) return null;
    const entry = this.entries.get(key);
    if (!entry) { this.misses += 1; return null; }
    if (entry.expiresAt <= now) { this.entries.delete(key); this.misses += 1; return null; }
    this.hits += 1;
    return entry;
  }

  /** Stores a lookup's result unless the cache was cleared since the lookup began (`generation` read before it). */
  set(key: string, value: Omit<CachedPrincipal, 'expiresAt'>, generation: number, notAfter: number | null, now = Date.now()): void {
    if (!this.listening || this.ttlMs <= 0 || generation !== this.gen) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...value, expiresAt: Math.min(now + this.ttlMs, notAfter ?? Infinity) });
  }

  touched(key: string, at: number): void {
    const entry = this.entries.get(key);
    if (entry) entry.lastUsedAt = at;
  }

  clear(): void {
    this.gen += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<DataSource, PrincipalCache>();

/** The cache of the API built on this DataSource (one per app; tests run several apps in one process). */
export function principalCacheFor(ds: DataSource): PrincipalCache {
  let cache = caches.get(ds);
  if (!cache) {
    cache = new PrincipalCache(Number(process.env.MUSTER_PRINCIPAL_CACHE_MS ?? 10_000));
    caches.set(ds, cache);
  }
  return cache;
}

/** Clears the principal cache of this process now: call after a committed change to who someone is or reaches. */
export function invalidatePrincipals(ds: DataSource): void {
  caches.get(ds)?.clear();
}

export interface AuthChangeListener {
  close(): Promise<void>;
}

/**
 * LISTENs on its own connection for muster_auth_changed and clears the cache on every notification. The cache serves
 * entries only while this connection is up; on error it is bypassed and cleared, and the listener reconnects with a
 * backoff (1 s doubling to 30 s).
 */
export function listenForAuthChanges(connectionString: string, cache: PrincipalCache, log: (msg: string, err?: unknown) => void): AuthChangeListener {
  let client: Client | null = null;
  let closed = false;
  let delay = 1000;
  let timer: NodeJS.Timeout | null = null;

  const down = (err?: unknown) => {
    cache.listening = false;
    cache.clear();
    const c = client;
    client = null;
    if (c) { c.removeAllListeners(); c.on('error', () => undefined); void c.end().catch(() => undefined); }
    if (closed) return;
    if (err) log('principal cache off: the auth-change listener lost its connection; reconnecting', err);
    timer = setTimeout(connect, delay);
    timer.unref();
    delay = Math.min(delay * 2, 30_000);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new Client({ connectionString, application_name: 'muster-auth-listener' });
    client = c;
    c.on('error', (err) => down(err));
    c.on('end', () => { if (!closed && client === c) down(new Error('connection ended')); });
    c.on('notification', (n) => { if (n.channel === AUTH_CHANGED_CHANNEL) cache.clear(); });
    try {
      await c.connect();
      await c.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
      if (closed || client !== c) { await c.end().catch(() => undefined); return; }
      cache.clear(); // anything could have changed while not listening
      cache.listening = true;
      delay = 1000;
    } catch (err) {
      if (client === c) down(err);
    }
  }

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      cache.listening = false;
      cache.clear();
      const c = client;
      client = null;
      if (c) { c.removeAllListeners(); c.on('error', () => undefined); await c.end().catch(() => undefined); }
    },
  };
}
