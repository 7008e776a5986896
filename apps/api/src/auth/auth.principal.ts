/**
 * Resolves the caller from a request's headers: `Authorization: Bearer <session token | API key>`
 * or the `muster_session` cookie (then the `x-csrf-token` header must equal the `muster_csrf`
 * cookie; the auth hook waives it only for GET/HEAD downloads, which change nothing). Must never: accept a
 * cookie-authenticated state-changing request without the CSRF check, or tell the
 * caller why a token was not accepted (an unusable token is simply no principal). A resolved principal may come from
 * the per-process PrincipalCache (principal-cache.ts: cleared on every committed change, bypassed when it cannot hear
 * changes); the CSRF check runs on every request regardless.
 */
import { computeReach, type Role } from '@muster/domain';
import type { Principal, PrincipalGrant } from '../common/principal.js';
import { AuthRepository } from './auth.repository.js';
import type { PrincipalCache } from './principal-cache.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, parseCookies, parseToken, sameHash, sha256 } from './auth.tokens.js';

export type PrincipalResolution =
  | { ok: true; principal: Principal | null; sessionToken: string | null }
  | { ok: false; reason: 'CSRF_FAILED' };

const TOUCH_EVERY_MS = 60_000;

export async function principalFromGrants(
  repo: AuthRepository,
  base: Omit<Principal, 'rolesByOrganisation' | 'grants'>,
  grants: PrincipalGrant[],
): Promise<Principal> {
  const tree = await repo.subtreesOf([...new Set(grants.map((g) => g.organisationId))]);
  const reach = computeReach(grants, tree);
  return { ...base, grants, rolesByOrganisation: reach };
}

export async function resolvePrincipal(
  repo: AuthRepository,
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
  cache: PrincipalCache | null = null,
  options: { csrf?: boolean } = {},
): Promise<PrincipalResolution> {
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : '';
  let token: string;
  let via: Principal['via'] = 'BEARER';
  if (authorization !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return { ok: true, principal: null, sessionToken: null };
    token = match[1];
  } else {
    const cookies = parseCookies(typeof headers.cookie === 'string' ? headers.cookie : undefined);
    const cookieToken = cookies[SESSION_COOKIE];
    if (!cookieToken) return { ok: true, principal: null, sessionToken: null };
    const csrfCookie = cookies[CSRF_COOKIE] ?? '';
    const csrfHeader = typeof headers[CSRF_HEADER] === 'string' ? (headers[CSRF_HEADER] as string) : '';
    if (options.csrf !== false && (csrfCookie === '' || csrfHeader === '' || !sameHash(sha256(csrfCookie), sha256(csrfHeader)))) {
      return { ok: false, reason: 'CSRF_FAILED' };
    }
    token = cookieToken;
    via = 'COOKIE';
  }
  const parsed = parseToken(token);
  if (!parsed) return { ok: true, principal: null, sessionToken: null };
  if (parsed.kind !== 'SESSION' && via === 'COOKIE') return { ok: true, principal: null, sessionToken: null }; // keys are never cookies

  // The cache is keyed by the token's SHA-256 (never the token), and only ever holds lookups that succeeded.
  const key = sha256(parsed.token);
  const cached = cache?.get(key, now);
  if (cached) {
    if (cached.lastUsedAt === null || now - cached.lastUsedAt > TOUCH_EVERY_MS) {
      const p = cached.principal;
      if (p.sessionId) await repo.touchSession(p.sessionId);
      else if (p.apiKeyId) await repo.touchApiKey(p.apiKeyId);
      cache!.touched(key, now);
    }
    return { ok: true, principal: { ...cached.principal, via }, sessionToken: parsed.kind === 'SESSION' ? parsed.token : null };
  }
  const generation = cache?.generation ?? 0;

  if (parsed.kind === 'SESSION') {
    const session = await repo.sessionPrincipal(key);
    if (!session) return { ok: true, principal: null, sessionToken: null };
    let lastUsedAt = session.last_used_at?.getTime() ?? null;
    if (lastUsedAt === null || now - lastUsedAt > TOUCH_EVERY_MS) { await repo.touchSession(session.session_id); lastUsedAt = now; }
    const principal: Principal = {
      kind: 'USER', userId: session.user_id, sessionId: session.session_id, apiKeyId: null, label: session.email, via,
      grants: session.grants, rolesByOrganisation: computeReach(session.grants, session.tree),
    };
    cache?.set(key, { principal: withoutVia(principal), lastUsedAt }, generation, new Date(session.expires_at).getTime(), now);
    return { ok: true, principal, sessionToken: parsed.token };
  }
  const apiKey = await repo.apiKeyByPrefix(parsed.prefix);
  if (!apiKey || !sameHash(apiKey.secret_hash, key)) return { ok: true, principal: null, sessionToken: null };
  let lastUsedAt = apiKey.last_used_at?.getTime() ?? null;
  if (lastUsedAt === null || now - lastUsedAt > TOUCH_EVERY_MS) { await repo.touchApiKey(apiKey.id); lastUsedAt = now; }
  const principal = await principalFromGrants(repo, {
    kind: 'API_KEY', userId: null, sessionId: null, apiKeyId: apiKey.id, label: `key ${apiKey.name}`, via,
  }, [{ organisationId: apiKey.organisation_id, role: apiKey.role as Role }]);
  cache?.set(key, { principal: withoutVia(principal), lastUsedAt }, generation, null, now);
  return { ok: true, principal, sessionToken: null };
}

function withoutVia(principal: Principal): Omit<Principal, 'via'> {
  const { via: _via, ...rest } = principal;
  return rest;
}
