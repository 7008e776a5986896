// Roles as the apps show them. The rules themselves live in the API (packages/domain/src/access); the apps only
// hide what a role cannot do, using `viewer.capabilities`, and never rely on hiding for safety.

export type Role = 'AGENCY_ADMIN' | 'ORGANISER' | 'VOLUNTEER' | 'CLIENT_ADMIN' | 'CLIENT_VIEWER';
export type OrganisationKind = 'AGENCY' | 'CLIENT' | 'UNIT';

export const AGENCY_ROLES: readonly Role[] = ['AGENCY_ADMIN', 'ORGANISER', 'VOLUNTEER'];
export const CLIENT_ROLES: readonly Role[] = ['CLIENT_ADMIN', 'CLIENT_VIEWER'];

export const ROLE_LABEL: Record<Role, string> = {
  AGENCY_ADMIN: 'Agency admin',
  ORGANISER: 'Organiser',
  VOLUNTEER: 'Volunteer',
  CLIENT_ADMIN: 'Client admin',
  CLIENT_VIEWER: 'Client viewer',
};

export function isAgencyRole(role: Role): boolean {
  return AGENCY_ROLES.includes(role);
}

/** The roles that can be granted on an organisation of this kind: agency roles on the agency, client roles below it. */
export function grantableRoles(kind: OrganisationKind | undefined, app: 'admin' | 'portal'): readonly Role[] {
  if (app === 'portal') return CLIENT_ROLES;
  return kind === 'AGENCY' ? AGENCY_ROLES : CLIENT_ROLES;
}

/** Roles an API key may carry when created from this app: a client admin's key is at most CLIENT_ADMIN. */
export function apiKeyRoles(kind: OrganisationKind | undefined, app: 'admin' | 'portal'): readonly Role[] {
  return grantableRoles(kind, app);
}

export function hasOnlyRole(roles: ReadonlyArray<{ role: Role }>, role: Role): boolean {
  return roles.length > 0 && roles.every((r) => r.role === role);
}
