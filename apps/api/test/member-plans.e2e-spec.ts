/**
 * The members list stays index-backed under row-level security. With RLS on, PostgreSQL evaluates the
 * policy before any condition that is not LEAKPROOF, and only leakproof conditions may become index
 * conditions; a search written with lower()/LIKE/COALESCE silently turns into a Filter over the whole
 * organisation (measured: ~6 name searches/s at 1M members). So: capture the SQL the API really sends
 * for each search, sort and keyset page, EXPLAIN it as muster_app with the request's settings, and
 * require every search and keyset condition to appear in an Index Cond and in no Filter. Sequential
 * scans are switched off so the tiny fixture cannot hide the question behind a seq scan.
 * Also: the trigger-kept sort keys follow every write.
 */
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RequestContext, withRequestContext } from '../src/common/request-context';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(40);
let t: TestApp;
let db: Client;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  await db.query('ANALYZE member; ANALYZE member_phone; ANALYZE member_email');
  ds = t.app.get(DataSource);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

const PAGE = `query($org: ID!, $first: Int, $after: String, $filter: MemberFilter, $orderBy: MemberOrder) {
  members(organisationId: $org, first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id lastName } } pageInfo { endCursor }
  }
}`;

/** The member page SELECT(s) the API sends for one GraphQL call. */
async function capturePageSql(variables: Record<string, unknown>): Promise<{ sql: string; params: unknown[] }[]> {
  const seen: { sql: string; params: unknown[] }[] = [];
  const original = RequestContext.prototype.query;
  const spy = jest.spyOn(RequestContext.prototype, 'query').mockImplementation(function (this: RequestContext, sql: string, params?: unknown[]) {
    if (/^SELECT m\.organisation_id, m\.id/.test(sql) && /ORDER BY/.test(sql)) seen.push({ sql, params: params ?? [] });
    return original.call(this, sql, params) as never;
  });
  try {
    const res = await t.gql(PAGE, { org: UNION_ID, first: 5, ...variables });
    expect(res.body.errors).toBeUndefined();
  } finally {
    spy.mockRestore();
  }
  expect(seen.length).toBeGreaterThan(0);
  return seen;
}

/** EXPLAIN as the application role, under the policy, with seq scans off. */
async function explainAsApp(sql: string, params: unknown[]): Promise<string> {
  const rows = await withRequestContext(
    ds,
    'plan',
    async (ctx) => {
      await ctx.query('SET LOCAL enable_seqscan = off');
      await ctx.query('SET LOCAL enable_bitmapscan = off');
      return ctx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
    },
    { reach: { organisationIds: [UNION_ID] } },
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

function linesOf(plan: string, kind: 'Index Cond' | 'Filter'): string {
  return plan.split('\n').filter((l) => l.trim().startsWith(`${kind}:`)).join('\n');
}

const cursorOf = async (variables: Record<string, unknown>) => {
  const res = await t.gql<{ members: { pageInfo: { endCursor: string } } }>(PAGE, { org: UNION_ID, first: 2, ...variables });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.members.pageInfo.endCursor;
};

describe('member list plans under row-level security (as muster_app)', () => {
  // Selective terms (one member's own phone and email), so the cheapest plan is the search's own index.
  const withPhone = fixture.members.find((m) => m.organisationId === UNION_ID && m.phones.length > 0)!;
  const withEmail = fixture.members.find((m) => m.organisationId === UNION_ID && m.emails.length > 0)!;
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['surname search', { filter: { search: 'smi' } }, /last_name_key >= .*last_name_key < /],
    ['first name + surname search', { filter: { search: 'jo sm' }, orderBy: { field: 'FIRST_NAME', direction: 'ASC' } }, /first_name_key >= .*first_name_key < /],
    ['phone search', { filter: { search: withPhone.phones[0].e164 } }, /e164 ~>=~ .*e164 ~<~ /],
    ['email search', { filter: { search: withEmail.emails[0] } }, /address ~>=~ .*address ~<~ /],
  ];

  it.each(cases)('%s: the prefix range is an Index Cond, never a Filter', async (_name, variables, range) => {
    const [{ sql, params }] = await capturePageSql(variables);
    const plan = await explainAsApp(sql, params);
    if (process.env.SHOW_PLANS) console.log(sql, params, plan);
    expect(linesOf(plan, 'Index Cond')).toMatch(range);
    expect(linesOf(plan, 'Filter')).not.toMatch(/_key|e164|address|lower\(|~~/);
  });

  const sorts = ['LAST_NAME', 'FIRST_NAME', 'JOINED_ON', 'CREATED_AT', 'MEMBERSHIP_NUMBER'];
  it.each(sorts)('sort %s: the next page continues inside the sort index (keyset in the Index Cond)', async (field) => {
    const orderBy = { field, direction: 'ASC' };
    const after = await cursorOf({ orderBy });
    const [{ sql, params }] = await capturePageSql({ orderBy, after });
    const plan = await explainAsApp(sql, params);
    expect(plan).toMatch(/Index (Only )?Scan using member_\w+_sort/);
    expect(linesOf(plan, 'Index Cond')).toMatch(/ROW\(.*\) > ROW\(/);
    expect(linesOf(plan, 'Filter')).toBe('');
  });

  it('the same checks fail for a non-leakproof condition (the test can tell)', async () => {
    const plan = await explainAsApp(
      `SELECT m.id FROM member m WHERE m.organisation_id = $1 AND lower(m.last_name) LIKE 'smi%' ORDER BY m.last_name_key, m.first_name_key, m.id LIMIT 5`,
      [UNION_ID],
    );
    expect(linesOf(plan, 'Filter')).toMatch(/lower\(/);
  });
});

describe('trigger-kept sort keys', () => {
  it('are set on insert and follow every update, whoever writes', async () => {
    const id = fixture.members.find((m) => m.organisationId === UNION_ID)!.id;
    await db.query(`UPDATE member SET last_name = 'ÉTIENNE-Ørsted', first_name = 'Zoë', joined_on = NULL, membership_number = 'M-9' WHERE id = $1`, [id]);
    const { rows } = await db.query(`SELECT last_name_key, first_name_key, joined_on_key::text, membership_number_key FROM member WHERE id = $1`, [id]);
    expect(rows[0]).toEqual({ last_name_key: 'étienne-ørsted', first_name_key: 'zoë', joined_on_key: 'infinity', membership_number_key: 'M-9' });
    await db.query(`UPDATE member SET membership_number = NULL, joined_on = '2021-03-04' WHERE id = $1`, [id]);
    const again = await db.query(`SELECT joined_on_key::text, membership_number_key FROM member WHERE id = $1`, [id]);
    expect(again.rows[0]).toEqual({ joined_on_key: '2021-03-04', membership_number_key: '' });
  });

  it('a renamed member is found by the new name through the API and not by the old one', async () => {
    const id = fixture.members.find((m) => m.organisationId === UNION_ID)!.id;
    await db.query(`UPDATE member SET last_name = 'Quorndon' WHERE id = $1`, [id]);
    const found = await t.gql<{ members: { edges: { node: { id: string } }[] } }>(PAGE, { org: UNION_ID, first: 5, filter: { search: 'quorn' } });
    expect(found.body.data!.members.edges.map((e) => e.node.id)).toEqual([id]);
    const old = await t.gql<{ members: { edges: { node: { id: string } }[] } }>(PAGE, { org: UNION_ID, first: 5, filter: { search: 'étienne' } });
    expect(old.body.data!.members.edges.map((e) => e.node.id)).not.toContain(id);
  });

  it('the application role cannot see or write the keys through the API schema (no field exposes them)', async () => {
    const res = await t.gql(`query($org: ID!) { members(organisationId: $org, first: 1) { edges { node { lastNameKey } } } }`, { org: UNION_ID });
    expect(res.body.errors?.[0].message).toMatch(/Cannot query field "lastNameKey"/);
  });
});
