/**
 * The service-level access check: who is calling and what they may do in one organisation.
 * Reads the principal the auth hook put in the request context. Must never: read the database
 * (reach was computed once per request by the auth hook) or reveal whether an organisation
 * outside reach exists (NOT_FOUND, never FORBIDDEN, for those).
 */
import { Injectable } from '@nestjs/common';
import { capabilitiesOf, readsAssignedMembersOnly, type Capability, type Role } from '@muster/domain';
import { isUuid } from '../common/cursor.js';
import { requestContextStorage } from '../common/request-context.js';
import type { Principal } from '../common/principal.js';
import { AccessException } from './access.exception.js';

@Injectable()
export class AccessService {
  /** The caller, or UNAUTHENTICATED. */
  principal(): Principal {
    const principal = requestContextStorage.current()?.principal as Principal | null | undefined;
    if (!principal) throw AccessException.unauthenticated();
    return principal;
  }

  /** The principal or null (for operations that also work signed out). */
  principalOrNull(): Principal | null {
    return (requestContextStorage.current()?.principal as Principal | null | undefined) ?? null;
  }

  /** Roles that apply in this organisation (empty outside reach). */
  rolesIn(organisationId: string): Role[] {
    const principal = this.principal();
    return principal.rolesByOrganisation.get(organisationId) ?? [];
  }

  /**
   * NOT_FOUND when the organisation is outside the caller's reach (or not an id), FORBIDDEN when
   * inside reach without the capability. Returns the roles that apply there.
   */
  assert(organisationId: string, capability: Capability): Role[] {
    const principal = this.principal();
    if (!isUuid(organisationId)) throw AccessException.notFound();
    const roles = principal.rolesByOrganisation.get(organisationId.toLowerCase());
    if (!roles || roles.length === 0) throw AccessException.notFound();
    if (!capabilitiesOf(roles).includes(capability)) throw AccessException.forbidden();
    return roles;
  }

  /** Does the caller hold the capability on any organisation it reaches? (The guard's check.) */
  holdsAnywhere(capability: Capability): boolean {
    const principal = this.principal();
    for (const roles of principal.rolesByOrganisation.values()) {
      if (capabilitiesOf(roles).includes(capability)) return true;
    }
    return false;
  }

  /** Organisations reached where the caller has the capability. */
  organisationsWith(capability: Capability): string[] {
    const principal = this.principal();
    return [...principal.rolesByOrganisation.entries()]
      .filter(([, roles]) => capabilitiesOf(roles).includes(capability))
      .map(([id]) => id);
  }

  /** The user id whose assignments limit member reads here, or null when the caller reads all. */
  assignedOnlyUser(organisationId: string): string | null {
    const principal = this.principal();
    const roles = principal.rolesByOrganisation.get(organisationId) ?? [];
    if (!readsAssignedMembersOnly(roles)) return null;
    // An API key with the VOLUNTEER role has no assignments: it reads nothing.
    return principal.userId ?? '00000000-0000-0000-0000-000000000000';
  }

  capabilitiesFor(roles: readonly Role[]): Capability[] {
    return capabilitiesOf(roles);
  }

  /** Every organisation id the caller reaches. */
  reachedOrganisationIds(): string[] {
    return [...this.principal().rolesByOrganisation.keys()];
  }
}
