import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insight rollups (apps/api/src/insights, docs/insights.md): exact member counts per dimension and unit, kept up to
 * date by statement-level triggers on `member`, so the dashboards never scan members at request time.
 *
 * - insight_rollup: the folded counts. One row per (dimension, level, region, branch, key). `level` says which unit
 *   the row counts over: 0 = the whole organisation, 1 = one region, 2 = one branch (across regions), 3 = one region
 *   and branch. Unknown region/branch/workplace/employer are stored as '' (never NULL: they are key columns).
 * - insight_rollup_delta: append-only. The statement-level triggers on member aggregate each statement's old and new
 *   rows (transition tables) into signed counts per (region, branch, dimension, key) and append them here, one row
 *   per dimension holding parallel arrays, so concurrent writers never lock a shared row and a big statement writes
 *   few rows. Readers sum insight_rollup plus the pending deltas (filtered to their unit) in one statement, so a
 *   count is exact as soon as the writer commits. insight_rollup_fold() (run every few seconds by the insights fold
 *   job) rolls the deltas up to the four levels and adds them into insight_rollup in one transaction.
 * - insight_snapshot: once a day the fold job copies the ISSUE and TOTAL counts, so issue changes over a date range
 *   compare two snapshots without member history.
 * - insight_setting: per organisation settings of the dashboards (the small-number suppression threshold).
 *
 * Dimensions (key in brackets): TOTAL (''), STATUS, REGION, BRANCH, WORKPLACE, EMPLOYER, ISSUE (one row per distinct
 * issue of a member), JOINED / LEFT ('YYYY-MM' of joined_on / left_on, when known), EXIT ('YYYY-MM' of
 * greatest(joined_on, left_on) when both are known: the month a member leaves the month-end totals), SMS_CONSENT /
 * EMAIL_CONSENT (GRANTED, WITHDRAWN, UNKNOWN), SMS_REACHABLE / EMAIL_REACHABLE ('true' only:
 * `has_mobile AND sms_consent = 'GRANTED'`, `email IS NOT NULL AND email_consent = 'GRANTED'`).
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;

/** The member columns a rollup depends on: an UPDATE changing none of them writes no delta. */
const WATCHED = ['organisation_id', 'status', 'region', 'branch', 'workplace', 'employer', 'issues', 'joined_on', 'left_on',
  'sms_consent', 'email_consent', 'has_mobile', '(email IS NOT NULL)'];

/** Every (organisation, region, branch, dimension, key, sign) fact of the member rows in `src`. */
function facts(src: string, sign: number): string {
  return `SELECT s.organisation_id, COALESCE(s.region, '') AS region, COALESCE(s.branch, '') AS branch, f.dimension, f.key, ${sign} AS d
      FROM ${src} s CROSS JOIN LATERAL (VALUES
        ('TOTAL', ''), ('STATUS', s.status::text), ('REGION', COALESCE(s.region, '')), ('BRANCH', COALESCE(s.branch, '')),
        ('WORKPLACE', COALESCE(s.workplace, '')), ('EMPLOYER', COALESCE(s.employer, '')),
        ('JOINED', to_char(s.joined_on, 'YYYY-MM')), ('LEFT', to_char(s.left_on, 'YYYY-MM')),
        ('EXIT', to_char(GREATEST(s.joined_on, s.left_on), 'YYYY-MM') || CASE WHEN s.joined_on IS NULL OR s.left_on IS NULL THEN NULL ELSE '' END),
        ('SMS_CONSENT', s.sms_consent::text), ('EMAIL_CONSENT', s.email_consent::text),
        ('SMS_REACHABLE', CASE WHEN s.has_mobile AND s.sms_consent = 'GRANTED' THEN 'true' END),
        ('EMAIL_REACHABLE', CASE WHEN s.email IS NOT NULL AND s.email_consent = 'GRANTED' THEN 'true' END)
      ) AS f(dimension, key)
     WHERE f.key IS NOT NULL
    UNION ALL
    SELECT s.organisation_id, COALESCE(s.region, ''), COALESCE(s.branch, ''), 'ISSUE', i.issue, ${sign}
      FROM ${src} s CROSS JOIN LATERAL (SELECT DISTINCT unnest(s.issues) AS issue) i`;
}

/** Facts summed per (organisation, region, branch, dimension, key): the finest unit; zero sums dropped. */
function fine(signedFacts: string): string {
  return `SELECT organisation_id, region, branch, dimension, key, sum(d)::bigint AS d FROM (${signedFacts}) f
           GROUP BY organisation_id, region, branch, dimension, key HAVING sum(d) <> 0`;
}

/** Fine counts `src` (organisation_id, region, branch, dimension, key, d) rolled up to the four levels. */
function leveled(src: string): string {
  return `SELECT organisation_id, dimension,
           (CASE WHEN GROUPING(region) = 0 AND GROUPING(branch) = 0 THEN 3 WHEN GROUPING(branch) = 0 THEN 2
                 WHEN GROUPING(region) = 0 THEN 1 ELSE 0 END)::smallint AS level,
           COALESCE(region, '') AS region, COALESCE(branch, '') AS branch, key, sum(d)::bigint AS n
      FROM (${src}) s
     GROUP BY GROUPING SETS ((organisation_id, dimension, key), (organisation_id, dimension, key, region),
                             (organisation_id, dimension, key, branch), (organisation_id, dimension, key, region, branch))
    HAVING sum(d) <> 0`;
}

const same = (a: string, b: string): string =>
  `(${WATCHED.map((c) => (c.startsWith('(') ? c.replace('email', `${a}.email`) : `${a}.${c}`)).join(', ')}) IS NOT DISTINCT FROM
   (${WATCHED.map((c) => (c.startsWith('(') ? c.replace('email', `${b}.email`) : `${b}.${c}`)).join(', ')})`;

/**
 * One delta row per (organisation, dimension) per statement, the statement's fine counts as parallel arrays: a
 * 5,000-row INSERT appends about fifteen rows, whatever its spread over regions, branches and workplaces.
 */
function deltaInsert(signedFacts: string): string {
  return `INSERT INTO insight_rollup_delta (organisation_id, dimension, regions, branches, keys, deltas)
    SELECT organisation_id, dimension, array_agg(region), array_agg(branch), array_agg(key), array_agg(d)
      FROM (${fine(signedFacts)}) x
     GROUP BY organisation_id, dimension`;
}

/** Pending deltas as fine rows (organisation_id, region, branch, dimension, key, d). */
const DELTA_ROWS = (from: string): string =>
  `SELECT g.organisation_id, u.region, u.branch, g.dimension, u.key, u.d::bigint AS d
     FROM ${from} g CROSS JOIN LATERAL unnest(g.regions, g.branches, g.keys, g.deltas) AS u(region, branch, key, d)`;

export class InsightRollups1767100000000 implements MigrationInterface {
  name = 'InsightRollups1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "insight_rollup" (
      "organisation_id" uuid NOT NULL,
      "dimension" text NOT NULL,
      "level" smallint NOT NULL,
      "region" text COLLATE "C" NOT NULL,
      "branch" text COLLATE "C" NOT NULL,
      "key" text COLLATE "C" NOT NULL,
      "count" bigint NOT NULL,
      CONSTRAINT "insight_rollup_level_check" CHECK ("level" BETWEEN 0 AND 3),
      CONSTRAINT "insight_rollup_pkey" PRIMARY KEY ("organisation_id", "dimension", "level", "region", "branch", "key"),
      CONSTRAINT "insight_rollup_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    // The largest keys of a unit straight from an index (breakdowns and top issues send only their top rows).
    await q.query(`CREATE INDEX "insight_rollup_rank_idx" ON "insight_rollup" ("organisation_id", "dimension", "level", "region", "branch", "count" DESC, "key")`);
    // Rows that folded to zero are removed by the fold; this keeps finding them cheap.
    await q.query(`CREATE INDEX "insight_rollup_zero_idx" ON "insight_rollup" ("organisation_id") WHERE "count" = 0`);

    await q.query(`CREATE TABLE "insight_rollup_delta" (
      "organisation_id" uuid NOT NULL,
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "dimension" text NOT NULL,
      "regions" text[] NOT NULL,
      "branches" text[] NOT NULL,
      "keys" text[] NOT NULL,
      "deltas" bigint[] NOT NULL,
      CONSTRAINT "insight_rollup_delta_pkey" PRIMARY KEY ("organisation_id", "id"),
      CONSTRAINT "insight_rollup_delta_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "insight_rollup_delta_dimension_idx" ON "insight_rollup_delta" ("organisation_id", "dimension")`);

    await q.query(`CREATE TABLE "insight_snapshot" (
      "organisation_id" uuid NOT NULL,
      "day" date NOT NULL,
      "dimension" text NOT NULL,
      "level" smallint NOT NULL,
      "region" text COLLATE "C" NOT NULL,
      "branch" text COLLATE "C" NOT NULL,
      "key" text COLLATE "C" NOT NULL,
      "count" bigint NOT NULL,
      CONSTRAINT "insight_snapshot_pkey" PRIMARY KEY ("organisation_id", "dimension", "level", "region", "branch", "day", "key"),
      CONSTRAINT "insight_snapshot_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "insight_snapshot_day_idx" ON "insight_snapshot" ("organisation_id", "day")`);

    await q.query(`CREATE TABLE "insight_setting" (
      "organisation_id" uuid NOT NULL,
      "suppression_threshold" integer NOT NULL DEFAULT 5,
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_by" text NOT NULL,
      CONSTRAINT "insight_setting_threshold_check" CHECK ("suppression_threshold" BETWEEN 0 AND 1000),
      CONSTRAINT "insight_setting_pkey" PRIMARY KEY ("organisation_id"),
      CONSTRAINT "insight_setting_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id")
        ON DELETE RESTRICT ON UPDATE NO ACTION)`);

    // The application reads rollups, deltas and snapshots; only the owner-defined functions below write them.
    for (const [table, grants] of [['insight_rollup', 'SELECT'], ['insight_rollup_delta', 'SELECT'], ['insight_snapshot', 'SELECT'],
      ['insight_setting', 'SELECT, INSERT, UPDATE']] as const) {
      await q.query(`GRANT ${grants} ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }

    // Statement-level triggers on member: one aggregated INSERT of deltas per statement. SECURITY DEFINER so the
    // application role needs no write grant on the delta table (it can only add deltas by changing members).
    const variants: [suffix: string, event: string, referencing: string, signed: string][] = [
      ['ins', 'INSERT', 'NEW TABLE AS new_rows', facts('new_rows', 1)],
      ['del', 'DELETE', 'OLD TABLE AS old_rows', facts('old_rows', -1)],
      ['upd', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
        `${facts(`(SELECT o.* FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.organisation_id = o.organisation_id
                     AND n.id = o.id AND ${same('n', 'o')}))`, -1)}
         UNION ALL
         ${facts(`(SELECT n.* FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.organisation_id = n.organisation_id
                     AND o.id = n.id AND ${same('n', 'o')}))`, 1)}`],
    ];
    for (const [suffix, event, referencing, signed] of variants) {
      await q.query(`CREATE FUNCTION member_insight_rollup_${suffix}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN ${deltaInsert(signed)}; RETURN NULL; END $$`);
      // Big statements aggregate in memory rather than spilling to disk.
      await q.query(`ALTER FUNCTION member_insight_rollup_${suffix}() SET work_mem = '64MB'`);
      await q.query(`CREATE TRIGGER member_insight_rollup_${suffix} AFTER ${event} ON member
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION member_insight_rollup_${suffix}()`);
    }

    // Moves up to max_rows pending deltas into insight_rollup in one transaction (readers see either side, never
    // both), and drops rows that reached zero.
    // insight_snapshot_take(): once a day (fold job) a copy of the ISSUE and TOTAL counts, for issue changes.
    await q.query(`CREATE FUNCTION insight_rollup_fold(max_rows integer) RETURNS bigint LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE moved bigint;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('insight_rollup_fold')) THEN RETURN 0; END IF;
        WITH picked AS (
          SELECT organisation_id, id FROM insight_rollup_delta LIMIT max_rows
        ), gone AS (
          DELETE FROM insight_rollup_delta d USING picked p WHERE d.organisation_id = p.organisation_id AND d.id = p.id
          RETURNING d.organisation_id, d.dimension, d.regions, d.branches, d.keys, d.deltas
        ), summed AS (${leveled(DELTA_ROWS('gone'))})
        INSERT INTO insight_rollup AS r (organisation_id, dimension, level, region, branch, key, count)
        SELECT organisation_id, dimension, level, region, branch, key, n FROM summed
            ORDER BY organisation_id, dimension, level, region, branch, key
        ON CONFLICT (organisation_id, dimension, level, region, branch, key) DO UPDATE SET count = r.count + EXCLUDED.count;
        GET DIAGNOSTICS moved = ROW_COUNT;
        DELETE FROM insight_rollup WHERE count = 0;
        RETURN moved;
      END $$`);
    // Idempotent: organisations that already have today's snapshot are skipped.
    await q.query(`CREATE FUNCTION insight_snapshot_take() RETURNS bigint LANGUAGE plpgsql
      SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE written bigint;
      BEGIN
        INSERT INTO insight_snapshot (organisation_id, day, dimension, level, region, branch, key, count)
        SELECT x.organisation_id, current_date, x.dimension, x.level, x.region, x.branch, x.key, sum(x.n)
          FROM (SELECT organisation_id, dimension, level, region, branch, key, count AS n FROM insight_rollup WHERE dimension IN ('ISSUE', 'TOTAL')
                UNION ALL
                SELECT organisation_id, dimension, level, region, branch, key, n
                  FROM (${leveled(DELTA_ROWS(`(SELECT * FROM insight_rollup_delta WHERE dimension IN ('ISSUE', 'TOTAL'))`))}) d) x
         WHERE NOT EXISTS (SELECT 1 FROM insight_snapshot s WHERE s.organisation_id = x.organisation_id AND s.day = current_date)
         GROUP BY x.organisation_id, x.dimension, x.level, x.region, x.branch, x.key
        HAVING sum(x.n) <> 0;
        GET DIAGNOSTICS written = ROW_COUNT;
        RETURN written;
      END $$`);
    for (const fn of ['insight_rollup_fold(integer)', 'insight_snapshot_take()']) {
      await q.query(`ALTER FUNCTION ${fn} SET work_mem = '64MB'`);
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO ${ROLE}`);
    }

    // Backfill from the members already there (exact; the triggers take over from here).
    await q.query(`INSERT INTO insight_rollup (organisation_id, dimension, level, region, branch, key, count)
      SELECT organisation_id, dimension, level, region, branch, key, n FROM (${leveled(fine(facts('member', 1)))}) x`);
    await q.query(`SELECT insight_snapshot_take()`);
    // Statistics now, not at autovacuum's leisure: without them the first reads plan as if the tables were empty.
    await q.query(`ANALYZE insight_rollup, insight_rollup_delta, insight_snapshot`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const suffix of ['ins', 'del', 'upd']) {
      await q.query(`DROP TRIGGER member_insight_rollup_${suffix} ON member`);
      await q.query(`DROP FUNCTION member_insight_rollup_${suffix}()`);
    }
    await q.query(`DROP FUNCTION insight_rollup_fold(integer)`);
    await q.query(`DROP FUNCTION insight_snapshot_take()`);
    for (const table of ['insight_setting', 'insight_snapshot', 'insight_rollup_delta', 'insight_rollup']) await q.query(`DROP TABLE "${table}"`);
  }
}
