/**
 * GET /exports/members.csv across organisations (the cross-organisation suite covers GraphQL only):
 * another agency's users and API keys, a sibling client's staff, ids that do not exist and ids that
 * are not ids all get the same NOT_FOUND, with nothing of the organisation in the answer and nothing
 * written; reach follows the organisation tree (an agency's staff export its clients and units).
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestRole, type TestUser } from './support/auth';
import { connect } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';
import { csvObjects, exportUrl, getExport, type ExportResponse } from './export.helpers';

const AGENCY_A = '01937000-0000-7000-8000-00000000c0a1';
const CLIENT_A = '01937000-0000-7000-8000-00000000c0a2';
const UNIT_A = '01937000-0000-7000-8000-00000000c0a3';
const SIBLING_A = '01937000-0000-7000-8000-00000000c0a4';
const AGENCY_B = '01937000-0000-7000-8000-00000000c0b1';
const CLIENT_B = '01937000-0000-7000-8000-00000000c0b2';
const NOWHERE = '01937000-0000-7000-8000-00000000dead';
const SECRET_NAME = 'Zebedee-Secretname';

let t: TestApp;
let db: Client;
const membersOf = new Map<string, string[]>();

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await db.query(
    `INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES
       ($1, NULL, 'AGENCY', 'Agency A', 'agency-a'), ($2, $1, 'CLIENT', 'Client A', 'client-a'), ($3, $2, 'UNIT', 'Unit A', 'unit-a'),
       ($4, $1, 'CLIENT', 'Sibling A', 'sibling-a'), ($5, NULL, 'AGENCY', 'Agency B', 'agency-b'), ($6, $5, 'CLIENT', 'Client B', 'client-b')`,
    [AGENCY_A, CLIENT_A, UNIT_A, SIBLING_A, AGENCY_B, CLIENT_B]);
  for (const org of [CLIENT_A, UNIT_A, SIBLING_A, CLIENT_B]) {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = uuidv7();
      ids.push(id);
      await db.query(`INSERT INTO member (organisation_id, id, first_name, last_name) VALUES ($1, $2, $3, $4)`,
        [org, id, `${SECRET_NAME}${i}`, `Of ${org.slice(-4)}`]);
    }
    membersOf.set(org, ids);
  }
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

async function user(organisationId: string, role: TestRole): Promise<TestUser> {
  return createTestUser(t.databaseUrl, [{ organisationId, role }]);
}

async function exportCount(): Promise<number> {
  return Number((await db.query(`SELECT count(*) FROM audit_event WHERE action = 'member.export'`)).rows[0].count);
}

function expectNotFound(res: ExportResponse): void {
  expect(res.status).toBe(404);
  expect(res.headers['content-disposition']).toBeUndefined();
  expect(res.json).toEqual({ data: null, errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND', requestId: expect.any(String) } }] });
  expect(res.text).not.toContain(SECRET_NAME);
  expect(res.text).not.toContain('client-a');
}

describe('export across organisations', () => {
  it.each([
    ["agency B's admin", AGENCY_B, 'AGENCY_ADMIN'],
    ["agency B's organiser", AGENCY_B, 'ORGANISER'],
    ["client B's client admin", CLIENT_B, 'CLIENT_ADMIN'],
    ["a sibling client's client admin", SIBLING_A, 'CLIENT_ADMIN'],
    ["client A's unit's client admin (below it)", UNIT_A, 'CLIENT_ADMIN'],
  ] as const)("%s gets NOT_FOUND for client A, and nothing is written", async (_label, organisationId, role) => {
    const before = await exportCount();
    const caller = await user(organisationId, role);
    for (const params of [{}, { filter: { search: SECRET_NAME } }, { filter: '{broken' }]) {
      expectNotFound(await getExport(t.app, exportUrl(CLIENT_A, params), caller.headers));
    }
    expect(await exportCount()).toBe(before);
  });

  it.each([
    ["agency B's key", AGENCY_B, 'AGENCY_ADMIN'],
    ["client B's key", CLIENT_B, 'CLIENT_ADMIN'],
    ["a sibling client's key", SIBLING_A, 'CLIENT_ADMIN'],
  ] as const)('%s gets NOT_FOUND for client A', async (_label, organisationId, role) => {
    const key = await createTestApiKey(t.databaseUrl, organisationId, role);
    expectNotFound(await getExport(t.app, exportUrl(CLIENT_A), key.headers));
  });

  it('another organisation looks exactly like one that does not exist, or an id that is not one', async () => {
    const caller = await user(CLIENT_B, 'CLIENT_ADMIN');
    const answers = await Promise.all([CLIENT_A, NOWHERE, 'not-a-uuid', CLIENT_A.toUpperCase()].map((org) => getExport(t.app, exportUrl(org), caller.headers)));
    for (const res of answers) expectNotFound(res);
    const shapes = answers.map((r) => ({ status: r.status, message: r.json!.errors[0].message, code: r.json!.errors[0].extensions.code }));
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
  });

  it("reach follows the tree: agency A's organiser exports client A and its unit, each with only its own members", async () => {
    const organiser = await user(AGENCY_A, 'ORGANISER');
    for (const org of [CLIENT_A, UNIT_A, SIBLING_A]) {
      const res = await getExport(t.app, exportUrl(org), organiser.headers);
      expect(res.status).toBe(200);
      expect(csvObjects(res.text).map((r) => r.id).sort()).toEqual([...membersOf.get(org)!].sort());
    }
    expectNotFound(await getExport(t.app, exportUrl(CLIENT_B), organiser.headers));
  });

  it("a client admin of client A exports client A (not its parent's other clients) and its unit", async () => {
    const admin = await user(CLIENT_A, 'CLIENT_ADMIN');
    const own = await getExport(t.app, exportUrl(CLIENT_A), admin.headers);
    expect(csvObjects(own.text).map((r) => r.id).sort()).toEqual([...membersOf.get(CLIENT_A)!].sort());
    const unit = await getExport(t.app, exportUrl(UNIT_A), admin.headers);
    expect(csvObjects(unit.text).map((r) => r.id).sort()).toEqual([...membersOf.get(UNIT_A)!].sort());
    expectNotFound(await getExport(t.app, exportUrl(SIBLING_A), admin.headers));
    expectNotFound(await getExport(t.app, exportUrl(AGENCY_A), admin.headers));
  });
});
