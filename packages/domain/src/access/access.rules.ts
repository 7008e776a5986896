/**
 * Who may do what: roles, capabilities, the permission matrix and reach. Pure: the API feeds it the
 * caller's grants and the organisation tree; it never reads a database. Must never: grant anything
 * not written in the matrix below (docs/security.md prints the same table).
 */

export const ROLES = ['AGENCY_ADMIN', 'ORGANISER', 'VOLUNTEER', 'CLIENT_ADMIN', 'CLIENT_VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  'organisation:read',
  'member:read',
  'member:write',
  'member:import',
  'member:export',
  'member:merge',
  'insights:read',
  'insights:configure',
  'segment:read',
  'segment:write',
  'campaign:read',
  'campaign:write',
  'response:read',
  'response:write',
  'donation:read',
  'donation:write',
  'user:manage',
  'apikey:manage',
  'audit:read',
  'session:self',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Roles granted on the agency organisation; the others are granted on a client organisation. */
export const AGENCY_ROLES: readonly Role[] = ['AGENCY_ADMIN', 'ORGANISER', 'VOLUNTEER'];
export const CLIENT_ROLES: readonly Role[] = ['CLIENT_ADMIN', 'CLIENT_VIEWER'];

/**
 * The matrix. VOLUNTEER's member:read is limited to assigned members (the API filters the rows);
 * CLIENT_ADMIN's user:manage and apikey:manage are limited by `canGrantRole`. campaign:read gives campaigns, actions
 * and their aggregate results (client roles see them with small numbers suppressed and no volunteer names);
 * response:read and donation:read give member-level responses and donations.
 */
export const PERMISSION_MATRIX: Readonly<Record<Role, readonly Capability[]>> = {
  AGENCY_ADMIN: ['organisation:read', 'member:read', 'member:write', 'member:import', 'member:export', 'member:merge', 'insights:read', 'insights:configure', 'segment:read', 'segment:write', 'campaign:read', 'campaign:write', 'response:read', 'response:write', 'donation:read', 'donation:write', 'user:manage', 'apikey:manage', 'audit:read', 'session:self'],
  ORGANISER: ['organisation:read', 'member:read', 'member:write', 'member:import', 'member:export', 'member:merge', 'insights:read', 'segment:read', 'segment:write', 'campaign:read', 'campaign:write', 'response:read', 'response:write', 'donation:read', 'donation:write', 'session:self'],
  VOLUNTEER: ['organisation:read', 'member:read', 'campaign:read', 'session:self'],
  CLIENT_ADMIN: ['organisation:read', 'member:read', 'member:export', 'insights:read', 'insights:configure', 'segment:read', 'campaign:read', 'response:read', 'donation:read', 'user:manage', 'apikey:manage', 'session:self'],
  CLIENT_VIEWER: ['organisation:read', 'insights:read', 'campaign:read', 'session:self'],
};

/** Rank used to compare roles when one grant may hand out another (lower = more powerful). */
const RANK: Readonly<Record<Role, number>> = { AGENCY_ADMIN: 0, ORGANISER: 1, VOLUNTEER: 2, CLIENT_ADMIN: 3, CLIENT_VIEWER: 4 };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}

export function roleHas(role: Role, capability: Capability): boolean {
  return PERMISSION_MATRIX[role].includes(capability);
}

/** True when the role's member:read covers only the members assigned to the user. */
export function readsAssignedMembersOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'VOLUNTEER');
}

export interface Grant {
  organisationId: string;
  role: Role;
}

export interface OrganisationNode {
  id: string;
  parentId: string | null;
}

/**
 * Reach: each grant reaches its organisation and every descendant. Returns, for every reached
 * organisation, the roles that apply there (a user may hold roles at several levels).
 */
export function computeReach(grants: readonly Grant[], organisations: readonly OrganisationNode[]): Map<string, Role[]> {
  const children = new Map<string, string[]>();
  for (const o of organisations) {
    if (o.parentId === null) continue;
    const list = children.get(o.parentId) ?? [];
    list.push(o.id);
    children.set(o.parentId, list);
  }
  const known = new Set(organisations.map((o) => o.id));
  const reach = new Map<string, Role[]>();
  for (const grant of grants) {
    if (!known.has(grant.organisationId)) continue;
    const stack = [grant.organisationId];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue; // a cycle would be a data error; never loop on it
      seen.add(id);
      const roles = reach.get(id) ?? [];
      if (!roles.includes(grant.role)) roles.push(grant.role);
      reach.set(id, roles);
      for (const child of children.get(id) ?? []) stack.push(child);
    }
  }
  return reach;
}

/** The capabilities the roles reaching one organisation give (empty outside reach). */
export function capabilitiesOf(roles: readonly Role[] | undefined): Capability[] {
  if (!roles || roles.length === 0) return [];
  return CAPABILITIES.filter((c) => roles.some((r) => roleHas(r, c)));
}

/**
 * May a holder of `granterRoles` (those reaching the target organisation) give `role` there?
 * Agency admins give any role (agency roles only on the agency itself is the caller's concern);
 * client admins give client roles only; nobody else manages users.
 */
export function canGrantRole(granterRoles: readonly Role[], role: Role): boolean {
  if (granterRoles.includes('AGENCY_ADMIN')) return true;
  if (granterRoles.includes('CLIENT_ADMIN')) return CLIENT_ROLES.includes(role);
  return false;
}

/** May a holder of `granterRoles` create an API key carrying `role`? (Client admins: ≤ CLIENT_ADMIN.) */
export function canIssueKeyRole(granterRoles: readonly Role[], role: Role): boolean {
  if (granterRoles.includes('AGENCY_ADMIN')) return true;
  if (granterRoles.includes('CLIENT_ADMIN')) return RANK[role] >= RANK.CLIENT_ADMIN;
  return false;
}

/** Which kind of organisation a role is granted on. */
export function roleScope(role: Role): 'AGENCY' | 'CLIENT' {
  return AGENCY_ROLES.includes(role) ? 'AGENCY' : 'CLIENT';
}

export const PASSWORD_MIN_LENGTH = 10;

/** A password rule the apps can show before submitting. */
export function passwordProblem(password: string): string | null {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (password.length > 256) return 'Use at most 256 characters.';
  return null;
}
