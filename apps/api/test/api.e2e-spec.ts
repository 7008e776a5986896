import type { Client } from 'pg';
import { connect, adminQuery } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(30);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
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

function expectNoStack(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
  expect(text).not.toContain('"stack"');
}

describe('one error shape', () => {
  it('a syntax error is BAD_REQUEST (HTTP 400) with a request id and no stack', async () => {
    const res = await t.gql('{ members(organisationId: ', undefined, { 'x-request-id': 'req-syntax-1' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/Syntax Error/), locations: expect.any(Array), extensions: { code: 'BAD_REQUEST', requestId: 'req-syntax-1' } }],
    });
    expectNoStack(res.body);
  });

  it('an unknown field and a wrong variable type are BAD_REQUEST', async () => {
    const unknown = await t.gql('{ organisations { nope } }');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].extensions.code).toBe('BAD_REQUEST');
    const variable = await t.gql('query($id: ID!) { member(id: $id) { id } }', { id: { not: 'an id' } });
    expect(variable.body.errors?.[0].extensions.code).toBe('BAD_REQUEST');
    expectNoStack(variable.body);
  });

  it('a body that is not JSON is BAD_REQUEST in the same shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expectNoStack(body);
  });

  it('a query nested deeper than the limit is QUERY_TOO_COMPLEX', async () => {
    const deep = `{ members(organisationId: "${UNION_ID}") { edges { node { phones { e164 } } } } }`;
    expect((await t.gql(deep)).body.errors).toBeUndefined();
    const tooDeep = `query { a: members(organisationId: "${UNION_ID}") { edges { node { phones { e164 } } } }
      b: __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }`;
    const res = await t.gql(tooDeep);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('an unexpected failure is INTERNAL with a generic message, logged with the request id', async () => {
    // Break the database under the API: the resolver's query fails in a way no module expects.
    await db.query('ALTER TABLE member RENAME COLUMN branch TO branch_gone');
    try {
      const res = await t.gql(`query($org: ID!) { members(organisationId: $org) { edges { node { id } } } }`, { org: UNION_ID }, { 'x-request-id': 'req-internal-1' });
      expect(res.body.errors).toEqual([
        { message: expect.stringMatching(/Something went wrong/), path: ['members'], locations: expect.any(Array), extensions: { code: 'INTERNAL', requestId: 'req-internal-1' } },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('branch');
      expectNoStack(res.body);
      const logged = t.logs.find((l) => l.requestId === 'req-internal-1' && l.level === 50);
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged)).toContain('branch');
    } finally {
      await db.query('ALTER TABLE member RENAME COLUMN branch_gone TO branch');
    }
  });
});

describe('request ids and logs', () => {
  it('echoes an incoming x-request-id and logs JSON lines carrying it', async () => {
    const res = await t.gql('{ organisations { edges { node { id } } } }', undefined, { 'x-request-id': 'trace-abc-123' });
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const lines = t.logs.filter((l) => l.requestId === 'trace-abc-123');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
  });

  it('generates one when none (or a malformed one) is sent', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await t.app.inject({ method: 'GET', url: '/health' });
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });
});

describe('organisations', () => {
  it('lists organisations as a connection, paged by name', async () => {
    const first = await t.gql<{ organisations: { totalCount: number; edges: { node: { id: string; name: string; slug: string; kind: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      '{ organisations(first: 1) { totalCount edges { node { id name slug kind } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(first.body.data!.organisations).toMatchObject({
      totalCount: 2,
      edges: [{ node: { id: UNION_ID, name: 'Fixture Union', slug: 'fixture-union', kind: 'CLIENT' } }],
      pageInfo: { hasNextPage: true },
    });
    const second = await t.gql<{ organisations: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      'query($after: String) { organisations(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
      { after: first.body.data!.organisations.pageInfo.endCursor },
    );
    expect(second.body.data!.organisations).toEqual({ edges: [{ node: { id: OTHER_ID } }], pageInfo: { hasNextPage: false } });
  });

  it('organisation(id) finds one; unknown and malformed ids are NOT_FOUND', async () => {
    const found = await t.gql('query($id: ID!) { organisation(id: $id) { name } }', { id: OTHER_ID });
    expect(found.body.data).toEqual({ organisation: { name: 'Other Campaign' } });
    for (const id of ['01937000-0000-7000-8000-00000000ffff', 'zzz']) {
      const res = await t.gql('query($id: ID!) { organisation(id: $id) { name } }', { id });
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
  });
});

describe('insights', () => {
  it('computes totals, by status, by region, top issues and monthly movement (suppression off)', async () => {
    const off = await t.gql(`mutation($org: ID!) { updateInsightSettings(organisationId: $org, suppressionThreshold: 0) { suppressionThreshold } }`, { org: UNION_ID });
    expect(off.body.errors).toBeUndefined();
    const res = await t.gql<{ insights: Record<string, unknown> }>(
      `query($org: ID!) { insights(organisationId: $org) { organisationId total { count }
         status: breakdown(dimension: STATUS) { rows { key count } } region: breakdown(dimension: REGION, limit: 500) { rows { key count } }
         topIssues(limit: 2) { key count } membershipByMonth(months: 240) { month joiners { count } leavers { count } net { count } } } }`,
      { org: UNION_ID },
    );
    expect(res.body.errors).toBeUndefined();
    type Cell = { count: number };
    const insights = res.body.data!.insights as {
      total: Cell;
      status: { rows: { key: string; count: number }[] };
      region: { rows: { key: string; count: number }[] };
      topIssues: { key: string; count: number }[];
      membershipByMonth: { month: string; joiners: Cell; leavers: Cell; net: Cell }[];
    };
    const tally = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
    expect(insights.total.count).toBe(union.length);
    expect(Object.fromEntries(insights.status.rows.map((r) => [r.key, r.count]))).toEqual(tally(union.map((m) => m.status)));
    expect(Object.fromEntries(insights.region.rows.map((r) => [r.key, r.count]))).toEqual(tally(union.map((m) => m.region ?? '')));
    const issues = Object.entries(tally(union.flatMap((m) => m.issues))).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(insights.topIssues).toEqual(issues.slice(0, 2).map(([key, count]) => ({ key, count })));
    const months = insights.membershipByMonth;
    expect(months).toHaveLength(240);
    expect(months.every((m) => m.net.count === m.joiners.count - m.leavers.count)).toBe(true);
    expect(months.reduce((s, m) => s + m.joiners.count, 0)).toBe(union.filter((m) => m.joinedOn && m.joinedOn >= `${months[0].month}-01`).length);
    expect(months.reduce((s, m) => s + m.leavers.count, 0)).toBe(union.filter((m) => m.leftOn && m.leftOn >= `${months[0].month}-01`).length);
    expect(months[months.length - 1].month).toBe(new Date().toISOString().slice(0, 7));
  });

  it('the first dashboard\'s unsuppressed fields are gone (they returned small counts to client viewers)', async () => {
    const res = await t.gql(`query($org: ID!) { insights(organisationId: $org) { totalMembers } }`, { org: UNION_ID });
    expect(res.body.errors?.[0].message).toMatch(/totalMembers/);
  });
});

describe('health', () => {
  it('is ok while the database is up, 503 once it is gone', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/health' });
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ status: 'ok', database: 'ok' });

    // Last test of the file: drop this file's database under the running API.
    await db.end();
    const name = new URL(t.databaseUrl).pathname.slice(1);
    await adminQuery(`DROP DATABASE "${name}" WITH (FORCE)`);
    const down = await t.app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ status: 'unavailable', database: 'unavailable' });
  });
});
