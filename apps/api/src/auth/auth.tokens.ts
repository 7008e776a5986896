/**
 * Token formats and hashing. Session tokens `mst_s_<43 base64url>`, API keys
 * `mst_k_<8-char prefix>_<43 base64url>`, invitation tokens `mst_i_<43>`. Only SHA-256 hashes are
 * stored. Must never: log or persist a token in clear.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'muster_session';
export const CSRF_COOKIE = 'muster_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
export const SESSION_MAX_MS = 30 * 24 * 3600 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const SESSION = /^mst_s_[A-Za-z0-9_-]{43}$/;
const API_KEY = /^mst_k_([a-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

function secret(): string {
  return randomBytes(32).toString('base64url'); // 43 chars
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newSessionToken(): string {
  return `mst_s_${secret()}`;
}

export function newInvitationToken(): string {
  return `mst_i_${secret()}`;
}

export function newCsrfToken(): string {
  return secret();
}

export function newApiKey(): { prefix: string; secret: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 8);
  return { prefix, secret: `mst_k_${prefix}_${secret()}` };
}

export type ParsedToken = { kind: 'SESSION'; token: string } | { kind: 'API_KEY'; token: string; prefix: string } | null;

export function parseToken(token: string): ParsedToken {
  if (SESSION.test(token)) return { kind: 'SESSION', token };
  const key = API_KEY.exec(token);
  if (key) return { kind: 'API_KEY', token, prefix: key[1] };
  return null;
}

/** The `Cookie` header as a map (first value wins; values are not decoded beyond URI escapes). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

export function serializeCookie(name: string, value: string, opts: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number }): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=/; SameSite=Lax; Max-Age=${opts.maxAgeSeconds}`;
  if (opts.httpOnly) cookie += '; HttpOnly';
  if (opts.secure) cookie += '; Secure';
  return cookie;
}
