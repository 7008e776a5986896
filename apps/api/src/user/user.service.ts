/**
 * Who may use an organisation: its users and roles, invitations, role changes. Must never: let a
 * client admin hand out or change an agency role, or reveal users of organisations outside reach.
 */
import { Injectable } from '@nestjs/common';
import { canGrantRole, type Role } from '@muster/domain';
import { AccessException } from '../access/access.exception.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { INVITATION_TTL_MS, newInvitationToken, sha256 } from '../auth/auth.tokens.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { UserException } from './user.exception.js';
import type { CreateInvitationInput, CreatedInvitationObject, InvitationObject, OrganisationUserConnection, OrganisationUserObject } from './user.object.js';
import { UserRepository, type InvitationRow, type OrganisationUserRow } from './user.repository.js';

const SORT = 'EMAIL';

function toOrganisationUser(r: OrganisationUserRow): OrganisationUserObject {
  return { user: { id: r.user_id, email: r.email, name: r.name }, role: r.role, organisationId: r.organisation_id };
}

function toInvitation(r: InvitationRow): InvitationObject {
  return { id: r.id, organisationId: r.organisation_id, email: r.email, role: r.role, expiresAt: r.expires_at, acceptedAt: r.accepted_at };
}

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string, args: { first?: number | null; after?: string | null }): Promise<OrganisationUserConnection> {
    this.access.assert(organisationId, 'user:manage');
    const org = organisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { email: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { email: decoded.values[0], id: decoded.id };
    }
    const rows = await this.users.page(org, paging.limit + 1, after);
    const edges = rows.slice(0, paging.limit).map((r) => ({ cursor: encodeCursor(SORT, [r.email], r.user_id), node: toOrganisationUser(r) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.users.count(org),
    };
  }

  async invitations(organisationId: string): Promise<InvitationObject[]> {
    this.access.assert(organisationId, 'user:manage');
    return (await this.users.invitations(organisationId.toLowerCase())).map(toInvitation);
  }

  async invite(input: CreateInvitationInput): Promise<CreatedInvitationObject> {
    const roles = this.access.assert(input.organisationId, 'user:manage');
    if (!canGrantRole(roles, input.role)) throw AccessException.forbidden();
    const organisationId = input.organisationId.toLowerCase();
    const token = newInvitationToken();
    const row = await this.users.insertInvitation(organisationId, {
      email: input.email.trim().toLowerCase(), role: input.role, tokenHash: sha256(token),
      invitedBy: this.access.principal().userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    await this.audit.record({ action: 'invitation.create', organisationId, targetType: 'invitation', targetIds: [row.id], details: { role: row.role } });
    return { invitation: toInvitation(row), token };
  }

  async setRole(organisationId: string, userId: string, role: Role | null): Promise<OrganisationUserObject | null> {
    const roles = this.access.assert(organisationId, 'user:manage');
    const org = organisationId.toLowerCase();
    if (!isUuid(userId)) throw UserException.notFound();
    const existing = await this.users.membership(org, userId.toLowerCase());
    if (!existing) throw UserException.notFound();
    // The granter must be able to give both the role being replaced and the new one.
    if (!canGrantRole(roles, existing.role) || (role !== null && !canGrantRole(roles, role))) throw AccessException.forbidden();
    if (role === null) await this.users.removeMembership(org, existing.user_id);
    else await this.users.setRole(org, existing.user_id, role);
    await this.audit.record({ action: 'user.role_set', organisationId: org, targetType: 'user', targetIds: [existing.user_id], details: { from: existing.role, to: role } });
    return role === null ? null : toOrganisationUser({ ...existing, role });
  }
}
