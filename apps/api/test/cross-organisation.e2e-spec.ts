/**
 * Every query and mutation, generated from the schema, called from outside the organisation it aims
 * at. Organisation A (a client under agency A, with a unit) holds members, users, sessions, an API
 * key, an invitation and audit events. For each root field the suite builds a document aimed at A's
 * ids (support/schema-operations.ts) and runs it as organisation B's client admin, B's agency admin
 * (a second agency) and API keys of both: the answer must be NOT_FOUND or empty, the whole response
 * must not contain any of A's ids, names or emails, and none of A's rows in any table may change.
 * Volunteers and client viewers calling operations their role lacks (from the matrix in
 * @muster/domain) get FORBIDDEN/NOT_FOUND and change nothing; anonymous callers get UNAUTHENTICATED
 * everywhere except the public operations. A new operation is covered without editing this file, or
 * the suite fails saying which argument it cannot derive.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { ModulesContainer } from '@nestjs/core';
import { PERMISSION_MATRIX, roleHas, type Capability, type Role } from '@muster/domain';
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { PUBLIC_OPERATION, REQUIRED_CAPABILITY } from '../src/access/access.decorator';
import { createTestApiKey, createTestUser, sha256, type TestRole } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { OperationBuilder, rootOperations, type BuiltOperation, type TargetIds } from './support/schema-operations';
import { insightRollupSums } from './dedupe.helpers';
import { startTestApp, type TestApp } from './support/test-app';

const A = UNION_ID;
const B = OTHER_ID;
const AGENCY_A = '01937000-0000-7000-8000-0000000000a1';
const UNIT_A = '01937000-0000-7000-8000-0000000000a2';
const AGENCY_B = '01937000-0000-7000-8000-0000000000b1';
const A_ORGS = [AGENCY_A, A, UNIT_A];
const INVITATION_TOKEN = `mst_i_${'A'.repeat(43)}`;
const A_PASSWORD = 'the password of a in full';

/** Operations that do not act on an organisation: they answer about the caller, or sign in. */
const NO_ORGANISATION_CONTEXT: Record<string, string> = {
  viewer: 'the caller itself; its capabilities(organisationId: A) must be empty',
  sessions: "the caller's own sessions",
  organisations: 'lists what the caller reaches (must not list A)',
  'auditEvents:minimal': "browses the caller's reach (the hostile variant filters on A and must get nothing)",
  login: "public; A's user's email with a wrong password must answer exactly like an unknown email",
  logout: "ends the caller's own session",
  logoutEverywhere: "ends the caller's own sessions",
  changePassword: "the caller's own password (a wrong current password here)",
  revokeSession: "one of the caller's own sessions (A's session id here: the snapshot proves it stays live)",
  acceptInvitation: 'public; the token is the credential: a guessed token must get NOT_FOUND',
};

/** A's records, by kind (filled in once the fixture is loaded). */
const ids: TargetIds = {
  organisationId: A,
  memberId: '',
  apiKeyId: '',
  sessionId: '',
  userId: '',
  invitationId: uuidv7(),
  userEmail: 'a-admin@a-union.example',
  memberImportId: uuidv7(),
  importMappingId: uuidv7(),
};
/**
 * The only arguments that cannot be derived from names and types (rules in schema-operations.ts).
 * An operation whose arguments are neither derivable nor listed here fails the whole suite.
 */
const explicit: Record<string, unknown> = {
  // Returns Boolean, so the kind of id cannot come from the return type.
  'Mutation.revokeSession.id': () => ids.sessionId,
  // A guessed token: A's real one would (by design) let anyone holding it join A.
  'Mutation.acceptInvitation.token': `mst_i_${'g'.repeat(43)}`,
  // Returns Boolean, so the kind of id cannot come from the return type.
  'Mutation.deleteImportMapping.id': () => ids.importMappingId,
  // An input's plain `id`: the import it changes.
  'Mutation.updateMemberImport.input.id': () => ids.memberImportId,
  // Returns Boolean, so the kind of id cannot come from the return type.
  'Mutation.deleteSegment.id': () => ids.segmentId,
  'Mutation.deleteCampaign.id': () => ids.campaignId,
  'Mutation.deleteAction.id': () => ids.actionId,
  // The hostile campaigns list searches for A's campaign by name (its filter holds no id).
  'Query.campaigns.filter.search': 'Alpha',
  // A JSON scalar (astFromValue prints only strings, numbers and booleans): a definition naming A's segment and import.
  'Query.segmentPreview.definition': () => segmentProbe(),
  'Mutation.createSegment.input.definition': () => segmentProbe(),
  // A refund's reason is free text (the donation comes from the return type).
  'Mutation.refundDonation.reason': 'Cross organisation probe',
  // A plan cancellation's reason is free text too (the plan comes from the return type).
  'Mutation.cancelDonationPlan.reason': 'Cross organisation probe',
  // The insights scope names no record; the hostile variant aims it at a branch only A has.
  'Query.insights.scope.branch': 'Alpha Branch Probe',
};

function segmentProbe(): string {
  return JSON.stringify({ version: 1, root: { type: 'group', op: 'or', children: [
    { type: 'condition', field: 'segmentSnapshot', op: 'in', values: [ids.segmentId] },
    { type: 'condition', field: 'import', op: 'in', values: [ids.memberImportId] },
  ] } });
}

const schema: GraphQLSchema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
const operations = rootOperations(schema);

/** Documents are built lazily: ids exist only once the fixture is loaded. */
function documents(): BuiltOperation[] {
  const resolved = Object.fromEntries(Object.entries(explicit).map(([k, v]) => [k, typeof v === 'function' ? (v as () => unknown)() : v]));
  const builder = new OperationBuilder(ids, resolved);
  return operations.flatMap((op) => builder.build(op));
}
const cases = operations.flatMap((op) => {
  const hostile = op.field.args.some((a) => a.type.toString().slice(-1) !== '!' && !['first', 'last', 'after', 'before'].includes(a.name));
  return hostile ? [`${op.name}:minimal`, `${op.name}:hostile`] : [`${op.name}:minimal`];
});

let t: TestApp;
let db: Client;
let markers: string[] = [];
let aUsers: string[] = [];
let built: Map<string, BuiltOperation>;
const access = new Map<string, { capability?: Capability; isPublic: boolean }>();

/**
 * Every row of A in every public table, as the owner sees it; `self` is the caller's own credential
 * (its last-used time moves when it is used).
 */
async function snapshotA(self: Caller | null = null): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ table: string; columns: string[] }>(
    `SELECT table_name AS table, array_agg(column_name::text) AS columns FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')
      GROUP BY table_name ORDER BY table_name`);
  const out: Record<string, string[]> = {};
  for (const { table, columns } of tables) {
    // Insight rollups: compared as what they say (dedupe.helpers.ts, insightRollupSums).
    if (table === 'insight_rollup_delta' || table === 'insight_snapshot') continue;
    if (table === 'insight_rollup') { out[table] = await insightRollupSums(db, A_ORGS); continue; }
    let where: string;
    let param: string[] = A_ORGS;
    if (columns.includes('organisation_id')) where = 'organisation_id = ANY($1::uuid[])';
    else if (table === 'organisation') where = 'id = ANY($1::uuid[])';
    else if (table === 'app_user') { where = 'id = ANY($1::uuid[])'; param = aUsers; }
    else if (table === 'session') { where = 'user_id = ANY($1::uuid[])'; param = aUsers; }
    else if (table === 'typeorm_migrations') continue;
    else throw new Error(`cross-organisation suite: cannot tell which rows of "${table}" belong to an organisation; teach snapshotA()`);
    const params: unknown[] = [param];
    if (self?.apiKeyId && table === 'api_key') { params.push(self.apiKeyId); where += ` AND id <> $2::uuid`; }
    if (self?.userId && table === 'session') { params.push(self.userId); where += ` AND user_id <> $2::uuid`; }
    const { rows } = await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t WHERE ${where} ORDER BY 1`, params);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

function leaked(body: unknown): string[] {
  const text = JSON.stringify(body).toLowerCase();
  return markers.filter((m) => text.includes(m.toLowerCase()));
}

/** null, false, 0, '', [] and objects of only such values (an empty connection, a false revoke). */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).every(([k, v]) => k === '__typename' || isEmpty(v));
  return false;
}

/** Matches exactly one of these error codes (an absent code does not match). */
function oneOf(codes: string[]) {
  return expect.stringMatching(new RegExp(`^(${codes.join('|')})$`));
}

async function call(document: string, headers: Record<string, string>) {
  return t.gql<Record<string, unknown>>(document, {}, headers);
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  const fixture = buildFixture(8);
  await loadFixture(db, fixture);
  await db.query(`UPDATE organisation SET name = 'Alpha Union Probe', slug = 'alpha-union-probe' WHERE id = $1`, [A]);
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'AGENCY', 'Alpha Agency Probe', 'alpha-agency-probe'), ($2, 'AGENCY', 'Bravo Agency', 'bravo-agency')`, [AGENCY_A, AGENCY_B]);
  await db.query(`UPDATE organisation SET parent_id = $1 WHERE id = $2`, [AGENCY_A, A]);
  await db.query(`UPDATE organisation SET parent_id = $1 WHERE id = $2`, [AGENCY_B, B]);
  await db.query(`INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES ($1, $2, 'UNIT', 'Alpha North Region Probe', 'alpha-north-probe')`, [UNIT_A, A]);

  // A's people: a client admin who signs in for real (a session, sign-in audit events), a viewer,
  // an agency volunteer with assigned members; an API key; an open invitation; member changes.
  const aAdmin = await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'CLIENT_ADMIN' }], ids.userEmail);
  await db.query(`UPDATE app_user SET name = 'Alpha Admin Probe', password_hash = $2 WHERE id = $1`, [aAdmin.userId, await hash(A_PASSWORD)]);
  await createTestUser(t.databaseUrl, [{ organisationId: UNIT_A, role: 'CLIENT_VIEWER' }], 'a-viewer@a-union.example');
  const aOrganiser = await createTestUser(t.databaseUrl, [{ organisationId: AGENCY_A, role: 'ORGANISER' }], 'a-organiser@a-agency.example');
  const aVolunteer = await createTestUser(t.databaseUrl, [{ organisationId: AGENCY_A, role: 'VOLUNTEER' }], 'a-volunteer@a-agency.example');
  const aMembers = fixture.members.filter((m) => m.organisationId === A);
  for (const m of aMembers.slice(0, 2)) {
    await db.query(`INSERT INTO volunteer_assignment (organisation_id, id, user_id, member_id) VALUES ($1, $2, $3, $4)`, [A, uuidv7(), aVolunteer.userId, m.id]);
  }
  const login = await t.gql<{ login: { token: string } }>(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: ids.userEmail, p: A_PASSWORD }, { authorization: '' });
  expect(login.body.errors).toBeUndefined();
  const aKey = await createTestApiKey(t.databaseUrl, A, 'CLIENT_ADMIN');
  await db.query(`INSERT INTO invitation (organisation_id, id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, 'a-invitee@a-union.example', 'CLIENT_VIEWER', $3, $4, now() + interval '7 days')`,
    [A, ids.invitationId, sha256(INVITATION_TOKEN), aAdmin.userId]);
  const asAdmin = { authorization: `Bearer ${login.body.data!.login.token}` };
  const update = await t.gql(`mutation($id: ID!) { updateMember(id: $id, input: { branch: "Alpha Branch Probe" }) { id } }`, { id: aMembers[0].id }, aOrganiser.headers);
  expect(update.body.errors).toBeUndefined();
  expect((await t.gql(`{ viewer { user { id } } }`, {}, asAdmin)).body.errors).toBeUndefined();

  // An import of A (with its file, a rejected row and a consent record it wrote) and a saved mapping.
  await db.query(`INSERT INTO member_import (organisation_id, id, file_name, byte_size, chunk_count, encoding, delimiter, has_header, status, columns,
      dry_run, dry_run_version, run_kind, rows_done, rejected_count, created_by, created_by_user_id)
    VALUES ($1, $2, 'alpha-probe-members.csv', 42, 1, 'utf-8', ',', true, 'DRY_RUN_DONE',
      '[{"index":0,"header":"Alpha Header Probe","samples":["Alpha Sample Probe"],"field":"EMAIL","suggested":"EMAIL"}]',
      '{"total":1,"done":1,"created":0,"updated":0,"unchanged":0,"rejected":1}', 1, 'DRY', 1, 1, $3, $4)`,
    [A, ids.memberImportId, ids.userEmail, aAdmin.userId]);
  await db.query(`INSERT INTO import_file_chunk (organisation_id, import_id, seq, data) VALUES ($1, $2, 0, convert_to('Alpha Header Probe
alpha-row-probe', 'UTF8'))`, [A, ids.memberImportId]);
  await db.query(`INSERT INTO import_reject (organisation_id, import_id, run_kind, row_number, fields, reasons) VALUES ($1, $2, 'DRY', 2, '{alpha-row-probe}', '{"Alpha Reason Probe"}')`, [A, ids.memberImportId]);
  await db.query(`INSERT INTO import_mapping (organisation_id, id, name, columns, created_by) VALUES ($1, $2, 'Alpha Mapping Probe', '[{"header":"Alpha Header Probe","field":"EMAIL"}]', $3)`,
    [A, ids.importMappingId, ids.userEmail]);
  await db.query(`INSERT INTO consent_record (organisation_id, id, member_id, channel, status, source, source_id, recorded_by) VALUES ($1, $2, $3, 'SMS', 'GRANTED', 'IMPORT', $4, $5)`,
    [A, uuidv7(), aMembers[0].id, ids.memberImportId, ids.userEmail]);

  ids.memberId = aMembers[1].id;
  // A's duplicate queue (a shared email makes one suggestion) and merge history (one merge).
  await db.query(`INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position) VALUES ($1, $2, $3, 'alpha-shared@a-union.example', false, 9), ($1, $4, $5, 'alpha-shared@a-union.example', false, 9)`,
    [A, uuidv7(), aMembers[2].id, uuidv7(), aMembers[3].id]);
  expect((await t.gql(`mutation($o: ID!) { refreshDuplicateSuggestions(organisationId: $o) }`, { o: A }, aOrganiser.headers)).body.errors).toBeUndefined();
  ids.suggestionId = (await db.query(`SELECT id FROM member_duplicate_suggestion WHERE organisation_id = $1 AND rule = 'SAME_EMAIL'`, [A])).rows[0].id;
  const merged = await t.gql<{ mergeMembers: { id: string } }>(`mutation($i: MergeMembersInput!) { mergeMembers(input: $i) { id } }`,
    { i: { organisationId: A, survivorId: aMembers[4].id, mergedIds: [aMembers[5].id] } }, aOrganiser.headers);
  expect(merged.body.errors).toBeUndefined();
  ids.mergeId = merged.body.data!.mergeMembers.id;
  // A's segment (frozen, so it has snapshot rows too).
  const segment = await t.gql<{ createSegment: { id: string } }>(`mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id } }`,
    { i: { organisationId: A, name: 'Alpha Segment Probe', definition: { version: 1, root: { type: 'group', op: 'and', children: [] } } } }, aOrganiser.headers);
  expect(segment.body.errors).toBeUndefined();
  ids.segmentId = segment.body.data!.createSegment.id;
  expect((await t.gql(`mutation($id: ID!) { freezeSegment(id: $id) { id } }`, { id: ids.segmentId }, aOrganiser.headers)).body.errors).toBeUndefined();
  // A's campaign with an action and a response credited to A's volunteer (issue 6).
  const campaign = await t.gql<{ createCampaign: { id: string } }>(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
    { i: { organisationId: A, name: 'Alpha Campaign Probe', targetSegmentId: ids.segmentId, team: [{ userId: aVolunteer.userId, role: 'CALLER' }] } }, aOrganiser.headers);
  expect(campaign.body.errors).toBeUndefined();
  ids.campaignId = campaign.body.data!.createCampaign.id;
  const action = await t.gql<{ createAction: { id: string } }>(`mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
    { i: { campaignId: ids.campaignId, type: 'EVENT', title: 'Alpha Action Probe', page: { headline: 'Alpha Headline Probe' } } }, aOrganiser.headers);
  expect(action.body.errors).toBeUndefined();
  ids.actionId = action.body.data!.createAction.id;
  const response = await t.gql(`mutation($i: RecordActionResponseInput!) { recordActionResponse(input: $i) { id } }`,
    { i: { actionId: ids.actionId, memberId: aMembers[1].id, state: 'COMMITTED', channel: 'CALL', creditedUserId: aVolunteer.userId, note: 'Alpha Note Probe' } }, aOrganiser.headers);
  expect(response.body.errors).toBeUndefined();
  // A's donation (manual, Gift Aid declared, completing a response) (issue 6, donations).
  const donation = await t.gql<{ recordDonation: { id: string } }>(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`,
    { i: { organisationId: A, memberId: aMembers[2].id, actionId: ids.actionId, amountPence: 1234, note: 'Alpha Donation Probe',
      giftAidDeclaration: { wording: 'Alpha Wording Probe', fullName: 'Alpha Donor Probe', house: 'Alpha House Probe', postcode: 'SW1A 1AA' } } }, aOrganiser.headers);
  expect(donation.body.errors).toBeUndefined();
  ids.donationId = donation.body.data!.recordDonation.id;
  // A's monthly plan (ACTIVE, MANUAL: cancelling it would change only the row, so the snapshot would show it).
  ids.donationPlanId = uuidv7();
  await db.query(`INSERT INTO donation_plan (organisation_id, id, member_id, campaign_id, action_id, amount_pence, status, channel, provider, started_at)
    VALUES ($1, $2, $3, $4, $5, 700, 'ACTIVE', 'WEB', 'MANUAL', now())`, [A, ids.donationPlanId, aMembers[2].id, ids.campaignId, ids.actionId]);
  ids.apiKeyId = aKey.id;
  ids.userId = aAdmin.userId;
  ids.sessionId = (await db.query(`SELECT id FROM session WHERE user_id = $1 ORDER BY created_at LIMIT 1`, [aAdmin.userId])).rows[0].id;
  aUsers = (await db.query(`SELECT DISTINCT user_id FROM membership WHERE organisation_id = ANY($1::uuid[])`, [A_ORGS])).rows.map((r) => r.user_id);
  // Distinct names, so that finding one in an answer means it came from A.
  await db.query(`UPDATE app_user SET name = 'Alpha Person ' || left(id::text, 8) WHERE id = ANY($1::uuid[]) AND name = 'Test User'`, [aUsers]);

  // Everything that identifies A or its records, as it could appear in an answer.
  const q = async (sql: string, params: unknown[] = [A_ORGS]) => (await db.query(sql, params)).rows.flatMap((r) => Object.values(r).filter((v): v is string => typeof v === 'string'));
  markers = [...new Set([
    ...await q(`SELECT id::text, name, slug FROM organisation WHERE id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text FROM member WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, address, e164 FROM (SELECT id, address, NULL AS e164 FROM member_email WHERE organisation_id = ANY($1::uuid[]) UNION ALL SELECT id, NULL, e164 FROM member_phone WHERE organisation_id = ANY($1::uuid[])) x`),
    ...await q(`SELECT id::text, email, name FROM app_user WHERE id = ANY($1::uuid[])`, [aUsers]),
    ...await q(`SELECT id::text FROM session WHERE user_id = ANY($1::uuid[])`, [aUsers]),
    ...await q(`SELECT id::text, prefix FROM api_key WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, email FROM invitation WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, matched_value FROM member_duplicate_suggestion WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, survivor_id::text FROM member_merge WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, name FROM segment WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, name FROM campaign WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, title, public_slug FROM action WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text FROM action_response WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, note FROM action_response_event WHERE organisation_id = ANY($1::uuid[])`),
    'Alpha Headline Probe',
    ...await q(`SELECT id::text, note FROM donation WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text FROM donation_plan WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text, full_name, house, wording FROM gift_aid_declaration WHERE organisation_id = ANY($1::uuid[])`),
    ...await q(`SELECT id::text FROM audit_event WHERE organisation_id = ANY($1::uuid[]) OR actor_user_id = ANY($2::uuid[])`, [A_ORGS, aUsers]),
    'Alpha Branch Probe',
    ids.memberImportId, ids.importMappingId, 'alpha-probe-members.csv', 'Alpha Header Probe', 'Alpha Sample Probe', 'alpha-row-probe',
    'Alpha Reason Probe', 'Alpha Mapping Probe',
  ].filter((m) => m && m.length >= 6))];

  built = new Map(documents().map((d) => [`${d.name}:${d.variant}`, d]));

  // What each operation requires, read from the resolvers' decorators in the running app.
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const proto = wrapper.metatype && typeof wrapper.metatype === 'function' ? (wrapper.metatype as { prototype?: object }).prototype : undefined;
      if (!proto) continue;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const method = Object.getOwnPropertyDescriptor(proto, key)?.value;
        if (typeof method !== 'function') continue;
        const kind = Reflect.getMetadata('graphql:resolver_type', method);
        if (kind !== 'Query' && kind !== 'Mutation') continue;
        const name = (Reflect.getMetadata('graphql:resolver_name', method) as string | undefined) ?? key;
        access.set(name, { capability: Reflect.getMetadata(REQUIRED_CAPABILITY, method), isPublic: Reflect.getMetadata(PUBLIC_OPERATION, method) === true });
      }
    }
  }
}, 120000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('the generated suite covers the whole schema', () => {
  it('an operation with an argument it cannot derive fails the suite, naming the argument', () => {
    const added = buildSchema(`type Query { ok: Boolean } type Mutation { assignCall(conversationId: ID!, note: String!): Boolean }`);
    const builder = new OperationBuilder(ids, {});
    expect(() => rootOperations(added).flatMap((op) => builder.build(op))).toThrow(/no recipe for Mutation\.assignCall\.conversationId/);
    const listed = new OperationBuilder(ids, { 'Mutation.assignCall.conversationId': 'x', 'Mutation.assignCall.note': 'y' });
    expect(rootOperations(added).flatMap((op) => listed.build(op)).map((d) => d.document)).toContain('mutation { assignCall(conversationId: "x", note: "y") }');
  });

  it('the committed schema lists exactly the root fields the running app serves', () => {
    const live = (t.app.getHttpAdapter().getInstance() as unknown as { graphql: { schema: GraphQLSchema } }).graphql.schema;
    expect(rootOperations(live).map((o) => `${o.kind}.${o.name}`).sort()).toEqual(operations.map((o) => `${o.kind}.${o.name}`).sort());
  });

  it('every operation has a document (a recipe for every argument) and a known access rule', () => {
    expect([...built.keys()].sort()).toEqual([...cases].sort());
    for (const op of operations) {
      const rule = access.get(op.name);
      expect({ op: op.name, found: rule !== undefined }).toEqual({ op: op.name, found: true });
      // Without a capability an operation must be public or explicitly about the caller only.
      if (!rule!.capability && !rule!.isPublic) expect({ op: op.name, listed: op.name in NO_ORGANISATION_CONTEXT }).toEqual({ op: op.name, listed: true });
    }
    expect(operations.filter((o) => access.get(o.name)?.isPublic).map((o) => o.name).sort()).toEqual(['acceptInvitation', 'login']);
  });
});

interface Caller { headers: Record<string, string>; apiKeyId?: string; userId?: string }
type Principal = { label: string; role: TestRole; key: boolean; organisationId: string };
const OUTSIDERS: Principal[] = [
  { label: "B's client admin", role: 'CLIENT_ADMIN', key: false, organisationId: B },
  { label: "B's agency admin", role: 'AGENCY_ADMIN', key: false, organisationId: AGENCY_B },
  { label: "B's client-admin API key", role: 'CLIENT_ADMIN', key: true, organisationId: B },
  { label: "B's agency-admin API key", role: 'AGENCY_ADMIN', key: true, organisationId: AGENCY_B },
];

/** A fresh principal per call: logout and logoutEverywhere end the caller's own sessions. */
async function callerOf(p: Principal): Promise<Caller> {
  if (p.key) {
    const key = await createTestApiKey(t.databaseUrl, p.organisationId, p.role);
    return { headers: key.headers, apiKeyId: key.id };
  }
  const user = await createTestUser(t.databaseUrl, [{ organisationId: p.organisationId, role: p.role }]);
  return { headers: user.headers, userId: user.userId };
}

function rootValue(res: { body: { data: Record<string, unknown> | null } }, name: string): unknown {
  return res.body.data?.[name] ?? null;
}

describe.each(OUTSIDERS)('$label aimed at organisation A', (p) => {
  it.each(cases)('%s: NOT_FOUND or empty, nothing of A revealed, nothing of A changed', async (id) => {
    const op = built.get(id)!;
    const caller = await callerOf(p);
    const before = await snapshotA(caller);
    const res = await call(op.document, caller.headers);
    const after = await snapshotA(caller);
    const code = res.body.errors?.[0]?.extensions.code;
    const summary = { operation: id, principal: p.label, code, leaked: leaked(res.body) };
    expect(summary).toEqual({ operation: id, principal: p.label, code, leaked: [] });
    expect(after).toEqual(before);
    if (id in NO_ORGANISATION_CONTEXT || op.name in NO_ORGANISATION_CONTEXT) return;
    const capability = access.get(op.name)?.capability;
    // FORBIDDEN says nothing about A when the caller lacks the capability everywhere it reaches.
    const allowed = capability && !roleHas(p.role as Role, capability) ? ['NOT_FOUND', 'FORBIDDEN'] : ['NOT_FOUND'];
    if (code !== undefined) {
      expect({ operation: id, code }).toEqual({ operation: id, code: oneOf(allowed) });
      expect(rootValue(res, op.name)).toBeNull();
    } else {
      expect({ operation: id, empty: isEmpty(rootValue(res, op.name)), data: res.body.data }).toEqual({ operation: id, empty: true, data: res.body.data });
    }
  });
});

const INSIDERS: Principal[] = [
  { label: "A's agency volunteer", role: 'VOLUNTEER', key: false, organisationId: AGENCY_A },
  { label: "A's client viewer", role: 'CLIENT_VIEWER', key: false, organisationId: A },
  { label: "A's volunteer-role API key", role: 'VOLUNTEER', key: true, organisationId: AGENCY_A },
  { label: "A's viewer-role API key", role: 'CLIENT_VIEWER', key: true, organisationId: A },
];

/** Operations whose capability the role lacks (from PERMISSION_MATRIX), decided once the app is up. */
function staffOnly(role: Role, id: string): boolean {
  const capability = access.get(built.get(id)!.name)?.capability;
  return capability !== undefined && !PERMISSION_MATRIX[role].includes(capability);
}

describe.each(INSIDERS)('$label calling operations its role lacks', (p) => {
  it.each(cases)('%s: FORBIDDEN or NOT_FOUND when staff-only, and nothing of A changed', async (id) => {
    if (!staffOnly(p.role as Role, id)) return; // allowed by the matrix: covered by access.e2e-spec.ts
    const op = built.get(id)!;
    const caller = await callerOf(p); // the principal is itself a row of A: create it first
    const before = await snapshotA(caller);
    const res = await call(op.document, caller.headers);
    expect({ operation: id, code: res.body.errors?.[0]?.extensions.code }).toEqual({ operation: id, code: oneOf(['FORBIDDEN', 'NOT_FOUND']) });
    expect(rootValue(res, op.name)).toBeNull();
    expect(await snapshotA(caller)).toEqual(before);
  });

  it('the matrix leaves this role some staff-only operations to test', () => {
    expect(cases.filter((id) => staffOnly(p.role as Role, id)).length).toBeGreaterThan(0);
  });
});

describe('anonymous callers', () => {
  it.each(cases)('%s: UNAUTHENTICATED unless public; nothing of A revealed or changed', async (id) => {
    const op = built.get(id)!;
    const before = await snapshotA();
    const res = await call(op.document, { authorization: '' });
    expect({ operation: id, leaked: leaked(res.body) }).toEqual({ operation: id, leaked: [] });
    expect(await snapshotA()).toEqual(before);
    const code = res.body.errors?.[0]?.extensions.code;
    if (access.get(op.name)?.isPublic) expect({ operation: id, code }).toEqual({ operation: id, code: oneOf(['INVALID_CREDENTIALS', 'NOT_FOUND']) });
    else expect({ operation: id, code, data: rootValue(res, op.name) }).toEqual({ operation: id, code: 'UNAUTHENTICATED', data: null });
  });
});

describe('page sizes on every paged field', () => {
  it('first: 100000 is refused on every root field that takes it, before any row is read', async () => {
    const paged = operations.filter((o) => o.field.args.some((a) => a.name === 'first'));
    expect(paged.length).toBeGreaterThan(0);
    for (const op of paged) {
      const doc = built.get(`${op.name}:hostile`) ?? built.get(`${op.name}:minimal`)!;
      const res = await call(doc.document.replace(/first: 5\b/, 'first: 100000'), {});
      expect({ operation: op.name, code: res.body.errors?.[0]?.extensions.code }).toEqual({ operation: op.name, code: oneOf(['VALIDATION_FAILED', 'QUERY_TOO_COMPLEX']) });
    }
  });
});

describe('sign-in events (no organisation) in the audit log', () => {
  const AUDIT = `{ auditEvents(first: 200) { edges { node { action actorUserId actorLabel } } } }`;
  type Audit = { auditEvents: { edges: { node: { action: string; actorUserId: string | null; actorLabel: string } }[] } };

  it("are shown to the agency admins reaching the user, never to another agency's; unknown emails to both", async () => {
    await t.gql(`mutation { login(email: "nobody-at-all@nowhere.example", password: "wrong password 1") { token } }`, {}, { authorization: '' });
    const seen = async (organisationId: string) => {
      const admin = await createTestUser(t.databaseUrl, [{ organisationId, role: 'AGENCY_ADMIN' }]);
      const res = await t.gql<Audit>(AUDIT, {}, admin.headers);
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.auditEvents.edges.map((e) => e.node);
    };
    const ours = await seen(AGENCY_A);
    expect(ours).toEqual(expect.arrayContaining([{ action: 'auth.login', actorUserId: ids.userId, actorLabel: ids.userEmail }]));
    expect(ours.map((e) => e.actorLabel)).toContain('nobody-at-all@nowhere.example');
    const theirs = await seen(AGENCY_B);
    expect(theirs.filter((e) => e.actorUserId === ids.userId || e.actorLabel === ids.userEmail)).toEqual([]);
    expect(theirs.map((e) => e.actorLabel)).toContain('nobody-at-all@nowhere.example');
  });
});
