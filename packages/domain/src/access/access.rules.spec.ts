import {
  CAPABILITIES, PERMISSION_MATRIX, ROLES, canGrantRole, canIssueKeyRole, capabilitiesOf, computeReach,
  passwordProblem, readsAssignedMembersOnly, roleHas, type Capability, type Role,
} from './access.rules.js';

const AGENCY = 'a';
const UNION = 'u';
const CAMPAIGN = 'c';
const REGION = 'u-r1';
const TREE = [
  { id: AGENCY, parentId: null },
  { id: UNION, parentId: AGENCY },
  { id: CAMPAIGN, parentId: AGENCY },
  { id: REGION, parentId: UNION },
];

describe('the permission matrix', () => {
  // Written out independently of the implementation: a change to either must change both.
  const expected: Record<Capability, Role[]> = {
    'organisation:read': [...ROLES],
    'member:read': ['AGENCY_ADMIN', 'ORGANISER', 'VOLUNTEER', 'CLIENT_ADMIN'],
    'member:write': ['AGENCY_ADMIN', 'ORGANISER'],
    'member:import': ['AGENCY_ADMIN', 'ORGANISER'],
    'member:export': ['AGENCY_ADMIN', 'ORGANISER', 'CLIENT_ADMIN'],
    'member:merge': ['AGENCY_ADMIN', 'ORGANISER'],
    'insights:read': ['AGENCY_ADMIN', 'ORGANISER', 'CLIENT_ADMIN', 'CLIENT_VIEWER'],
    'insights:configure': ['AGENCY_ADMIN', 'CLIENT_ADMIN'],
    'segment:read': ['AGENCY_ADMIN', 'ORGANISER', 'CLIENT_ADMIN'],
    'segment:write': ['AGENCY_ADMIN', 'ORGANISER'],
    'campaign:read': [...ROLES],
    'campaign:write': ['AGENCY_ADMIN', 'ORGANISER'],
    'response:read': ['AGENCY_ADMIN', 'ORGANISER', 'CLIENT_ADMIN'],
    'response:write': ['AGENCY_ADMIN', 'ORGANISER'],
    'donation:read': ['AGENCY_ADMIN', 'ORGANISER', 'CLIENT_ADMIN'],
    'donation:write': ['AGENCY_ADMIN', 'ORGANISER'],
    'user:manage': ['AGENCY_ADMIN', 'CLIENT_ADMIN'],
    'apikey:manage': ['AGENCY_ADMIN', 'CLIENT_ADMIN'],
    'audit:read': ['AGENCY_ADMIN'],
    'session:self': [...ROLES],
  };
  it.each(CAPABILITIES.flatMap((c) => ROLES.map((r) => [c, r] as const)))('%s for %s', (capability, role) => {
    expect(roleHas(role, capability)).toBe(expected[capability].includes(role));
  });
  it('lists only known capabilities', () => {
    for (const role of ROLES) for (const c of PERMISSION_MATRIX[role]) expect(CAPABILITIES).toContain(c);
  });
});

describe('reach', () => {
  it('an agency role reaches every client and unit', () => {
    const reach = computeReach([{ organisationId: AGENCY, role: 'ORGANISER' }], TREE);
    expect([...reach.keys()].sort()).toEqual([AGENCY, CAMPAIGN, UNION, REGION].sort());
  });
  it('a client role reaches its organisation and units, not its siblings or parent', () => {
    const reach = computeReach([{ organisationId: UNION, role: 'CLIENT_VIEWER' }], TREE);
    expect([...reach.keys()].sort()).toEqual([UNION, REGION].sort());
    expect(reach.has(CAMPAIGN)).toBe(false);
    expect(reach.has(AGENCY)).toBe(false);
  });
  it('roles at several levels combine', () => {
    const reach = computeReach([
      { organisationId: AGENCY, role: 'VOLUNTEER' },
      { organisationId: UNION, role: 'CLIENT_ADMIN' },
    ], TREE);
    expect(reach.get(REGION)?.sort()).toEqual(['CLIENT_ADMIN', 'VOLUNTEER']);
    expect(capabilitiesOf(reach.get(REGION))).toContain('user:manage');
    expect(capabilitiesOf(reach.get(CAMPAIGN))).not.toContain('user:manage');
  });
  it('ignores grants on unknown organisations and survives a cycle', () => {
    expect(computeReach([{ organisationId: 'nope', role: 'AGENCY_ADMIN' }], TREE).size).toBe(0);
    const cyclic = [{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }];
    expect(computeReach([{ organisationId: 'x', role: 'ORGANISER' }], cyclic).size).toBe(2);
  });
  it('outside reach there are no capabilities', () => {
    expect(capabilitiesOf(undefined)).toEqual([]);
  });
});

describe('granting', () => {
  it('client admins give only client roles', () => {
    expect(canGrantRole(['CLIENT_ADMIN'], 'CLIENT_VIEWER')).toBe(true);
    expect(canGrantRole(['CLIENT_ADMIN'], 'CLIENT_ADMIN')).toBe(true);
    expect(canGrantRole(['CLIENT_ADMIN'], 'ORGANISER')).toBe(false);
    expect(canGrantRole(['CLIENT_ADMIN'], 'AGENCY_ADMIN')).toBe(false);
    expect(canGrantRole(['ORGANISER'], 'CLIENT_VIEWER')).toBe(false);
    expect(canGrantRole(['AGENCY_ADMIN'], 'AGENCY_ADMIN')).toBe(true);
  });
  it('client admins issue keys up to CLIENT_ADMIN', () => {
    expect(canIssueKeyRole(['CLIENT_ADMIN'], 'CLIENT_ADMIN')).toBe(true);
    expect(canIssueKeyRole(['CLIENT_ADMIN'], 'CLIENT_VIEWER')).toBe(true);
    expect(canIssueKeyRole(['CLIENT_ADMIN'], 'ORGANISER')).toBe(false);
    expect(canIssueKeyRole(['CLIENT_VIEWER'], 'CLIENT_VIEWER')).toBe(false);
  });
  it('volunteers read assigned members only unless another role applies', () => {
    expect(readsAssignedMembersOnly(['VOLUNTEER'])).toBe(true);
    expect(readsAssignedMembersOnly(['VOLUNTEER', 'CLIENT_ADMIN'])).toBe(false);
    expect(readsAssignedMembersOnly([])).toBe(false);
  });
  it('passwords need ten characters', () => {
    expect(passwordProblem('short')).not.toBeNull();
    expect(passwordProblem('long enough')).toBeNull();
  });
});
