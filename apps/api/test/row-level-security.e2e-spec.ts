/**
 * Row-level security, proved through the application's own request context and connection pool:
 * every tenant table has policies, an unscoped `SELECT * FROM member` shows only the reached
 * organisations (nothing without reach), and the audit log is append-only for the app role.
 */
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Principal } from '../src/common/principal';
import { RequestContext, requestContextStorage, withOwnerContext, withRequestContext } from '../src/common/request-context';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(20);
const unionCount = fixture.members.filter((m) => m.organisationId === UNION_ID).length;
const otherCount = fixture.members.filter((m) => m.organisationId === OTHER_ID).length;
let t: TestApp;
let db: Client;
let ds: DataSource;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  ds = t.app.get(DataSource);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

function userPrincipal(userId: string): Principal {
  return { kind: 'USER', userId, sessionId: null, apiKeyId: null, label: 'test', via: 'BEARER', grants: [], rolesByOrganisation: new Map() };
}

/** Public tables that hold no tenant data and need no policy. */
const NOT_TENANT_TABLES = new Set(['typeorm_migrations']);

/**
 * Tables that hold tenant data (an organisation_id column, or listed tenant-like tables) yet lack
 * RLS, or have no policy for muster_app. Every other public table must be in NOT_TENANT_TABLES.
 */
async function tablesLackingPolicies(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ table: string; rls: boolean; policies: number }>(
    `SELECT c.relname AS "table", c.relrowsecurity AS rls,
            (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid
               AND (p.polroles = '{0}' OR 'muster_app'::regrole = ANY (p.polroles)))::int AS policies
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
  );
  return rows.filter((r) => !NOT_TENANT_TABLES.has(r.table) && (!r.rls || r.policies === 0)).map((r) => r.table);
}

describe('row-level security: coverage', () => {
  it('every public table (all tenant tables among them) has RLS enabled and a policy for muster_app', async () => {
    expect(await tablesLackingPolicies(db)).toEqual([]);
  });

  it('the check fails naming a new tenant table that has no policy', async () => {
    await db.query(`CREATE TABLE rls_probe (organisation_id uuid NOT NULL, id uuid NOT NULL)`);
    try {
      expect(await tablesLackingPolicies(db)).toEqual(['rls_probe']);
      await db.query(`ALTER TABLE rls_probe ENABLE ROW LEVEL SECURITY`);
      expect(await tablesLackingPolicies(db)).toEqual(['rls_probe']); // enabled but no policy
    } finally {
      await db.query(`DROP TABLE rls_probe`);
    }
  });

  it('muster_app is a plain role: no superuser, no BYPASSRLS, cannot log in', async () => {
    const { rows } = await db.query(`SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'muster_app'`);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
  });
});

describe('row-level security: an unscoped query through the application context', () => {
  const UNSCOPED = 'SELECT * FROM member';

  it('runs as muster_app with the settings of the request', async () => {
    const row = await withRequestContext(
      ds,
      'rls-identity',
      async (ctx) =>
        (await ctx.query<{ role: string; orgs: string; uid: string }>(
          `SELECT current_user AS role, current_setting('muster.organisation_ids', true) AS orgs, current_setting('muster.user_id', true) AS uid`,
        ))[0],
      { reach: { organisationIds: [UNION_ID] }, principal: userPrincipal(OTHER_ID) },
    );
    expect(row).toEqual({ role: 'muster_app', orgs: UNION_ID, uid: OTHER_ID });
  });

  it('opens in one round trip: START TRANSACTION carries the settings; then the query; then COMMIT', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pg = require('pg') as typeof import('pg');
    const sent: string[] = [];
    const original = pg.Client.prototype.query;
    const spy = jest.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string') sent.push(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    try {
      await withRequestContext(ds, 'rls-trips', (ctx) => ctx.query('SELECT 1'), { reach: { organisationIds: [UNION_ID] } });
    } finally {
      spy.mockRestore();
    }
    expect(sent).toEqual([expect.stringMatching(/^START TRANSACTION; SELECT set_config\('muster.organisation_ids', '[^']+', true\).*set_config\('role', 'muster_app', true\)$/), 'SELECT 1', 'COMMIT']);
  });

  it('returns only the reached organisation', async () => {
    const rows = await withRequestContext(ds, 'rls-union', (ctx) => ctx.query<{ organisation_id: string }>(UNSCOPED), {
      reach: { organisationIds: [UNION_ID] },
    });
    expect(unionCount).toBeGreaterThan(0);
    expect(otherCount).toBeGreaterThan(0);
    expect(rows).toHaveLength(unionCount);
    expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set([UNION_ID]));
    const phones = await withRequestContext(ds, 'rls-phones', (ctx) => ctx.query<{ organisation_id: string }>('SELECT organisation_id FROM member_phone'), {
      reach: { organisationIds: [OTHER_ID] },
    });
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((r) => r.organisation_id === OTHER_ID)).toBe(true);
  });

  it('returns nothing at all without reach, and nothing with a malformed one', async () => {
    expect(await withRequestContext(ds, 'rls-none', (ctx) => ctx.query(UNSCOPED))).toEqual([]);
    expect(await withRequestContext(ds, 'rls-bad', (ctx) => ctx.query(UNSCOPED), { reach: { organisationIds: ["x' OR true --"] } })).toEqual([]);
    expect(await withRequestContext(ds, 'rls-orgs', (ctx) => ctx.query('SELECT * FROM organisation'))).toEqual([]);
  });

  it('cannot write into another organisation or move a row out of reach', async () => {
    const other = fixture.members.find((m) => m.organisationId === OTHER_ID)!;
    const mine = fixture.members.find((m) => m.organisationId === UNION_ID)!;
    const reach = { organisationIds: [UNION_ID] };
    const updated = await withRequestContext(ds, 'rls-upd', (ctx) => ctx.query(`WITH u AS (UPDATE member SET first_name = 'X' WHERE id = $1 RETURNING id) SELECT id FROM u`, [other.id]), { reach });
    expect(updated).toEqual([]);
    await expect(
      withRequestContext(ds, 'rls-move', (ctx) => ctx.query(`UPDATE member SET organisation_id = $2 WHERE id = $1`, [mine.id, OTHER_ID]), { reach }),
    ).rejects.toThrow(/row-level security|violates foreign key|row violates/);
    const { rows } = await db.query(`SELECT first_name, organisation_id FROM member WHERE id = ANY ($1)`, [[other.id, mine.id]]);
    expect(rows).toEqual(expect.arrayContaining([{ first_name: other.firstName, organisation_id: OTHER_ID }, { first_name: mine.firstName, organisation_id: UNION_ID }]));
  });

  it('follows the reach set after the transaction opened (the auth hook after a pre-auth lookup)', async () => {
    const counts = await withRequestContext(ds, 'rls-late', async (ctx) => {
      const before = (await ctx.query(UNSCOPED)).length;
      ctx.reach = { organisationIds: [UNION_ID, OTHER_ID] };
      const after = (await ctx.query(UNSCOPED)).length;
      return { before, after };
    });
    expect(counts).toEqual({ before: 0, after: unionCount + otherCount });
  });

  it('a request over HTTP scoped to one organisation runs its transaction under that reach', async () => {
    // The preHandler's context: spy on the statement that opens it.
    const seen: string[] = [];
    const original = RequestContext.prototype.query;
    const spy = jest.spyOn(RequestContext.prototype, 'query').mockImplementation(async function (this: RequestContext, sql: string, params?: unknown[]) {
      const result = await original.call(this, sql, params);
      if (seen.length === 0) seen.push(...((await original.call(this, `SELECT current_user AS u, current_setting('muster.organisation_ids', true) AS o`)) as { u: string; o: string }[]).map((r) => `${r.u}:${r.o}`));
      return result as never;
    });
    try {
      const res = await t.gql(`query($id: ID!) { members(organisationId: $id, first: 1) { totalCount } }`, { id: UNION_ID }, { 'x-organisation-id': UNION_ID });
      expect(res.body.errors).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(seen).toEqual([`muster_app:${UNION_ID}`]);
  });

  it('the CLI owner context is not subject to RLS', async () => {
    const rows = await withOwnerContext(ds, 'owner', (ctx) => ctx.query(UNSCOPED));
    expect(rows).toHaveLength(unionCount + otherCount);
    expect(requestContextStorage.current()).toBeUndefined();
  });
});

describe('row-level security: audit log and pre-authentication lookups', () => {
  async function exists(table: string): Promise<boolean> {
    const { rows } = await db.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`public.${table}`]);
    return rows[0].ok;
  }

  it('audit_event is append-only for muster_app: INSERT and SELECT, never UPDATE or DELETE', async () => {
    expect(await exists('audit_event')).toBe(true);
    const { rows: privileges } = await db.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'muster_app' AND table_name = 'audit_event' ORDER BY 1`,
    );
    expect(privileges.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
    const reach = { organisationIds: [UNION_ID] };
    const insert = (org: string | null) => (ctx: RequestContext) =>
      ctx.query(`INSERT INTO audit_event (id, organisation_id, actor_label, action) VALUES (gen_random_uuid(), $1, 'test', 'test.append')`, [org]);
    await withRequestContext(ds, 'audit-ins', insert(UNION_ID), { reach });
    await withRequestContext(ds, 'audit-ins-null', insert(null), { reach });
    await expect(withRequestContext(ds, 'audit-ins-other', insert(OTHER_ID), { reach })).rejects.toThrow(/row-level security/);
    const seen = await withRequestContext(ds, 'audit-sel', (ctx) => ctx.query<{ organisation_id: string | null }>(`SELECT organisation_id FROM audit_event WHERE action = 'test.append'`), { reach });
    expect(seen).toEqual([{ organisation_id: UNION_ID }]); // the organisation-less one only for a signed-in request
    await expect(withRequestContext(ds, 'audit-upd', (ctx) => ctx.query(`UPDATE audit_event SET action = 'x'`), { reach })).rejects.toThrow(/permission denied/);
    await expect(withRequestContext(ds, 'audit-del', (ctx) => ctx.query(`DELETE FROM audit_event`), { reach })).rejects.toThrow(/permission denied/);
    await expect(withRequestContext(ds, 'audit-trunc', (ctx) => ctx.query(`TRUNCATE audit_event`), { reach })).rejects.toThrow(/permission denied/);
  });

  it('the lookup functions are callable by muster_app only', async () => {
    const { rows } = await db.query(
      `SELECT p.proname AS name, p.prosecdef AS definer, has_function_privilege('muster_app', p.oid, 'EXECUTE') AS app,
              has_function_privilege('public', p.oid, 'EXECUTE') AS public
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'muster\\_auth\\_%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'muster_auth_api_key', 'muster_auth_app_user', 'muster_auth_invitation', 'muster_auth_memberships', 'muster_auth_reach', 'muster_auth_session',
    ]);
    for (const row of rows) expect(row).toEqual({ name: row.name, definer: true, app: true, public: false });
    const reach = await withRequestContext(ds, 'reach', (ctx) => ctx.query<{ id: string }>(`SELECT muster_auth_reach(ARRAY[$1]::uuid[]) AS id`, [UNION_ID]));
    expect(reach.map((r) => r.id)).toContain(UNION_ID);
  });
});
