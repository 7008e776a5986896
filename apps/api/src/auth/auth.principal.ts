/**
 * Resolves the caller from a request's headers: `Authorization: Bearer <session token | API key>`
 * or the `muster_session` cookie (then the `x-csrf-token` header must equal the `muster_csrf`
 * cookie). Must never: accept a cookie-authenticated request without the CSRF check, or tell the
 * caller why a token was not accepted (an unusable token is simply no principal).
 */
import { computeReach, type Role } from '@muster/domain';
import type { Principal, PrincipalGrant } from '../common/principal.js';
import { AuthRepository } from './auth.repository.js';
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
    if (csrfCookie === '' || csrfHeader === '' || !sameHash(sha256(csrfCookie), sha256(csrfHeader))) {
      return { ok: false, reason: 'CSRF_FAILED' };
    }
    token = cookieToken;
    via = 'COOKIE';
  }
  const parsed = parseToken(token);
  if (!parsed) return { ok: true, principal: null, sessionToken: null };

  if (parsed.kind === 'SESSION') {
    const session = await repo.sessionPrincipal(sha256(parsed.token));
    if (!session) return { ok: true, principal: null, sessionToken: null };
    if (!session.last_used_at || now - session.last_used_at.getTime() > TOUCH_EVERY_MS) await repo.touchSession(session.session_id);
    const principal: Principal = {
      kind: 'USER', userId: session.user_id, sessionId: session.session_id, apiKeyId: null, label: session.email, via,
      grants: session.grants, rolesByOrganisation: computeReach(session.grants, session.tree),
    };
    return { ok: true, principal, sessionToken: parsed.token };
  }
  if (via === 'COOKIE') return { ok: true, principal: null, sessionToken: null }; // keys are never cookies
  const key = await repo.apiKeyByPrefix(parsed.prefix);
  if (!key || !sameHash(key.secret_hash, sha256(parsed.token))) return { ok: true, principal: null, sessionToken: null };
  if (!key.last_used_at || now - key.last_used_at.getTime() > TOUCH_EVERY_MS) await repo.touchApiKey(key.id);
  const principal = await principalFromGrants(repo, {
    kind: 'API_KEY', userId: null, sessionId: null, apiKeyId: key.id, label: `key ${key.name}`, via,
  }, [{ organisationId: key.organisation_id, role: key.role as Role }]);
  return { ok: true, principal, sessionToken: null };
}
