/**
 * Sign-in use cases: login (argon2id), logout, logout everywhere, sessions, password change,
 * accepting an invitation, and the viewer. Must never: say whether an email exists (one error,
 * similar timing), or store a token or password in clear.
 */
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '@muster/domain';
import { ValidationFailedException } from '../common/domain.exception.js';
import { isUuid } from '../common/cursor.js';
import { requestContextStorage } from '../common/request-context.js';
import type { Principal } from '../common/principal.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { OrganisationService } from '../organisation/organisation.service.js';
import { AuthException } from './auth.exception.js';
import type { LoginPayloadObject, SessionObject, ViewerObject } from './auth.object.js';
import { principalFromGrants } from './auth.principal.js';
import { AuthRepository } from './auth.repository.js';
import { SESSION_MAX_MS, newSessionToken, sha256 } from './auth.tokens.js';
import { requestMetaOf } from '../audit/audit.meta.js';

/** Verified against when the email is unknown, so both paths cost one argon2 verification. */
let dummyHash: Promise<string> | undefined;

export interface SignedIn {
  payload: LoginPayloadObject;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly repo: AuthRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
  ) {}

  async login(email: string, password: string): Promise<LoginPayloadObject> {
    const normalised = String(email ?? '').trim().toLowerCase();
    const user = normalised.length > 0 && normalised.length <= 320 ? await this.repo.userByEmail(normalised) : null;
    dummyHash ??= hash('not the password of anyone, ever');
    const stored = user?.password_hash ?? (await dummyHash);
    let ok: boolean;
    try {
      ok = typeof password === 'string' && password.length <= 256 && (await verify(stored, password));
    } catch {
      ok = false;
    }
    if (!user || !user.password_hash || !ok || user.disabled_at) {
      await this.audit.recordNow({
        action: 'auth.login_failed', organisationId: null, targetType: 'user', targetIds: user ? [user.id] : [],
        details: { email: normalised.slice(0, 320) }, actor: { userId: user?.id ?? null, label: normalised.slice(0, 320) || 'anonymous' },
      });
      throw AuthException.invalidCredentials();
    }
    return this.startSession(user.id, user.email, 'auth.login');
  }

  /** Creates a session for a user whose identity was just proven, and makes it this request's principal. */
  private async startSession(userId: string, email: string, action: string, organisationId: string | null = null): Promise<LoginPayloadObject> {
    const ctx = requestContextStorage.current();
    const meta = requestMetaOf(ctx);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + SESSION_MAX_MS);
    const sessionId = await this.repo.createSession(userId, sha256(token), expiresAt, meta.userAgent, meta.ip);
    const grants = await this.repo.grantsOf(userId);
    const principal = await principalFromGrants(this.repo, {
      kind: 'USER', userId, sessionId, apiKeyId: null, label: email, via: 'BEARER',
    }, grants);
    if (ctx) {
      ctx.principal = principal;
      ctx.reach = { organisationIds: [...principal.rolesByOrganisation.keys()] };
    }
    await this.audit.recordNow({
      action, organisationId, targetType: 'session', targetIds: [sessionId], actor: { userId, label: email },
    });
    return { token, expiresAt, viewer: await this.viewer() };
  }

  async viewer(): Promise<ViewerObject> {
    const principal = this.access.principal();
    const user = principal.userId ? await this.repo.userById(principal.userId) : null;
    const organisationIds = [...principal.rolesByOrganisation.keys()];
    const organisations = await this.organisations.getMany(organisationIds);
    const byId = new Map(organisations.map((o) => [o.id, o]));
    return {
      user: user ? { id: user.id, email: user.email, name: user.name } : null,
      apiKeyId: principal.apiKeyId,
      roles: principal.grants.filter((g) => byId.has(g.organisationId)).map((g) => ({ organisation: byId.get(g.organisationId)!, role: g.role })),
      organisations,
    };
  }

  capabilities(organisationId: string): string[] {
    const principal = this.access.principal();
    if (!isUuid(organisationId)) return [];
    const roles = principal.rolesByOrganisation.get(organisationId.toLowerCase()) ?? [];
    return this.access.capabilitiesFor(roles);
  }

  private userPrincipal(): Principal & { userId: string } {
    const principal = this.access.principal();
    if (!principal.userId) throw AuthException.invalidCredentials();
    return principal as Principal & { userId: string };
  }

  async logout(): Promise<boolean> {
    const principal = this.access.principal();
    if (principal.sessionId && principal.userId) {
      await this.repo.revokeSession(principal.userId, principal.sessionId);
      await this.audit.recordNow({ action: 'auth.logout', organisationId: null, targetType: 'session', targetIds: [principal.sessionId] });
    }
    return true;
  }

  async logoutEverywhere(): Promise<number> {
    const principal = this.userPrincipal();
    const n = await this.repo.revokeAllSessions(principal.userId);
    await this.audit.recordNow({ action: 'auth.logout_everywhere', organisationId: null, targetType: 'user', targetIds: [principal.userId], details: { sessions: n } });
    return n;
  }

  async sessions(): Promise<SessionObject[]> {
    const principal = this.access.principal();
    if (!principal.userId) return [];
    const rows = await this.repo.sessionsOf(principal.userId);
    return rows.map((r) => ({
      id: r.id, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at,
      userAgent: r.user_agent, ip: r.ip, current: r.id === principal.sessionId,
    }));
  }

  async revokeSession(id: string): Promise<boolean> {
    const principal = this.userPrincipal();
    if (!isUuid(id)) return false;
    const done = await this.repo.revokeSession(principal.userId, id);
    if (done) await this.audit.recordNow({ action: 'auth.session_revoke', organisationId: null, targetType: 'session', targetIds: [id] });
    return done;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<boolean> {
    const principal = this.userPrincipal();
    const user = await this.repo.userById(principal.userId);
    let ok: boolean;
    try {
      ok = !!user?.password_hash && typeof currentPassword === 'string' && currentPassword.length <= 256 && (await verify(user.password_hash, currentPassword));
    } catch {
      ok = false;
    }
    if (!ok) throw AuthException.invalidCredentials();
    const problem = passwordProblem(newPassword);
    if (problem) throw new ValidationFailedException([{ path: 'newPassword', message: problem }]);
    await this.repo.setPassword(principal.userId, await hash(newPassword));
    // Other sessions may belong to whoever learnt the old password: end them.
    await this.repo.revokeAllSessions(principal.userId, principal.sessionId);
    await this.audit.recordNow({ action: 'auth.password_change', organisationId: null, targetType: 'user', targetIds: [principal.userId] });
    return true;
  }

  async acceptInvitation(token: string, name: string, password: string): Promise<LoginPayloadObject> {
    const cleanName = String(name ?? '').trim();
    const errors = [];
    if (cleanName.length < 1 || cleanName.length > 200) errors.push({ path: 'name', message: 'Enter your name (up to 200 characters).' });
    const problem = passwordProblem(password);
    if (problem) errors.push({ path: 'password', message: problem });
    if (errors.length > 0) throw new ValidationFailedException(errors);
    if (typeof token !== 'string' || !/^mst_i_[A-Za-z0-9_-]{43}$/.test(token)) throw AuthException.invitationInvalid();
    const passwordHash = await hash(password);
    const accepted = await this.repo.acceptInvitation(sha256(token), async (_invitation, existing) => {
      // An invitation to an existing account must not sign anyone in as that account: whoever holds
      // the link (the inviter included) has to prove the account's password too.
      if (existing?.password_hash) {
        let ok: boolean;
        try {
          ok = await verify(existing.password_hash, password);
        } catch {
          ok = false;
        }
        if (!ok) throw AuthException.invalidCredentials();
        return { name: existing.name, passwordHash: existing.password_hash };
      }
      return { name: cleanName, passwordHash };
    });
    if (!accepted) throw AuthException.invitationInvalid();
    const user = await this.repo.userById(accepted.userId);
    return this.startSession(accepted.userId, user!.email, 'auth.invitation_accept', accepted.organisationId);
  }
}
