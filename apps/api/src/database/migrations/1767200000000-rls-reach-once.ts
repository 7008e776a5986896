import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Performance of row-level security on large scans (found benchmarking segment counts at 1M members, bench/segments):
 * the standard tenant policy `organisation_id = ANY (string_to_array(current_setting(…), ',')::uuid[])` is a STABLE
 * expression that PostgreSQL evaluates once per ROW when it is a filter (a sequential or bitmap scan): splitting the
 * reach string and parsing every uuid again for each of a million rows. For an agency admin reaching 15 organisations a
 * count over 1M members took 9.6 s instead of 0.6 s. Wrapped in a scalar subquery it becomes an InitPlan, evaluated once
 * per statement; as an index condition it works exactly as before (`organisation_id = ANY ($0)`).
 *
 * Rewrites every `muster_tenant` policy that has exactly the standard USING and WITH CHECK expressions (the tables with
 * other policies are left alone); down() restores them. Same rows visible, same checks: only when the reach is computed.
 */
const STANDARD = `(organisation_id = ANY ((string_to_array(current_setting('muster.organisation_ids'::text, true), ','::text))::uuid[]))`;
const ONCE = `organisation_id = ANY ((SELECT string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])::uuid[])`;
const OLD = `organisation_id = ANY (string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;

async function rewrite(q: QueryRunner, fromQual: string, to: string): Promise<void> {
  const rows = (await q.query(
    `SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'muster_tenant' AND cmd = 'ALL'
        AND qual = $1 AND with_check = $1 ORDER BY tablename`,
    [fromQual],
  )) as { tablename: string }[];
  for (const { tablename } of rows) {
    await q.query(`ALTER POLICY muster_tenant ON "${tablename}" USING (${to}) WITH CHECK (${to})`);
  }
}

export class RlsReachOnce1767200000000 implements MigrationInterface {
  name = 'RlsReachOnce1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await rewrite(q, STANDARD, ONCE);
  }

  async down(q: QueryRunner): Promise<void> {
    const once = (await q.query(
      `SELECT qual FROM pg_policies WHERE schemaname = 'public' AND policyname = 'muster_tenant' AND qual LIKE '%SELECT string_to_array%' LIMIT 1`,
    )) as { qual: string }[];
    if (once.length > 0) await rewrite(q, once[0].qual, OLD);
  }
}
