/**
 * The sign-in store: sessions, users' passwords and roles, API-key lookup, the organisation tree.
 * It runs on the OWNER connection (the DataSource, outside the request's transaction and its
 * row-level security) because these rows are read before anyone is known (the token's session,
 * the login's user, the key by prefix) or must survive a rolled-back request (a failed sign-in's
 * audit event). Every statement is keyed by a token hash, a key prefix, an email, or the signed-in
 * user's own id (docs/security.md, "Authentication"). Must never: return or touch another user's
 * sessions, or any tenant data.
 */
import { Injectable } from '@nestjs/common';
import type { Role } from '@muster/domain';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { invalidatePrincipals } from './principal-cache.js';

export interface SessionPrincipalRow {
  session_id: string;
  user_id: string;
  email: string;
  name: string;
  last_used_at: Date | null;
  expires_at: Date;
}

export interface ApiKeyPrincipalRow {
  id: string;
  organisation_id: string;
  name: string;
  role: Role;
  secret_hash: string;
  last_used_at: Date | null;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  disabled_at: Date | null;
}

export interface SessionRow {
  id: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

export interface AuditInsert {
  organisationId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetIds: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

const IDLE = `interval '14 days'`;

@Injectable()
export class AuthRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The session, its user's grants and the granted organisations' subtrees in one round trip
   * (every request pays for this lookup).
   */
  async sessionPrincipal(tokenHash: string): Promise<(SessionPrincipalRow & { grants: { organisationId: string; role: Role }[]; tree: { id: string; parentId: string | null }[] }) | null> {
    const rows: (SessionPrincipalRow & { grants: { organisationId: string; role: Role }[]; tree: { id: string; parentId: string | null }[] })[] = await this.ds.query(
      `WITH RECURSIVE s AS (
         SELECT s.id AS session_id, s.user_id, u.email, u.name, s.last_used_at, s.expires_at
           FROM session s JOIN app_user u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND coalesce(s.last_used_at, s.created_at) > now() - ${IDLE} AND u.disabled_at IS NULL),
       g AS (SELECT m.organisation_id, m.role FROM membership m JOIN s ON m.user_id = s.user_id),
       r AS (SELECT o.id, o.parent_id FROM organisation o WHERE o.id IN (SELECT organisation_id FROM g)
             UNION SELECT o.id, o.parent_id FROM organisation o JOIN r ON o.parent_id = r.id)
       SELECT s.*,
              (SELECT coalesce(json_agg(json_build_object('organisationId', organisation_id, 'role', role)), '[]'::json) FROM g) AS grants,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'parentId', parent_id)), '[]'::json) FROM r) AS tree
         FROM s`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touchSession(sessionId: string): Promise<void> {
    await this.ds.query(`UPDATE session SET last_used_at = now() WHERE id = $1`, [sessionId]);
  }

  async apiKeyByPrefix(prefix: string): Promise<ApiKeyPrincipalRow | null> {
    const rows: ApiKeyPrincipalRow[] = await this.ds.query(
      `SELECT id, organisation_id, name, role, secret_hash, last_used_at FROM api_key WHERE prefix = $1 AND revoked_at IS NULL`,
      [prefix],
    );
    return rows[0] ?? null;
  }

  async touchApiKey(id: string): Promise<void> {
    await this.ds.query(`UPDATE api_key SET last_used_at = now() WHERE id = $1`, [id]);
  }

  async grantsOf(userId: string): Promise<{ organisationId: string; role: Role }[]> {
    const rows: { organisation_id: string; role: Role }[] = await this.ds.query(
      `SELECT organisation_id, role FROM membership WHERE user_id = $1`,
      [userId],
    );
    return rows.map((r) => ({ organisationId: r.organisation_id, role: r.role }));
  }

  /** The granted organisations and all their descendants, as (id, parentId). */
  async subtreesOf(organisationIds: string[]): Promise<{ id: string; parentId: string | null }[]> {
    if (organisationIds.length === 0) return [];
    const rows: { id: string; parent_id: string | null }[] = await this.ds.query(
      `WITH RECURSIVE r AS (
         SELECT id, parent_id FROM organisation WHERE id = ANY($1::uuid[])
         UNION SELECT o.id, o.parent_id FROM organisation o JOIN r ON o.parent_id = r.id)
       SELECT id, parent_id FROM r`,
      [organisationIds],
    );
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
  }

  async userByEmail(email: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `SELECT id, email, name, password_hash, disabled_at FROM app_user WHERE email = $1`,
      [email.trim().toLowerCase()],
    );
    return rows[0] ?? null;
  }

  async userById(id: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.ds.query(
      `SELECT id, email, name, password_hash, disabled_at FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async createSession(userId: string, tokenHash: string, expiresAt: Date, userAgent: string | null, ip: string | null): Promise<string> {
    const id = uuidv7();
    await this.ds.query(
      `INSERT INTO session (id, user_id, token_hash, expires_at, user_agent, ip, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [id, userId, tokenHash, expiresAt, userAgent?.slice(0, 500) ?? null, ip],
    );
    return id;
  }

  async sessionsOf(userId: string): Promise<SessionRow[]> {
    return this.ds.query(
      `SELECT id, created_at, last_used_at, expires_at, user_agent, ip FROM session
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
          AND coalesce(last_used_at, created_at) > now() - ${IDLE}
        ORDER BY created_at DESC, id DESC`,
      [userId],
    );
  }

  /** Revokes the user's own session; false when it is not theirs or already revoked. */
  async revokeSession(userId: string, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
      [userId, sessionId],
    );
    invalidatePrincipals(this.ds); // committed (owner connection, autocommit)
    return (rows[0] as unknown[]).length > 0;
  }

  async revokeAllSessions(userId: string, exceptSessionId: string | null = null): Promise<number> {
    const rows: unknown[] = await this.ds.query(
      `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id`,
      [userId, exceptSessionId],
    );
    invalidatePrincipals(this.ds);
    return (rows[0] as unknown[]).length;
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.ds.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async recordAudit(event: AuditInsert): Promise<void> {
    await this.ds.query(
      `INSERT INTO audit_event (id, organisation_id, actor_user_id, actor_api_key_id, actor_label, action, target_type,
                                target_ids, ip, user_agent, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [uuidv7(), event.organisationId, event.actorUserId, event.actorApiKeyId, event.actorLabel, event.action,
        event.targetType, event.targetIds, event.ip, event.userAgent?.slice(0, 500) ?? null, event.requestId,
        event.details === null ? null : JSON.stringify(event.details)],
    );
  }

  /** Accepting an invitation: one transaction on the owner connection (no principal exists yet). */
  async acceptInvitation(
    tokenHash: string,
    make: (invitation: { id: string; organisation_id: string; email: string; role: Role }, existing: UserRow | null) => Promise<{ name: string; passwordHash: string }>,
  ): Promise<{ userId: string; organisationId: string; invitationId: string } | null> {
    const accepted = await this.ds.transaction(async (m) => {
      const invitations: { id: string; organisation_id: string; email: string; role: Role }[] = await m.query(
        `SELECT id, organisation_id, email, role FROM invitation
          WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() FOR UPDATE`,
        [tokenHash],
      );
      const invitation = invitations[0];
      if (!invitation) return null;
      const users: UserRow[] = await m.query(
        `SELECT id, email, name, password_hash, disabled_at FROM app_user WHERE email = $1 FOR UPDATE`,
        [invitation.email],
      );
      const existing = users[0] ?? null;
      if (existing?.disabled_at) return null;
      const { name, passwordHash } = await make(invitation, existing);
      let userId: string;
      if (existing) {
        userId = existing.id;
        await m.query(`UPDATE app_user SET password_hash = coalesce(password_hash, $2), name = $3 WHERE id = $1`, [userId, passwordHash, name]);
      } else {
        userId = uuidv7();
        await m.query(`INSERT INTO app_user (id, email, name, password_hash) VALUES ($1, $2, $3, $4)`, [userId, invitation.email, name, passwordHash]);
      }
      await m.query(
        `INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [invitation.organisation_id, userId, invitation.role],
      );
      await m.query(`UPDATE invitation SET accepted_at = now() WHERE organisation_id = $1 AND id = $2`, [invitation.organisation_id, invitation.id]);
      return { userId, organisationId: invitation.organisation_id, invitationId: invitation.id };
    });
    if (accepted) invalidatePrincipals(this.ds); // a new membership widens a signed-in user's reach
    return accepted;
  }
}
