/**
 * The permission matrix from outside: every existing operation as each role, volunteers' assigned
 * members, client isolation (not even totals), API keys (shown once, stored hashed, revocable,
 * last used, scoped to one organisation), invitations and role changes, and the audit trail.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, sha256, type TestRole, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(12);
const AGENCY = uuidv7();
const REGION = uuidv7();
let t: TestApp;
let db: Client;
const as: Record<string, TestUser> = {};
const assigned: string[] = [];
const unionMembers = fixture.members.filter((m) => m.organisationId === UNION_ID);
const otherMembers = fixture.members.filter((m) => m.organisationId === OTHER_ID);

const MEMBERS = `query($org: ID!) { members(organisationId: $org, first: 100) { totalCount edges { node { id } } } }`;
const MEMBER = `query($id: ID!) { member(id: $id) { id firstName } }`;
const INSIGHTS = `query($org: ID!) { insights(organisationId: $org) { total { count } } }`;
const ORGS = `{ organisations { totalCount edges { node { id } } } }`;
const CREATE = `mutation($org: ID!) { createMember(input: { organisationId: $org, firstName: "New", lastName: "Person" }) { id } }`;
const UPDATE = `mutation($id: ID!) { updateMember(id: $id, input: { region: "Wales" }) { id region } }`;

function code(res: { body: { errors?: { extensions: { code: string } }[] } }): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'AGENCY', 'Agency', 'agency')`, [AGENCY]);
  await db.query(`UPDATE organisation SET parent_id = $1 WHERE id IN ($2, $3)`, [AGENCY, UNION_ID, OTHER_ID]);
  await db.query(`INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES ($1, $2, 'UNIT', 'North region', 'north')`, [REGION, UNION_ID]);
  const grants: Record<string, { organisationId: string; role: TestRole }[]> = {
    admin: [{ organisationId: AGENCY, role: 'AGENCY_ADMIN' }],
    organiser: [{ organisationId: AGENCY, role: 'ORGANISER' }],
    volunteer: [{ organisationId: AGENCY, role: 'VOLUNTEER' }],
    unionAdmin: [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }],
    unionViewer: [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }],
    otherAdmin: [{ organisationId: OTHER_ID, role: 'CLIENT_ADMIN' }],
    regionAdmin: [{ organisationId: REGION, role: 'CLIENT_ADMIN' }],
  };
  for (const [name, g] of Object.entries(grants)) as[name] = await createTestUser(t.databaseUrl, g, `${name.toLowerCase()}@test.example`);
  for (const m of unionMembers.slice(0, 3)) {
    await db.query(`INSERT INTO volunteer_assignment (organisation_id, id, user_id, member_id) VALUES ($1, $2, $3, $4)`, [UNION_ID, uuidv7(), as.volunteer.userId, m.id]);
    assigned.push(m.id);
  }
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('organisations', () => {
  it.each([
    ['admin', [AGENCY, UNION_ID, OTHER_ID, REGION]],
    ['organiser', [AGENCY, UNION_ID, OTHER_ID, REGION]],
    ['volunteer', [AGENCY, UNION_ID, OTHER_ID, REGION]],
    ['unionAdmin', [UNION_ID, REGION]],
    ['unionViewer', [UNION_ID, REGION]],
    ['otherAdmin', [OTHER_ID]],
    ['regionAdmin', [REGION]],
  ])('%s lists only the organisations it reaches', async (who, expected) => {
    const res = await t.gql<{ organisations: { totalCount: number; edges: { node: { id: string } }[] } }>(ORGS, {}, as[who].headers);
    expect(res.body.data!.organisations.edges.map((e) => e.node.id).sort()).toEqual([...expected].sort());
    expect(res.body.data!.organisations.totalCount).toBe(expected.length);
  });
  it('another client’s organisation is NOT_FOUND', async () => {
    const res = await t.gql(`query($id: ID!) { organisation(id: $id) { id } }`, { id: OTHER_ID }, as.unionAdmin.headers);
    expect(code(res)).toBe('NOT_FOUND');
  });
});

describe('members', () => {
  it.each(['admin', 'organiser', 'unionAdmin'])('%s reads the union’s members', async (who) => {
    const res = await t.gql<{ members: { totalCount: number } }>(MEMBERS, { org: UNION_ID }, as[who].headers);
    const inDb = (await db.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [UNION_ID])).rows[0].n;
    expect(res.body.data!.members.totalCount).toBe(inDb);
    const one = await t.gql<{ member: { id: string } }>(MEMBER, { id: unionMembers[5].id }, as[who].headers);
    expect(one.body.data!.member.id).toBe(unionMembers[5].id);
  });

  it('a volunteer sees only assigned members', async () => {
    const res = await t.gql<{ members: { totalCount: number; edges: { node: { id: string } }[] } }>(MEMBERS, { org: UNION_ID }, as.volunteer.headers);
    expect(res.body.data!.members.edges.map((e) => e.node.id).sort()).toEqual([...assigned].sort());
    expect(res.body.data!.members.totalCount).toBe(3);
    expect((await t.gql(MEMBER, { id: assigned[0] }, as.volunteer.headers)).body.errors).toBeUndefined();
    expect(code(await t.gql(MEMBER, { id: unionMembers[5].id }, as.volunteer.headers))).toBe('NOT_FOUND');
    const other = await t.gql<{ members: { totalCount: number } }>(MEMBERS, { org: OTHER_ID }, as.volunteer.headers);
    expect(other.body.data!.members.totalCount).toBe(0);
  });

  it('a client viewer cannot read members (FORBIDDEN), even its own organisation’s', async () => {
    expect(code(await t.gql(MEMBERS, { org: UNION_ID }, as.unionViewer.headers))).toBe('FORBIDDEN');
    expect(code(await t.gql(MEMBER, { id: unionMembers[0].id }, as.unionViewer.headers))).toBe('FORBIDDEN');
  });

  it('a client never sees another client’s members or insights, not even totals', async () => {
    expect(code(await t.gql(MEMBERS, { org: OTHER_ID }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(MEMBER, { id: otherMembers[0].id }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    const insights = await t.gql(INSIGHTS, { org: OTHER_ID }, as.unionAdmin.headers);
    expect(code(insights)).toBe('NOT_FOUND');
    expect(insights.body.data).toBeNull();
    expect(code(await t.gql(INSIGHTS, { org: OTHER_ID }, as.unionViewer.headers))).toBe('NOT_FOUND');
    // A unit's admin does not reach its parent.
    expect(code(await t.gql(MEMBERS, { org: UNION_ID }, as.regionAdmin.headers))).toBe('NOT_FOUND');
  });

  it.each([['admin', undefined], ['organiser', undefined], ['unionViewer', undefined], ['unionAdmin', undefined], ['volunteer', 'FORBIDDEN']])(
    'insights as %s', async (who, expected) => {
      const res = await t.gql<{ insights: { total: { count: number } } }>(INSIGHTS, { org: UNION_ID }, as[who].headers);
      expect(code(res)).toBe(expected);
      if (!expected) expect(res.body.data!.insights.total.count).toBe((await db.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [UNION_ID])).rows[0].n);
    });

  it.each([['admin', undefined], ['organiser', undefined], ['volunteer', 'FORBIDDEN'], ['unionAdmin', 'FORBIDDEN'], ['unionViewer', 'FORBIDDEN']])(
    'createMember and updateMember as %s', async (who, expected) => {
      const before = (await db.query(`SELECT count(*)::int AS n FROM member`)).rows[0].n;
      expect(code(await t.gql(CREATE, { org: UNION_ID }, as[who].headers))).toBe(expected);
      expect(code(await t.gql(UPDATE, { id: assigned[0] }, as[who].headers))).toBe(expected);
      const after = (await db.query(`SELECT count(*)::int AS n FROM member`)).rows[0].n;
      expect(after - before).toBe(expected ? 0 : 1);
    });

  it('another organisation’s member cannot be changed (NOT_FOUND) and is unchanged', async () => {
    const before = (await db.query(`SELECT region, updated_at FROM member WHERE id = $1`, [otherMembers[0].id])).rows[0];
    expect(code(await t.gql(UPDATE, { id: otherMembers[0].id }, as.regionAdmin.headers))).toBe('NOT_FOUND');
    const organiserOfUnion = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect(code(await t.gql(UPDATE, { id: otherMembers[0].id }, organiserOfUnion.headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(CREATE, { org: OTHER_ID }, organiserOfUnion.headers))).toBe('NOT_FOUND');
    expect((await db.query(`SELECT region, updated_at FROM member WHERE id = $1`, [otherMembers[0].id])).rows[0]).toEqual(before);
  });

  it('writes an audit event for each member mutation, with actor and target', async () => {
    const res = await t.gql<{ updateMember: { id: string } }>(UPDATE, { id: unionMembers[7].id }, as.organiser.headers);
    expect(code(res)).toBeUndefined();
    const { rows } = await db.query(`SELECT organisation_id, actor_user_id, actor_label, target_ids, request_id FROM audit_event WHERE action = 'member.update' AND $1 = ANY(target_ids)`, [unionMembers[7].id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organisation_id: UNION_ID, actor_user_id: as.organiser.userId, actor_label: 'organiser@test.example' });
    expect(rows[0].request_id).toBeTruthy();
  });
});

describe('API keys', () => {
  const CREATE_KEY = `mutation($org: ID!, $role: Role!) { createApiKey(input: { organisationId: $org, name: "CRM sync", role: $role }) { secret apiKey { id prefix role organisationId lastUsedAt revokedAt } } }`;
  type Created = { createApiKey: { secret: string; apiKey: { id: string; prefix: string; lastUsedAt: string | null } } };

  it('are shown once, stored hashed, work as a bearer token, record last use, and stop when revoked', async () => {
    const res = await t.gql<Created>(CREATE_KEY, { org: UNION_ID, role: 'CLIENT_ADMIN' }, as.unionAdmin.headers);
    expect(code(res)).toBeUndefined();
    const { secret, apiKey } = res.body.data!.createApiKey;
    expect(secret).toMatch(new RegExp(`^mst_k_${apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    const stored = (await db.query(`SELECT * FROM api_key WHERE id = $1`, [apiKey.id])).rows[0];
    expect(stored.secret_hash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(15));
    // Listing never shows the secret again.
    const list = await t.gql<{ apiKeys: { edges: { node: Record<string, unknown> }[] } }>(`query($org: ID!) { apiKeys(organisationId: $org) { totalCount edges { node { id prefix lastUsedAt } } } }`, { org: UNION_ID }, as.unionAdmin.headers);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(15));

    const headers = { authorization: `Bearer ${secret}` };
    const members = await t.gql<{ members: { totalCount: number } }>(MEMBERS, { org: UNION_ID }, headers);
    const inDb = (await db.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [UNION_ID])).rows[0].n;
    expect(members.body.data!.members.totalCount).toBe(inDb);
    const viewer = await t.gql<{ viewer: { user: null; apiKey: { id: string } } }>(`{ viewer { user { id } apiKey { id } } }`, {}, headers);
    expect(viewer.body.data!.viewer).toEqual({ user: null, apiKey: { id: apiKey.id } });
    expect((await db.query(`SELECT last_used_at FROM api_key WHERE id = $1`, [apiKey.id])).rows[0].last_used_at).not.toBeNull();

    // A key of one organisation cannot read another's.
    expect(code(await t.gql(MEMBERS, { org: OTHER_ID }, headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(MEMBER, { id: otherMembers[0].id }, headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(INSIGHTS, { org: OTHER_ID }, headers))).toBe('NOT_FOUND');

    const revoked = await t.gql<{ revokeApiKey: { revokedAt: string } }>(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id }, as.unionAdmin.headers);
    expect(revoked.body.data!.revokeApiKey.revokedAt).toBeTruthy();
    expect(code(await t.gql(MEMBERS, { org: UNION_ID }, headers))).toBe('UNAUTHENTICATED');
    const actions = (await db.query(`SELECT action FROM audit_event WHERE $1 = ANY(target_ids) ORDER BY created_at`, [apiKey.id])).rows.map((r) => r.action);
    expect(actions).toEqual(['apikey.create', 'apikey.revoke']);
  });

  it('a client admin cannot issue a key above CLIENT_ADMIN, nor for another organisation', async () => {
    expect(code(await t.gql(CREATE_KEY, { org: UNION_ID, role: 'ORGANISER' }, as.unionAdmin.headers))).toBe('FORBIDDEN');
    expect(code(await t.gql(CREATE_KEY, { org: OTHER_ID, role: 'CLIENT_VIEWER' }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(CREATE_KEY, { org: UNION_ID, role: 'CLIENT_VIEWER' }, as.organiser.headers))).toBe('FORBIDDEN');
    const other = await createTestApiKey(t.databaseUrl, OTHER_ID, 'CLIENT_ADMIN');
    expect(code(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: other.id }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    expect((await db.query(`SELECT revoked_at FROM api_key WHERE id = $1`, [other.id])).rows[0].revoked_at).toBeNull();
  });

  it('a viewer-role key reads insights but not members', async () => {
    const key = await createTestApiKey(t.databaseUrl, UNION_ID, 'CLIENT_VIEWER');
    expect(code(await t.gql(INSIGHTS, { org: UNION_ID }, key.headers))).toBeUndefined();
    expect(code(await t.gql(MEMBERS, { org: UNION_ID }, key.headers))).toBe('FORBIDDEN');
  });
});

describe('invitations and roles', () => {
  const INVITE = `mutation($org: ID!, $email: String!, $role: Role!) { createInvitation(input: { organisationId: $org, email: $email, role: $role }) { token invitation { id email role expiresAt acceptedAt } } }`;
  const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token, name: "Nia New", password: "a long password") { token viewer { user { email } roles { role organisation { id } } } } }`;

  it('a client admin invites a viewer; the link works once; the invitee signs in with the role', async () => {
    const res = await t.gql<{ createInvitation: { token: string; invitation: { id: string } } }>(INVITE, { org: UNION_ID, email: 'Nia@Test.Example', role: 'CLIENT_VIEWER' }, as.unionAdmin.headers);
    expect(code(res)).toBeUndefined();
    const { token } = res.body.data!.createInvitation;
    expect((await db.query(`SELECT token_hash FROM invitation WHERE id = $1`, [res.body.data!.createInvitation.invitation.id])).rows[0].token_hash).toBe(sha256(token));
    const accepted = await t.gql<{ acceptInvitation: { token: string; viewer: { user: { email: string }; roles: { role: string }[] } } }>(ACCEPT, { token }, { authorization: '' });
    expect(code(accepted)).toBeUndefined();
    expect(accepted.body.data!.acceptInvitation.viewer.user.email).toBe('nia@test.example');
    expect(accepted.body.data!.acceptInvitation.viewer.roles).toEqual([{ role: 'CLIENT_VIEWER', organisation: { id: UNION_ID } }]);
    expect(code(await t.gql(ACCEPT, { token }, { authorization: '' }))).toBe('NOT_FOUND');
    const login = await t.gql<{ login: { token: string } }>(`mutation { login(email: "nia@test.example", password: "a long password") { token } }`, {}, { authorization: '' });
    expect(login.body.data!.login.token).toBeTruthy();
  });

  it('inviting an existing account does not let the link holder sign in as it', async () => {
    const res = await t.gql<{ createInvitation: { token: string } }>(INVITE, { org: UNION_ID, email: 'nia@test.example', role: 'CLIENT_ADMIN' }, as.unionAdmin.headers);
    const { token } = res.body.data!.createInvitation;
    const wrong = await t.gql(`mutation($token: String!) { acceptInvitation(token: $token, name: "Mallory", password: "not nia's password") { token } }`, { token }, { authorization: '' });
    expect(code(wrong)).toBe('INVALID_CREDENTIALS');
    const nia = (await db.query(`SELECT u.name, m.role FROM app_user u JOIN membership m ON m.user_id = u.id WHERE u.email = 'nia@test.example'`)).rows;
    expect(nia).toEqual([{ name: 'Nia New', role: 'CLIENT_VIEWER' }]);
    // Nia herself accepts with her own password.
    const right = await t.gql(ACCEPT, { token }, { authorization: '' });
    expect(code(right)).toBeUndefined();
    expect((await db.query(`SELECT m.role FROM app_user u JOIN membership m ON m.user_id = u.id WHERE u.email = 'nia@test.example'`)).rows).toEqual([{ role: 'CLIENT_ADMIN' }]);
  });

  it('an expired or wrong token is refused', async () => {
    const res = await t.gql<{ createInvitation: { token: string; invitation: { id: string } } }>(INVITE, { org: UNION_ID, email: 'late@test.example', role: 'CLIENT_VIEWER' }, as.admin.headers);
    await db.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [res.body.data!.createInvitation.invitation.id]);
    expect(code(await t.gql(ACCEPT, { token: res.body.data!.createInvitation.token }, { authorization: '' }))).toBe('NOT_FOUND');
    expect(code(await t.gql(ACCEPT, { token: `mst_i_${'x'.repeat(43)}` }, { authorization: '' }))).toBe('NOT_FOUND');
    expect(code(await t.gql(ACCEPT, { token: 'nonsense' }, { authorization: '' }))).toBe('NOT_FOUND');
    expect((await db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'late@test.example'`)).rows[0].n).toBe(0);
  });

  it('a client admin cannot invite agency roles or into another client; others cannot invite', async () => {
    expect(code(await t.gql(INVITE, { org: UNION_ID, email: 'x@test.example', role: 'ORGANISER' }, as.unionAdmin.headers))).toBe('FORBIDDEN');
    expect(code(await t.gql(INVITE, { org: OTHER_ID, email: 'x@test.example', role: 'CLIENT_VIEWER' }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    expect(code(await t.gql(INVITE, { org: UNION_ID, email: 'x@test.example', role: 'CLIENT_VIEWER' }, as.unionViewer.headers))).toBe('FORBIDDEN');
    expect(code(await t.gql(INVITE, { org: UNION_ID, email: 'x@test.example', role: 'CLIENT_VIEWER' }, as.organiser.headers))).toBe('FORBIDDEN');
  });

  it('users lists the organisation’s users; setUserRole changes and removes access', async () => {
    const list = await t.gql<{ users: { edges: { node: { user: { email: string }; role: string } }[] } }>(`query($org: ID!) { users(organisationId: $org) { totalCount edges { node { role organisationId user { id email name } } } } }`, { org: UNION_ID }, as.unionAdmin.headers);
    expect(list.body.data!.users.edges.map((e) => e.node.user.email)).toEqual(expect.arrayContaining(['unionadmin@test.example', 'unionviewer@test.example']));
    expect(code(await t.gql(`query($org: ID!) { users(organisationId: $org) { totalCount } }`, { org: OTHER_ID }, as.unionAdmin.headers))).toBe('NOT_FOUND');
    const SET = `mutation($org: ID!, $user: ID!, $role: Role) { setUserRole(organisationId: $org, userId: $user, role: $role) { role } }`;
    expect(code(await t.gql(SET, { org: UNION_ID, user: as.unionViewer.userId, role: 'ORGANISER' }, as.unionAdmin.headers))).toBe('FORBIDDEN');
    const promoted = await t.gql<{ setUserRole: { role: string } }>(SET, { org: UNION_ID, user: as.unionViewer.userId, role: 'CLIENT_ADMIN' }, as.unionAdmin.headers);
    expect(promoted.body.data!.setUserRole.role).toBe('CLIENT_ADMIN');
    const removed = await t.gql<{ setUserRole: null }>(SET, { org: UNION_ID, user: as.unionViewer.userId, role: null }, as.unionAdmin.headers);
    expect(removed.body.data!.setUserRole).toBeNull();
    expect(code(await t.gql(INSIGHTS, { org: UNION_ID }, as.unionViewer.headers))).toBe('NOT_FOUND');
    // Put the role back (setUserRole changes existing roles only). A grant written straight into the table reaches the
    // API's principal cache through NOTIFY, milliseconds later, not synchronously: wait until the API sees it.
    await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'CLIENT_VIEWER')`, [UNION_ID, as.unionViewer.userId]);
    for (let i = 0; code(await t.gql(INSIGHTS, { org: UNION_ID }, as.unionViewer.headers)) !== undefined; i += 1) {
      if (i > 200) throw new Error('the restored role never reached the API');
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});

describe('viewer', () => {
  it('lists roles, reached organisations and the capabilities in one organisation', async () => {
    const res = await t.gql<{ viewer: { roles: { role: string }[]; organisations: { id: string }[]; union: string[]; other: string[] } }>(
      `query($u: ID!, $o: ID!) { viewer { roles { role } organisations { id } union: capabilities(organisationId: $u) other: capabilities(organisationId: $o) } }`,
      { u: UNION_ID, o: OTHER_ID }, as.unionViewer.headers);
    expect(res.body.data!.viewer.roles).toEqual([{ role: 'CLIENT_VIEWER' }]);
    expect(res.body.data!.viewer.union.sort()).toEqual(['campaign:read', 'insights:read', 'organisation:read', 'session:self']);
    expect(res.body.data!.viewer.other).toEqual([]);
  });
});

describe('audit events for user and invitation changes', () => {
  it('are written for createInvitation and setUserRole', async () => {
    const { rows } = await db.query(`SELECT DISTINCT action FROM audit_event WHERE organisation_id = $1`, [UNION_ID]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['invitation.create', 'user.role_set', 'member.create', 'member.update', 'apikey.create', 'apikey.revoke']));
  });
});

describe('auditEvents', () => {
  const AUDIT = `query($f: AuditEventFilter) { auditEvents(first: 50, filter: $f) { totalCount edges { node { action organisationId actorLabel targetIds } } } }`;
  it('agency admins browse and filter the log; nobody else can', async () => {
    const res = await t.gql<{ auditEvents: { totalCount: number; edges: { node: { action: string; organisationId: string } }[] } }>(AUDIT, { f: { action: { eq: 'member.update' }, organisationId: UNION_ID } }, as.admin.headers);
    expect(code(res)).toBeUndefined();
    expect(res.body.data!.auditEvents.totalCount).toBeGreaterThan(0);
    expect(res.body.data!.auditEvents.edges.every((e) => e.node.action === 'member.update' && e.node.organisationId === UNION_ID)).toBe(true);
    for (const who of ['organiser', 'volunteer', 'unionAdmin', 'unionViewer']) {
      expect(code(await t.gql(AUDIT, {}, as[who].headers))).toBe('FORBIDDEN');
    }
  });
});
