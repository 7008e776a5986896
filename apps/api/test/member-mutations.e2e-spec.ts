import type { Client } from 'pg';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(10);
let t: TestApp;
let db: Client;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

const MEMBER_FIELDS = `id organisationId firstName lastName fullName email phone postcode region status joinedOn leftOn tags issues
  smsConsent emailConsent supportLevel engagementScore createdAt updatedAt
  phones { e164 type primary } emails { address primary }`;

const CREATE = `mutation($input: CreateMemberInput!) { createMember(input: $input) { ${MEMBER_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { ${MEMBER_FIELDS} } }`;
const READ = `query($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} } }`;

async function counts() {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM member_phone)::int AS phones,
            (SELECT count(*) FROM member_email)::int AS emails`,
  );
  return rows[0];
}

async function snapshot(id: string) {
  const { rows } = await db.query(
    `SELECT m.*, (SELECT array_agg(e164 ORDER BY position) FROM member_phone p WHERE p.member_id = m.id) AS phone_rows,
            (SELECT array_agg(address ORDER BY position) FROM member_email e WHERE e.member_id = m.id) AS email_rows
       FROM member m WHERE id = $1`,
    [id],
  );
  return rows[0];
}

describe('createMember', () => {
  it('normalises phones, emails and postcode and stores the first of each as primary', async () => {
    const res = await t.gql<{ createMember: Record<string, unknown> & { id: string } }>(CREATE, {
      input: {
        organisationId: UNION_ID,
        firstName: '  Siân ',
        lastName: "O'Brien",
        emails: ['Sian.OBrien@Example.ORG ', 'sian@work.example.com'],
        phones: ['07700 900123', '+44 (0)113 496 0000'],
        postcode: 'sw1a1aa',
        region: 'Wales',
        joinedOn: '2020-02-29',
        tags: ['rep', 'Rep '],
        issues: ['pay'],
        smsConsent: 'GRANTED',
        supportLevel: 4,
      },
    });
    expect(res.body.errors).toBeUndefined();
    const m = res.body.data!.createMember;
    expect(m).toMatchObject({
      organisationId: UNION_ID,
      firstName: 'Siân',
      lastName: "O'Brien",
      fullName: "Siân O'Brien",
      email: 'sian.obrien@example.org',
      phone: '+447700900123',
      postcode: 'SW1A 1AA',
      status: 'ACTIVE',
      joinedOn: '2020-02-29',
      leftOn: null,
      tags: ['rep'],
      smsConsent: 'GRANTED',
      emailConsent: 'UNKNOWN',
      supportLevel: 4,
      engagementScore: 0,
      phones: [
        { e164: '+447700900123', type: 'MOBILE', primary: true },
        { e164: '+441134960000', type: 'LANDLINE', primary: false },
      ],
      emails: [
        { address: 'sian.obrien@example.org', primary: true },
        { address: 'sian@work.example.com', primary: false },
      ],
    });
    expect(m.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUID v7
    const stored = await snapshot(m.id);
    expect(stored).toMatchObject({ organisation_id: UNION_ID, phone: '+447700900123', phone_rows: ['+447700900123', '+441134960000'] });
  });

  it.each([
    ['phone', { phones: ['07700 900123', 'not a phone'] }, 'input.phones.1'],
    ['email', { emails: ['no-at-sign'] }, 'input.emails.0'],
    ['postcode', { postcode: 'NOT A POSTCODE' }, 'input.postcode'],
    ['supportLevel', { supportLevel: 9 }, 'input.supportLevel'],
    ['firstName', { firstName: '   ' }, 'input.firstName'],
    ['leftOn before joinedOn', { joinedOn: '2020-01-01', leftOn: '2019-01-01' }, 'input.leftOn'],
  ])('invalid %s → VALIDATION_FAILED naming the field, nothing written', async (_name, patch, path) => {
    const before = await counts();
    const res = await t.gql(CREATE, {
      input: { organisationId: UNION_ID, firstName: 'Valid', lastName: 'Person', phones: ['07700 900999'], emails: ['v@example.org'], ...patch },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    const error = res.body.errors![0];
    expect(error.extensions.code).toBe('VALIDATION_FAILED');
    expect(error.extensions.requestId).toEqual(expect.any(String));
    expect(error.extensions.fields!.map((f) => f.path)).toContain(path);
    expect(error.extensions.fields!.every((f) => f.message.length > 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('an unknown, malformed or out-of-scope organisation is NOT_FOUND and nothing is written', async () => {
    const before = await counts();
    for (const [organisationId, headers] of [
      ['01937000-0000-7000-8000-00000000ffff', undefined],
      ['nope', undefined],
      [UNION_ID, { 'x-organisation-id': OTHER_ID }],
    ] as const) {
      const res = await t.gql(CREATE, { input: { organisationId, firstName: 'A', lastName: 'B' } }, headers);
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('updateMember', () => {
  const target = fixture.members.find((m) => m.organisationId === UNION_ID && m.phones.length > 0)!;

  it('changes only the fields sent; null clears; lists replace', async () => {
    const before = await snapshot(target.id);
    const res = await t.gql<{ updateMember: Record<string, unknown> }>(UPDATE, {
      id: target.id,
      input: { region: null, tags: ['new-tag'], phones: ['+44 7700 900 555'], status: 'LAPSED' },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.updateMember).toMatchObject({
      firstName: target.firstName,
      lastName: target.lastName,
      region: null,
      tags: ['new-tag'],
      status: 'LAPSED',
      phone: '+447700900555',
      phones: [{ e164: '+447700900555', type: 'MOBILE', primary: true }],
      email: before.email,
    });
    const after = await snapshot(target.id);
    expect(after.phone_rows).toEqual(['+447700900555']);
    expect(after.email_rows).toEqual(before.email_rows);
    expect(after.updated_at.getTime()).toBeGreaterThanOrEqual(before.updated_at.getTime());
  });

  it.each([
    ['phone', { phones: ['12'] }, 'input.phones.0'],
    ['email', { emails: ['ok@example.org', 'bad@'] }, 'input.emails.1'],
    ['postcode', { postcode: 'ZZ' }, 'input.postcode'],
    ['supportLevel', { supportLevel: 0 }, 'input.supportLevel'],
  ])('invalid %s → VALIDATION_FAILED and the member is unchanged', async (_name, input, path) => {
    const before = await snapshot(target.id);
    const res = await t.gql(UPDATE, { id: target.id, input: { firstName: 'Changed', ...input } });
    expect(res.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors?.[0].extensions.fields?.map((f) => f.path)).toContain(path);
    expect(await snapshot(target.id)).toEqual(before);
  });

  it('leftOn before the stored joinedOn is refused', async () => {
    await t.gql(UPDATE, { id: target.id, input: { joinedOn: '2021-05-01' } });
    const res = await t.gql(UPDATE, { id: target.id, input: { leftOn: '2021-04-30' } });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'input.leftOn' }] });
  });
});

describe('tenancy: another organisation reads as not found', () => {
  const unionMember = fixture.members.find((m) => m.organisationId === UNION_ID)!;
  const scopedToOther = { 'x-organisation-id': OTHER_ID };

  it('member(id) of another organisation, an unknown id and a malformed id are NOT_FOUND', async () => {
    const own = await t.gql(READ, { id: unionMember.id }, { 'x-organisation-id': UNION_ID });
    expect(own.body.errors).toBeUndefined();
    for (const [id, headers] of [
      [unionMember.id, scopedToOther],
      ['01937000-0000-7000-8000-00000000ffff', undefined],
      ['not-a-uuid', undefined],
      ["'; DROP TABLE member; --", undefined],
    ] as const) {
      const res = await t.gql(READ, { id }, headers);
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.[0]).toMatchObject({ message: 'Member not found', extensions: { code: 'NOT_FOUND' } });
    }
  });

  it('updateMember of another organisation is NOT_FOUND and changes nothing', async () => {
    const before = await snapshot(unionMember.id);
    const res = await t.gql(UPDATE, { id: unionMember.id, input: { firstName: 'Hijacked', phones: [] } }, scopedToOther);
    expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await snapshot(unionMember.id)).toEqual(before);
  });

  it('members(organisationId) and insights of another organisation are NOT_FOUND', async () => {
    const list = await t.gql(`query($org: ID!) { members(organisationId: $org) { edges { node { id } } } }`, { org: UNION_ID }, scopedToOther);
    expect(list.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const insights = await t.gql(`query($org: ID!) { insights(organisationId: $org) { total { count } } }`, { org: UNION_ID }, scopedToOther);
    expect(insights.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const org = await t.gql(`query($id: ID!) { organisation(id: $id) { id } }`, { id: UNION_ID }, scopedToOther);
    expect(org.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const orgs = await t.gql(`{ organisations { totalCount edges { node { id } } } }`, undefined, scopedToOther);
    expect(orgs.body.data).toEqual({ organisations: { totalCount: 1, edges: [{ node: { id: OTHER_ID } }] } });
  });
});
