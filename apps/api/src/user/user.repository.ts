/**
 * The only place SQL for users' roles and invitations lives. Memberships and invitations are
 * tenant rows: every statement is scoped by organisation. (Users themselves are created only by
 * accepting an invitation, in auth/.)
 */
import { Injectable } from '@nestjs/common';
import type { Role } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

export interface OrganisationUserRow {
  organisation_id: string;
  user_id: string;
  role: Role;
  email: string;
  name: string;
}

export interface InvitationRow {
  id: string;
  organisation_id: string;
  email: string;
  role: Role;
  expires_at: Date;
  accepted_at: Date | null;
}

@Injectable()
export class UserRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async page(organisationId: string, limit: number, after: { email: string; id: string } | null): Promise<OrganisationUserRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    let where = 'm.organisation_id = $1';
    if (after) {
      params.push(after.email, after.id);
      where += ' AND (u.email, u.id) > ($3, $4::uuid)';
    }
    return this.db.query<OrganisationUserRow>(
      `SELECT m.organisation_id, m.user_id, m.role, u.email, u.name FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE ${where} ORDER BY u.email, u.id LIMIT $2`,
      params,
    );
  }

  async count(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM membership WHERE organisation_id = $1`, [organisationId]);
    return rows[0].n;
  }

  async membership(organisationId: string, userId: string): Promise<OrganisationUserRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<OrganisationUserRow>(
      `SELECT m.organisation_id, m.user_id, m.role, u.email, u.name FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.user_id = $2`,
      [organisationId, userId],
    );
    return rows[0] ?? null;
  }

  async setRole(organisationId: string, userId: string, role: Role): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE membership SET role = $3 WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId, role]);
    this.db.invalidatePrincipalsOnCommit();
  }

  async removeMembership(organisationId: string, userId: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM membership WHERE organisation_id = $1 AND user_id = $2`, [organisationId, userId]);
    this.db.invalidatePrincipalsOnCommit();
  }

  async insertInvitation(organisationId: string, values: { email: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date }): Promise<InvitationRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<InvitationRow>(
      `INSERT INTO invitation (organisation_id, id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, organisation_id, email, role, expires_at, accepted_at`,
      [organisationId, uuidv7(), values.email, values.role, values.tokenHash, values.invitedBy, values.expiresAt],
    );
    return rows[0];
  }

  async invitations(organisationId: string): Promise<InvitationRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<InvitationRow>(
      `SELECT id, organisation_id, email, role, expires_at, accepted_at FROM invitation WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500`,
      [organisationId],
    );
  }
}
