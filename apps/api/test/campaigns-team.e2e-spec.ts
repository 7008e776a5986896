/**
 * campaignTeamCandidates: the team picker's choices for an organisation's campaigns — the users with a role in it or in
 * its parent (the agency's staff and volunteers) — for an organiser who may not list users (no user:manage). Never a
 * user of another client; a client role without campaign:write is refused; another organisation's user or API key gets
 * NOT_FOUND for the union.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';

const AGENCY_ID = uuidv7();
let t: TestApp;
let db: Client;
let organiser: TestUser;
let volunteer: TestUser;
let clientAdmin: TestUser;
let otherAdmin: TestUser;
let outsider: TestUser;
let outsiderKey: { headers: Record<string, string> };

const QUERY = `query($o: ID!, $s: String, $f: Int) { campaignTeamCandidates(organisationId: $o, search: $s, first: $f) { id name email } }`;
async function candidates(headers: Record<string, string>, organisationId = UNION_ID, search?: string, first?: number) {
  return t.gql<{ campaignTeamCandidates: { id: string; name: string; email: string }[] }>(QUERY, { o: organisationId, s: search, f: first }, headers);
}
const codeOf = (res: GqlResponse) => res.body.errors?.[0]?.extensions.code;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(4));
  // The union is a client of an agency, as in the demo.
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'AGENCY', 'Test Agency', 'test-agency')`, [AGENCY_ID]);
  await db.query(`UPDATE organisation SET parent_id = $1 WHERE id = $2`, [AGENCY_ID, UNION_ID]);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: AGENCY_ID, role: 'ORGANISER' }]);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: AGENCY_ID, role: 'VOLUNTEER' }]);
  clientAdmin = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }]);
  otherAdmin = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'CLIENT_ADMIN' }]);
  outsider = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  outsiderKey = await createTestApiKey(t.databaseUrl, OTHER_ID, 'ORGANISER');
  for (const [user, name] of [[organiser, 'Orla Organiser'], [volunteer, 'Vik Volunteer'], [clientAdmin, 'Priya Officer'], [otherAdmin, 'Olu Other'], [outsider, 'Oscar Outsider']] as const) {
    await db.query(`UPDATE app_user SET name = $2 WHERE id = $1`, [user.userId, name]);
  }
}, 60000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('campaignTeamCandidates', () => {
  it('an agency organiser (no user:manage) gets the agency’s staff and volunteers and the client’s own users, by name, and nobody of another client', async () => {
    const res = await candidates(organiser.headers);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.campaignTeamCandidates.map((u) => u.name)).toEqual(['Orla Organiser', 'Priya Officer', 'Vik Volunteer']);
    expect(res.body.data!.campaignTeamCandidates.map((u) => u.id)).toEqual([organiser.userId, clientAdmin.userId, volunteer.userId]);
  });

  it('searches name or email and pages with first; first outside 1–200 is a validation error', async () => {
    expect((await candidates(organiser.headers, UNION_ID, 'vik')).body.data!.campaignTeamCandidates.map((u) => u.name)).toEqual(['Vik Volunteer']);
    expect((await candidates(organiser.headers, UNION_ID, '%')).body.data!.campaignTeamCandidates).toEqual([]);
    expect((await candidates(organiser.headers, UNION_ID, undefined, 1)).body.data!.campaignTeamCandidates.map((u) => u.name)).toEqual(['Orla Organiser']);
    for (const first of [0, 201]) {
      const res = await candidates(organiser.headers, UNION_ID, undefined, first);
      expect({ code: codeOf(res), path: (res.body.errors?.[0]?.extensions.fields as { path: string }[] | undefined)?.[0]?.path }).toEqual({ code: 'VALIDATION_FAILED', path: 'first' });
    }
  });

  it('a client admin (campaign:read, not campaign:write) is refused; so is a volunteer', async () => {
    expect(codeOf(await candidates(clientAdmin.headers))).toBe('FORBIDDEN');
    expect(codeOf(await candidates(volunteer.headers))).toBe('FORBIDDEN');
  });

  it('another organisation’s user or API key gets NOT_FOUND for the union, and its own list holds only its own people', async () => {
    for (const headers of [outsider.headers, outsiderKey.headers]) {
      const res = await candidates(headers);
      expect({ code: codeOf(res), data: res.body.data?.campaignTeamCandidates ?? null }).toEqual({ code: 'NOT_FOUND', data: null });
    }
    const own = await candidates(outsider.headers, OTHER_ID);
    expect(own.body.data!.campaignTeamCandidates.map((u) => u.name)).toEqual(['Olu Other', 'Oscar Outsider']);
  });
});
