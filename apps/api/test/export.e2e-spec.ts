/**
 * GET /exports/members.csv: content and escaping, the `members` filter and order honoured (the same
 * rows in the same order as the GraphQL list), exact counts, the BOM option, input validation, who
 * may export, and the audit event.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { connect } from './support/database';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID, type FixtureMember } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';
import { EXPORT_HEADER, csvObjects, exportUrl, getExport, parseCsv } from './export.helpers';

const fixture = buildFixture();
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const ESCAPE_ORG = '01937000-0000-7000-8000-0000000000e5';
let t: TestApp;
let db: Client;
let organiser: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Escape Test', 'escape-test')`, [ESCAPE_ORG]);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }, { organisationId: ESCAPE_ORG, role: 'ORGANISER' }]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What the export must say for a fixture member (formula starts neutralised with a leading '). */
function expectedRow(m: FixtureMember): Record<string, string> {
  const safe = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
  return {
    id: m.id,
    membership_number: m.membershipNumber ?? '',
    first_name: m.firstName,
    last_name: m.lastName,
    email: m.emails[0] ?? '',
    emails: m.emails.join('; '),
    phone: safe(m.phones[0]?.e164 ?? ''),
    phones: safe(m.phones.map((p) => p.e164).join('; ')),
    postcode: m.postcode ?? '',
    region: m.region ?? '',
    branch: m.branch ?? '',
    workplace: m.workplace ?? '',
    employer: m.employer ?? '',
    status: m.status,
    joined_on: m.joinedOn ?? '',
    left_on: m.leftOn ?? '',
    tags: m.tags.join('; '),
    issues: m.issues.join('; '),
    sms_consent: m.smsConsent,
    email_consent: m.emailConsent,
    support_level: m.supportLevel === null ? '' : String(m.supportLevel),
    engagement_score: '0',
    created_at: m.createdAt,
    updated_at: m.createdAt,
  };
}

const LIST = `query List($org: ID!, $after: String, $filter: MemberFilter, $orderBy: MemberOrder) {
  members(organisationId: $org, first: 200, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;

/** The GraphQL list's ids in its order (every page), and its totalCount. */
async function listIds(filter: unknown, orderBy: unknown): Promise<{ ids: string[]; total: number }> {
  type Page = { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const res: GqlResponse<{ members: Page }> = await t.gql<{ members: Page }>(LIST, { org: UNION_ID, after, filter, orderBy }, organiser.headers);
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    const page: Page = res.body.data!.members;
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, total: page.totalCount };
    after = page.pageInfo.endCursor;
  }
}

describe('export: content', () => {
  it('streams every member of the organisation as an attachment, with a header row and every field', async () => {
    const res = await getExport(t.app, exportUrl(UNION_ID), organiser.headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="members-fixture-union-${today()}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(parseCsv(res.text)[0]).toEqual(EXPORT_HEADER);
    const rows = csvObjects(res.text);
    expect(rows).toHaveLength(union.length);
    const byId = new Map(union.map((m) => [m.id, m]));
    for (const row of rows) expect(row).toEqual(expectedRow(byId.get(row.id)!));
    // Every member with several phones / emails shows all of them, primary first.
    const several = union.find((m) => m.phones.length > 1 && m.emails.length > 1);
    if (several) {
      const row = rows.find((r) => r.id === several.id)!;
      expect(row.phones).toBe(`'${several.phones[0].e164}; ${several.phones[1].e164}`);
      expect(row.emails).toBe(several.emails.join('; '));
    }
  });

  it('starts with a UTF-8 byte order mark with bom=1, and only then', async () => {
    const res = await getExport(t.app, exportUrl(UNION_ID, { bom: '1' }), organiser.headers);
    expect(res.status).toBe(200);
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(res.raw.subarray(3).toString('utf8'))).toHaveLength(union.length + 1);
    const off = await getExport(t.app, exportUrl(UNION_ID, { bom: '0' }), organiser.headers);
    expect(off.raw[0]).toBe('i'.charCodeAt(0));
  });

  it('quotes commas, quotes and line breaks, neutralises formula starts, and keeps non-ASCII text', async () => {
    const id = uuidv7();
    await db.query(
      `INSERT INTO member (organisation_id, id, first_name, last_name, email, region, branch, workplace, employer, tags, issues)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [ESCAPE_ORG, id, '=HYPERLINK("http://evil.example","x")', 'Jones, "Jr"', '@evil@example.org', 'Line one\nLine two',
        '+1+2', '-2-3', 'Siân Dún £5\r\nCRLF', ['=cmd', 'plain'], ['@pay']],
    );
    await db.query(`INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position) VALUES ($1, $2, $3, $4, true, 0)`,
      [ESCAPE_ORG, uuidv7(), id, '@evil@example.org']);
    const res = await getExport(t.app, exportUrl(ESCAPE_ORG), organiser.headers);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(res.text).toContain(`"Jones, ""Jr"""`);
    const [row] = csvObjects(res.text);
    expect(row).toMatchObject({
      first_name: `'=HYPERLINK("http://evil.example","x")`,
      last_name: 'Jones, "Jr"',
      email: "'@evil@example.org",
      emails: "'@evil@example.org",
      region: 'Line one\nLine two',
      branch: "'+1+2",
      workplace: "'-2-3",
      employer: 'Siân Dún £5\r\nCRLF',
      tags: "'=cmd; plain",
      issues: "'@pay",
    });
    expect(res.headers['content-disposition']).toBe(`attachment; filename="members-escape-test-${today()}.csv"`);
    // No cell of the file starts a formula.
    for (const record of parseCsv(res.text)) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('HEAD answers with the same status and headers, reads nothing and audits nothing', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: exportUrl(UNION_ID), headers: organiser.headers });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-disposition']).toBe(`attachment; filename="members-fixture-union-${today()}.csv"`);
    expect(head.body).toBe('');
    // An export audits as its response closes: once a later GET's event is there, the HEAD's would be too.
    const get = await getExport(t.app, exportUrl(UNION_ID), organiser.headers);
    await waitForAudit(String(get.headers['x-request-id']));
    const rows = await db.query(`SELECT 1 FROM audit_event WHERE request_id = $1`, [String(head.headers['x-request-id'])]);
    expect(rows.rowCount).toBe(0);
    const viewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
    expect((await t.app.inject({ method: 'HEAD', url: exportUrl(UNION_ID), headers: viewer.headers })).statusCode).toBe(403);
  });

  it('an organisation with no members gives the header row only', async () => {
    const empty = '01937000-0000-7000-8000-0000000000e6';
    await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Empty', 'empty')`, [empty]);
    const user = await createTestUser(t.databaseUrl, [{ organisationId: empty, role: 'CLIENT_ADMIN' }]);
    const res = await getExport(t.app, exportUrl(empty), user.headers);
    expect(res.status).toBe(200);
    expect(parseCsv(res.text)).toEqual([EXPORT_HEADER]);
  });
});

describe('export: the members filter and order', () => {
  const cases: [string, unknown, unknown][] = [
    ['no filter, default order', null, null],
    ['status in, joined DESC', { status: { in: ['LAPSED', 'LEFT'] } }, { field: 'JOINED_ON', direction: 'DESC' }],
    ['tags containsAll, first name', { tags: { containsAll: ['rep'] } }, { field: 'FIRST_NAME', direction: 'ASC' }],
    ['or / not nesting, membership number DESC', { or: [{ region: { eq: 'Wales' } }, { not: { smsConsent: { eq: 'GRANTED' } } }] },
      { field: 'MEMBERSHIP_NUMBER', direction: 'DESC' }],
    ['joinedOn range, created ASC', { joinedOn: { gte: '2015-01-01', lte: '2021-12-31' } }, { field: 'CREATED_AT', direction: 'ASC' }],
    ['search (sorted without the index)', { search: 'jo' }, { field: 'CREATED_AT', direction: 'DESC' }],
    ['nobody matches', { region: { eq: 'Atlantis' } }, null],
  ];

  it.each(cases)('%s: the same rows in the same order as the members list', async (_name, filter, orderBy) => {
    const params: Record<string, unknown> = {};
    if (filter !== null) params.filter = filter;
    if (orderBy !== null) params.orderBy = orderBy;
    const res = await getExport(t.app, exportUrl(UNION_ID, params), organiser.headers);
    expect(res.status).toBe(200);
    const ids = csvObjects(res.text).map((r) => r.id);
    const list = await listIds(filter, orderBy);
    expect(ids).toEqual(list.ids);
    expect(ids).toHaveLength(list.total);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('exports past the batch size without skipping or repeating a row (keyset continuation on every sort)', async () => {
    const big = '01937000-0000-7000-8000-0000000000e7';
    await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Batch Test', 'batch-test')`, [big]);
    // 4,500 members (batches of 2,000) with heavy ties on every sort key, created in the same microsecond groups.
    await db.query(
      `INSERT INTO member (organisation_id, id, first_name, last_name, membership_number, joined_on, created_at)
       SELECT $1, gen_random_uuid(), 'F' || (g % 3), 'L' || (g % 5), CASE WHEN g % 4 = 0 THEN NULL ELSE 'M' || (g % 7) END,
              CASE WHEN g % 6 = 0 THEN NULL ELSE date '2020-01-01' + (g % 9) END,
              timestamptz '2024-01-01 00:00:00.123456+00' + (g % 11) * interval '1 microsecond'
         FROM generate_series(1, 4500) g`, [big]);
    const user = await createTestUser(t.databaseUrl, [{ organisationId: big, role: 'ORGANISER' }]);
    const all = (await db.query<{ id: string }>(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id`, [big])).rows.map((r) => r.id);
    for (const field of ['LAST_NAME', 'FIRST_NAME', 'JOINED_ON', 'CREATED_AT', 'MEMBERSHIP_NUMBER']) {
      for (const direction of ['ASC', 'DESC']) {
        const res = await getExport(t.app, exportUrl(big, { orderBy: { field, direction } }), user.headers);
        const ids = csvObjects(res.text).map((r) => r.id);
        expect(ids).toHaveLength(4500);
        expect([...ids].sort()).toEqual(all);
      }
    }
  });

  it('refuses a filter or order the members query would refuse, in the one error shape', async () => {
    const bad: [Record<string, string | unknown>, string][] = [
      [{ filter: '{not json' }, 'filter'],
      [{ filter: { regoin: { eq: 'Wales' } } }, 'filter'],
      [{ filter: { status: { eq: 'SLEEPING' } } }, 'filter.status.eq'],
      [{ filter: { joinedOn: { gte: '2020-13-45' } } }, 'filter.joinedOn.gte'],
      [{ filter: { search: 'x'.repeat(201) } }, 'filter.search'],
      [{ orderBy: { field: 'SHOE_SIZE' } }, 'orderBy.field'],
      [{ bom: 'yes' }, 'bom'],
    ];
    for (const [params, path] of bad) {
      const res = await getExport(t.app, exportUrl(UNION_ID, params), organiser.headers);
      expect(res.status).toBe(400);
      expect(res.json!.data).toBeNull();
      expect(res.json!.errors[0].extensions.code).toBe('VALIDATION_FAILED');
      expect(res.json!.errors[0].extensions.requestId).toEqual(expect.any(String));
      expect(res.json!.errors[0].extensions.fields!.map((f) => f.path)).toContain(path);
    }
    const missing = await getExport(t.app, exportUrl(null), organiser.headers);
    expect(missing.status).toBe(400);
    expect(missing.json!.errors[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('export: who may export', () => {
  it.each([['ORGANISER'], ['CLIENT_ADMIN'], ['AGENCY_ADMIN']] as const)('%s may', async (role) => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role }]);
    const res = await getExport(t.app, exportUrl(UNION_ID), user.headers);
    expect(res.status).toBe(200);
    expect(csvObjects(res.text)).toHaveLength(union.length);
  });

  it.each([['VOLUNTEER'], ['CLIENT_VIEWER']] as const)('%s is FORBIDDEN, and no CSV is sent', async (role) => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role }]);
    const res = await getExport(t.app, exportUrl(UNION_ID), user.headers);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ data: null, errors: [{ message: expect.any(String), extensions: { code: 'FORBIDDEN', requestId: expect.any(String) } }] });
  });

  it('an API key with an exporting role may; a volunteer key may not', async () => {
    const key = await createTestApiKey(t.databaseUrl, UNION_ID, 'CLIENT_ADMIN');
    const ok = await getExport(t.app, exportUrl(UNION_ID), key.headers);
    expect(ok.status).toBe(200);
    expect(csvObjects(ok.text)).toHaveLength(union.length);
    const volunteer = await createTestApiKey(t.databaseUrl, UNION_ID, 'VOLUNTEER');
    const refused = await getExport(t.app, exportUrl(UNION_ID), volunteer.headers);
    expect(refused.status).toBe(403);
    expect(refused.json!.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('anonymous callers and unusable tokens are UNAUTHENTICATED', async () => {
    for (const headers of [{}, { authorization: 'Bearer mst_s_nonsense' }, { authorization: 'Basic abc' }] as Record<string, string>[]) {
      const res = await getExport(t.app, exportUrl(UNION_ID), headers);
      expect(res.status).toBe(401);
      expect(res.json!.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a browser link with the session cookie downloads without a CSRF header (a GET changes nothing); the cookie alone still cannot use GraphQL', async () => {
    const cookie = `muster_session=${organiser.token}; muster_csrf=abc123`;
    for (const headers of [{ cookie }, { cookie, 'x-csrf-token': 'abc123' }] as Record<string, string>[]) {
      const ok = await getExport(t.app, exportUrl(UNION_ID), headers);
      expect(ok.status).toBe(200);
      expect(csvObjects(ok.text)).toHaveLength(union.length);
    }
    const other = await getExport(t.app, exportUrl(OTHER_ID), { cookie });
    expect(other.status).toBe(404);
    const gql = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify({ query: '{ viewer { user { id } } }' }) });
    expect(gql.statusCode).toBe(403);
    expect(JSON.parse(gql.body).errors[0].extensions.code).toBe('CSRF_FAILED');
  });
});

describe('export: the audit log', () => {
  it('records member.export with the organisation, the filter and the exact row count', async () => {
    const filter = { status: { eq: 'ACTIVE' } };
    const res = await getExport(t.app, exportUrl(UNION_ID, { filter }), organiser.headers);
    expect(res.status).toBe(200);
    const requestId = String(res.headers['x-request-id']);
    const expected = union.filter((m) => m.status === 'ACTIVE').length;
    expect(csvObjects(res.text)).toHaveLength(expected);
    const event = await waitForAudit(requestId);
    expect(event).toMatchObject({
      action: 'member.export', organisation_id: UNION_ID, actor_user_id: organiser.userId, target_type: 'member',
      details: { filter: { status: { eq: 'ACTIVE' } }, orderBy: null, rowCount: expected, complete: true },
    });
  });

  it('writes nothing for a refused export', async () => {
    const viewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
    const res = await getExport(t.app, exportUrl(UNION_ID), viewer.headers);
    expect(res.status).toBe(403);
    const rows = await db.query(`SELECT 1 FROM audit_event WHERE request_id = $1`, [String(res.headers['x-request-id'])]);
    expect(rows.rowCount).toBe(0);
  });
});

/** The audit event is written as the response closes: wait for that condition (no fixed sleep). */
async function waitForAudit(requestId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 500; i++) {
    const rows = await db.query(`SELECT * FROM audit_event WHERE request_id = $1 AND action = 'member.export'`, [requestId]);
    if (rows.rowCount) return rows.rows[0];
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no member.export audit event for request ${requestId}`);
}
