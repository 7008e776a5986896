import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security (docs/security.md, "Row-level security"). Requests run as the non-owner role
 * `muster_app` (`SET LOCAL ROLE` in the request's transaction, common/request-context.ts) with
 * `muster.organisation_ids` (comma-separated uuids) and `muster.user_id` set LOCAL; every tenant
 * table lets muster_app see and write only rows of those organisations. Unset or empty → no rows.
 *
 * Policies are made for every table that has an `organisation_id` column when this runs, so the
 * tables of earlier migrations are all covered; a later migration adding a tenant table must add
 * its own policy and grants (test/row-level-security.e2e-spec.ts fails naming any table without).
 * Tables are ENABLEd, not FORCEd: the owner is the migration/CLI role (migrate, seed), and the app
 * never runs a request as the owner.
 *
 * The role is cluster-wide and shared by every database on the server (tests clone many): created
 * only if missing, tolerant of a concurrent creator, and never dropped by `down`, which removes only
 * this database's grants, policies and functions.
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;
const SELF = `(nullif(current_setting('muster.user_id', true), '')::uuid)`;
/** Tables with their own policies below instead of the generic tenant policy. */
const SPECIAL = ['audit_event', 'organisation'];

/** Pre-authentication lookups (SECURITY DEFINER: they read past RLS, one narrow question each). */
const LOOKUPS: { table: string; name: string; sql: string }[] = [
  {
    table: 'session',
    name: 'muster_auth_session(text)',
    sql: `CREATE FUNCTION muster_auth_session(p_token_hash public.session.token_hash%TYPE) RETURNS SETOF public.session
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT * FROM public.session WHERE token_hash = p_token_hash $f$`,
  },
  {
    table: 'api_key',
    name: 'muster_auth_api_key(text)',
    sql: `CREATE FUNCTION muster_auth_api_key(p_prefix public.api_key.prefix%TYPE) RETURNS SETOF public.api_key
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT * FROM public.api_key WHERE prefix = p_prefix $f$`,
  },
  {
    table: 'app_user',
    name: 'muster_auth_app_user(text)',
    sql: `CREATE FUNCTION muster_auth_app_user(p_email public.app_user.email%TYPE) RETURNS SETOF public.app_user
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT * FROM public.app_user WHERE email = lower(p_email) $f$`,
  },
  {
    table: 'invitation',
    name: 'muster_auth_invitation(text)',
    sql: `CREATE FUNCTION muster_auth_invitation(p_token_hash public.invitation.token_hash%TYPE) RETURNS SETOF public.invitation
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT * FROM public.invitation WHERE token_hash = p_token_hash $f$`,
  },
  {
    table: 'membership',
    name: 'muster_auth_memberships(uuid)',
    sql: `CREATE FUNCTION muster_auth_memberships(p_user_id uuid) RETURNS SETOF public.membership
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT * FROM public.membership WHERE user_id = p_user_id $f$`,
  },
  {
    table: 'organisation',
    name: 'muster_auth_reach(uuid[])',
    // The granted organisations and all their descendants: what a principal's roles reach.
    sql: `CREATE FUNCTION muster_auth_reach(p_organisation_ids uuid[]) RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ WITH RECURSIVE reach(id) AS (
               SELECT id FROM public.organisation WHERE id = ANY (p_organisation_ids)
               UNION SELECT o.id FROM public.organisation o JOIN reach r ON o.parent_id = r.id)
             SELECT id FROM reach $f$`,
  },
];

export class RowLevelSecurity1765000000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN
        BEGIN
          CREATE ROLE ${ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration won the race
        END;
      END IF;
      -- The connecting role must be able to SET ROLE to it (superusers always can).
      IF NOT pg_has_role(current_user, '${ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${ROLE} TO %I', current_user);
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);

    const tenantTables = await this.tenantTables(q);
    for (const table of tenantTables) {
      if (SPECIAL.includes(table)) continue;
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }

    // Organisations are read-only to the app; a request sees the organisations it reaches.
    await q.query(`GRANT SELECT ON TABLE "organisation" TO ${ROLE}`);
    await q.query(`ALTER TABLE "organisation" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY muster_tenant ON "organisation" FOR SELECT TO ${ROLE} USING (id = ANY ${REACH})`);

    if (tenantTables.includes('audit_event')) {
      // Append-only for the app: no UPDATE or DELETE grant, so no policy can allow them.
      // Events without an organisation (failed sign-ins) are written by anyone and read by an
      // authenticated request only; the audit:read capability check decides who sees them.
      await q.query(`GRANT SELECT, INSERT ON TABLE "audit_event" TO ${ROLE}`);
      await q.query(`ALTER TABLE "audit_event" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_audit_insert ON "audit_event" FOR INSERT TO ${ROLE}
        WITH CHECK (organisation_id IS NULL OR organisation_id = ANY ${REACH})`);
      await q.query(`CREATE POLICY muster_audit_select ON "audit_event" FOR SELECT TO ${ROLE}
        USING (organisation_id = ANY ${REACH} OR (organisation_id IS NULL AND ${SELF} IS NOT NULL))`);
    }
    if (tenantTables.includes('membership')) {
      // A principal reads its own memberships wherever they are (the viewer's roles).
      await q.query(`CREATE POLICY muster_membership_self ON "membership" FOR SELECT TO ${ROLE} USING (user_id = ${SELF})`);
    }
    if (await this.exists(q, 'app_user')) {
      await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE "app_user" TO ${ROLE}`);
      await q.query(`ALTER TABLE "app_user" ENABLE ROW LEVEL SECURITY`);
      // Oneself, and the users holding a role in an organisation the request reaches.
      await q.query(`CREATE POLICY muster_user_select ON "app_user" FOR SELECT TO ${ROLE} USING (
        id = ${SELF} OR EXISTS (SELECT 1 FROM membership m WHERE m.user_id = app_user.id AND m.organisation_id = ANY ${REACH}))`);
      // Accepting an invitation creates the user before anyone is signed in.
      await q.query(`CREATE POLICY muster_user_insert ON "app_user" FOR INSERT TO ${ROLE} WITH CHECK (true)`);
      await q.query(`CREATE POLICY muster_user_update ON "app_user" FOR UPDATE TO ${ROLE} USING (id = ${SELF}) WITH CHECK (id = ${SELF})`);
    }
    if (await this.exists(q, 'session')) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "session" TO ${ROLE}`);
      await q.query(`ALTER TABLE "session" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_session_self ON "session" FOR ALL TO ${ROLE} USING (user_id = ${SELF}) WITH CHECK (user_id = ${SELF})`);
    }
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ROLE}`);

    for (const lookup of LOOKUPS) {
      if (!(await this.exists(q, lookup.table))) continue;
      await q.query(lookup.sql);
      const fn = lookup.name.slice(0, lookup.name.indexOf('('));
      await q.query(`DO $$ DECLARE f regprocedure; BEGIN
        SELECT p.oid::regprocedure INTO f FROM pg_proc p WHERE p.proname = '${fn}' AND p.pronamespace = 'public'::regnamespace;
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO ${ROLE}', f);
      END $$`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const lookup of LOOKUPS) {
      const fn = lookup.name.slice(0, lookup.name.indexOf('('));
      await q.query(`DO $$ DECLARE f regprocedure; BEGIN
        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p WHERE p.proname = '${fn}' AND p.pronamespace = 'public'::regnamespace LOOP
          EXECUTE format('DROP FUNCTION %s', f);
        END LOOP;
      END $$`);
    }
    const policies: { table: string; policy: string }[] = await q.query(
      `SELECT tablename AS "table", policyname AS policy FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'muster\\_%'`,
    );
    for (const { table, policy } of policies) await q.query(`DROP POLICY "${policy}" ON "${table}"`);
    const tables: { table: string }[] = await q.query(
      `SELECT c.relname AS "table" FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity`,
    );
    for (const { table } of tables) await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    // This database's grants only; the role itself stays (other databases on the server use it).
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ROLE}`);
    await q.query(`REVOKE ALL ON SCHEMA public FROM ${ROLE}`);
  }

  private async tenantTables(q: QueryRunner): Promise<string[]> {
    const rows: { table: string }[] = await q.query(
      `SELECT c.relname AS "table" FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attname = 'organisation_id' AND NOT a.attisdropped
        ORDER BY c.relname`,
    );
    return rows.map((r) => r.table);
  }

  private async exists(q: QueryRunner, table: string): Promise<boolean> {
    const rows: { ok: boolean }[] = await q.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [`public.${table}`]);
    return rows[0]?.ok === true;
  }
}
