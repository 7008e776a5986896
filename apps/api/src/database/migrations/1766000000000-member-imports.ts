import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member imports (docs/imports.md): the uploaded file in ~1 MiB chunks, the import with its settings,
 * checkpoint and report, rejected rows, saved column mappings, and consent records (with the import as
 * their source). Every table is tenant data: organisation_id leads the primary key and every index, RLS
 * with the muster_tenant policy, grants to muster_app (as in 1765000000000-row-level-security.ts).
 *
 * member.sms_consent / member.email_consent follow the latest consent_record: a statement-level trigger
 * with a transition table copies the newest status of each inserted (member, channel) to the member, set
 * based (one UPDATE per INSERT statement, not one per row).
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;
const TABLES = ['member_import', 'import_file_chunk', 'import_reject', 'import_mapping', 'consent_record'];

export class MemberImports1766000000000 implements MigrationInterface {
  name = 'MemberImports1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "import_status" AS ENUM ('ANALYSED', 'DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'DRY_RUN_DONE',
      'QUEUED', 'RUNNING', 'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED')`);
    await q.query(`CREATE TABLE "member_import" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "file_name" text NOT NULL,
      "byte_size" bigint NOT NULL DEFAULT 0,
      "chunk_count" integer NOT NULL DEFAULT 0,
      "encoding" text NOT NULL,
      "delimiter" text NOT NULL,
      "has_header" boolean NOT NULL,
      "status" "import_status" NOT NULL DEFAULT 'ANALYSED',
      "columns" jsonb NOT NULL DEFAULT '[]',
      "match_order" text array NOT NULL DEFAULT '{MEMBERSHIP_NUMBER,EMAIL,MOBILE}',
      "keep_existing" text array NOT NULL DEFAULT '{}',
      "settings_version" integer NOT NULL DEFAULT 1,
      "dry_run" jsonb,
      "dry_run_version" integer,
      "dry_run_samples" jsonb NOT NULL DEFAULT '[]',
      "run_kind" text,
      "total_rows" integer,
      "rows_done" integer NOT NULL DEFAULT 0,
      "bytes_done" bigint NOT NULL DEFAULT 0,
      "created_count" integer NOT NULL DEFAULT 0,
      "updated_count" integer NOT NULL DEFAULT 0,
      "unchanged_count" integer NOT NULL DEFAULT 0,
      "rejected_count" integer NOT NULL DEFAULT 0,
      "run_samples" jsonb NOT NULL DEFAULT '[]',
      "run_started_at" timestamptz(3),
      "active_seconds" double precision NOT NULL DEFAULT 0,
      "started_at" timestamptz(3),
      "finished_at" timestamptz(3),
      "error" text,
      "lease_owner" text,
      "heartbeat_at" timestamptz(3),
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "created_at" timestamptz(3) NOT NULL DEFAULT now(),
      "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT "member_import_pkey" PRIMARY KEY ("organisation_id", "id"),
      CONSTRAINT "member_import_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "member_import_history_idx" ON "member_import" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE TABLE "import_file_chunk" (
      "organisation_id" uuid NOT NULL,
      "import_id" uuid NOT NULL,
      "seq" integer NOT NULL,
      "data" bytea NOT NULL,
      CONSTRAINT "import_file_chunk_pkey" PRIMARY KEY ("organisation_id", "import_id", "seq"),
      CONSTRAINT "import_file_chunk_import_fkey" FOREIGN KEY ("organisation_id", "import_id") REFERENCES "member_import"("organisation_id", "id") ON DELETE CASCADE
    )`);
    // The chunks are already compact CSV bytes, rarely compressible enough to pay for pglz at 1 MiB.
    await q.query(`ALTER TABLE "import_file_chunk" ALTER COLUMN "data" SET STORAGE EXTERNAL`);
    await q.query(`CREATE TABLE "import_reject" (
      "organisation_id" uuid NOT NULL,
      "import_id" uuid NOT NULL,
      "run_kind" text NOT NULL,
      "row_number" integer NOT NULL,
      "fields" text array NOT NULL,
      "reasons" text array NOT NULL,
      CONSTRAINT "import_reject_pkey" PRIMARY KEY ("organisation_id", "import_id", "run_kind", "row_number"),
      CONSTRAINT "import_reject_import_fkey" FOREIGN KEY ("organisation_id", "import_id") REFERENCES "member_import"("organisation_id", "id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE TABLE "import_mapping" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "name" text NOT NULL,
      "columns" jsonb NOT NULL,
      "created_by" text NOT NULL,
      "created_at" timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT "import_mapping_pkey" PRIMARY KEY ("organisation_id", "id"),
      CONSTRAINT "import_mapping_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE UNIQUE INDEX "import_mapping_name_key" ON "import_mapping" ("organisation_id", "name")`);

    await q.query(`CREATE TYPE "consent_channel" AS ENUM ('SMS', 'EMAIL')`);
    await q.query(`CREATE TYPE "consent_record_status" AS ENUM ('GRANTED', 'WITHDRAWN')`);
    await q.query(`CREATE TYPE "consent_source" AS ENUM ('IMPORT', 'ACTION_PAGE', 'KEYWORD', 'STAFF')`);
    await q.query(`CREATE TABLE "consent_record" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "channel" "consent_channel" NOT NULL,
      "status" "consent_record_status" NOT NULL,
      "source" "consent_source" NOT NULL,
      "source_id" uuid,
      "wording" text,
      "recorded_by" text,
      "recorded_at" timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT "consent_record_pkey" PRIMARY KEY ("organisation_id", "id"),
      CONSTRAINT "consent_record_member_fkey" FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "consent_record_member_idx" ON "consent_record" ("organisation_id", "member_id", "channel", "recorded_at")`);
    await q.query(`CREATE INDEX "consent_record_source_idx" ON "consent_record" ("organisation_id", "source_id")`);
    await q.query(`CREATE FUNCTION "consent_record_follow"() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        UPDATE member m
           SET sms_consent = COALESCE(l.sms::text::consent_status, m.sms_consent),
               email_consent = COALESCE(l.email::text::consent_status, m.email_consent)
          FROM (SELECT organisation_id, member_id,
                       (array_agg(status ORDER BY recorded_at DESC, id DESC) FILTER (WHERE channel = 'SMS'))[1] AS sms,
                       (array_agg(status ORDER BY recorded_at DESC, id DESC) FILTER (WHERE channel = 'EMAIL'))[1] AS email
                  FROM new_records GROUP BY organisation_id, member_id) l
         WHERE m.organisation_id = l.organisation_id AND m.id = l.member_id
           AND (m.sms_consent IS DISTINCT FROM COALESCE(l.sms::text::consent_status, m.sms_consent)
             OR m.email_consent IS DISTINCT FROM COALESCE(l.email::text::consent_status, m.email_consent));
        RETURN NULL;
      END $f$`);
    await q.query(`CREATE TRIGGER "consent_record_follow" AFTER INSERT ON "consent_record"
      REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION "consent_record_follow"()`);

    // The job runner's one question across organisations: which imports lost their worker (no heartbeat
    // within the lease) and must be resumed. SECURITY DEFINER like the auth lookups: ids only.
    await q.query(`CREATE FUNCTION muster_import_stale(p_lease_seconds integer) RETURNS TABLE (organisation_id uuid, id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ SELECT i.organisation_id, i.id FROM public.member_import i
              WHERE i.status IN ('DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING')
                AND COALESCE(i.heartbeat_at, i.updated_at) < now() - make_interval(secs => p_lease_seconds) $f$`);
    await q.query(`REVOKE ALL ON FUNCTION muster_import_stale(integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION muster_import_stale(integer) TO ${ROLE}`);

    // An import into an empty or fresh organisation grows the member tables faster than autovacuum analyses them,
    // and with stale statistics the per-key lookups stop using the right index. The runner calls this (as the
    // owner: muster_app may not ANALYZE) when the rows it wrote have grown several-fold.
    await q.query(`CREATE FUNCTION muster_import_analyze() RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $f$ ANALYZE public.member, public.member_email, public.member_phone $f$`);
    await q.query(`REVOKE ALL ON FUNCTION muster_import_analyze() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION muster_import_analyze() TO ${ROLE}`);

    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION muster_import_analyze()`);
    await q.query(`DROP FUNCTION muster_import_stale(integer)`);
    await q.query(`DROP TABLE "consent_record"`);
    await q.query(`DROP FUNCTION "consent_record_follow"()`);
    await q.query(`DROP TYPE "consent_source"`);
    await q.query(`DROP TYPE "consent_record_status"`);
    await q.query(`DROP TYPE "consent_channel"`);
    await q.query(`DROP TABLE "import_mapping"`);
    await q.query(`DROP TABLE "import_reject"`);
    await q.query(`DROP TABLE "import_file_chunk"`);
    await q.query(`DROP TABLE "member_import"`);
    await q.query(`DROP TYPE "import_status"`);
  }
}
