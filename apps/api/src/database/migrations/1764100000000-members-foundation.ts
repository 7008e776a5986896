import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, members and their phones and emails. Every tenant table's key and every index
 * leads with organisation_id (so the data can later be distributed by organisation). The
 * expression indexes back the keyset sorts and the prefix search of the members list; the
 * entities name them with synchronize: false.
 */
export class MembersFoundation1764100000000 implements MigrationInterface {
  name = 'MembersFoundation1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gin lets a GIN index lead with organisation_id (trusted extension: no superuser needed).
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('AGENCY', 'CLIENT', 'UNIT')`);
    await q.query(`CREATE TABLE "organisation" (
      "id" uuid NOT NULL,
      "parent_id" uuid,
      "kind" "public"."organisation_kind" NOT NULL,
      "name" text NOT NULL,
      "slug" text NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "organisation_pkey" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "organisation_slug_key" ON "organisation" ("slug")`);
    await q.query(`CREATE INDEX "organisation_parent_id_idx" ON "organisation" ("parent_id")`);
    await q.query(`CREATE INDEX "organisation_name_sort" ON "organisation" (lower("name"), "id")`);
    await q.query(`ALTER TABLE "organisation" ADD CONSTRAINT "organisation_parent_id_fkey"
      FOREIGN KEY ("parent_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TYPE "public"."member_status" AS ENUM('ACTIVE', 'LAPSED', 'LEFT')`);
    await q.query(`CREATE TYPE "public"."consent_status" AS ENUM('GRANTED', 'WITHDRAWN', 'UNKNOWN')`);
    await q.query(`CREATE TABLE "member" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "first_name" text NOT NULL,
      "last_name" text NOT NULL,
      "email" text,
      "phone" text,
      "postcode" text,
      "region" text,
      "branch" text,
      "workplace" text,
      "employer" text,
      "membership_number" text,
      "status" "public"."member_status" NOT NULL DEFAULT 'ACTIVE',
      "joined_on" date,
      "left_on" date,
      "tags" text array NOT NULL DEFAULT '{}',
      "issues" text array NOT NULL DEFAULT '{}',
      "sms_consent" "public"."consent_status" NOT NULL DEFAULT 'UNKNOWN',
      "email_consent" "public"."consent_status" NOT NULL DEFAULT 'UNKNOWN',
      "support_level" smallint,
      "engagement_score" integer NOT NULL DEFAULT '0',
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "member_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`ALTER TABLE "member" ADD CONSTRAINT "member_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Keyset sorts: each is (organisation, non-null sort key(s), id), matching MEMBER_SORTS exactly.
    await q.query(`CREATE INDEX "member_last_name_sort" ON "member" ("organisation_id", lower("last_name"), lower("first_name"), "id")`);
    await q.query(`CREATE INDEX "member_first_name_sort" ON "member" ("organisation_id", lower("first_name"), lower("last_name"), "id")`);
    await q.query(`CREATE INDEX "member_joined_on_sort" ON "member" ("organisation_id", COALESCE("joined_on", 'infinity'::date), "id")`);
    await q.query(`CREATE INDEX "member_created_at_sort" ON "member" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "member_membership_number_sort" ON "member" ("organisation_id", COALESCE("membership_number", ''), "id")`);
    // Prefix search (LIKE 'abc%') needs text_pattern_ops whatever the database collation.
    await q.query(`CREATE INDEX "member_last_name_prefix" ON "member" ("organisation_id", lower("last_name") text_pattern_ops)`);
    await q.query(`CREATE INDEX "member_first_name_prefix" ON "member" ("organisation_id", lower("first_name") text_pattern_ops)`);
    await q.query(`CREATE INDEX "member_tags_gin" ON "member" USING gin ("organisation_id", "tags")`);
    await q.query(`CREATE INDEX "member_issues_gin" ON "member" USING gin ("organisation_id", "issues")`);
    await q.query(`CREATE INDEX "member_status_idx" ON "member" ("organisation_id", "status")`);
    await q.query(`CREATE INDEX "member_region_idx" ON "member" ("organisation_id", "region")`);
    await q.query(`CREATE INDEX "member_branch_idx" ON "member" ("organisation_id", "branch")`);

    await q.query(`CREATE TYPE "public"."phone_type" AS ENUM('MOBILE', 'LANDLINE', 'UNKNOWN')`);
    await q.query(`CREATE TABLE "member_phone" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "e164" text NOT NULL,
      "type" "public"."phone_type" NOT NULL DEFAULT 'UNKNOWN',
      "is_primary" boolean NOT NULL DEFAULT false,
      "position" smallint NOT NULL,
      CONSTRAINT "member_phone_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "member_phone_member_idx" ON "member_phone" ("organisation_id", "member_id", "position")`);
    await q.query(`CREATE INDEX "member_phone_e164_prefix" ON "member_phone" ("organisation_id", "e164" text_pattern_ops)`);
    await q.query(`ALTER TABLE "member_phone" ADD CONSTRAINT "member_phone_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "member_email" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "address" text NOT NULL,
      "is_primary" boolean NOT NULL DEFAULT false,
      "position" smallint NOT NULL,
      CONSTRAINT "member_email_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "member_email_member_idx" ON "member_email" ("organisation_id", "member_id", "position")`);
    await q.query(`CREATE INDEX "member_email_address_prefix" ON "member_email" ("organisation_id", "address" text_pattern_ops)`);
    await q.query(`ALTER TABLE "member_email" ADD CONSTRAINT "member_email_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "member_email"`);
    await q.query(`DROP TABLE "member_phone"`);
    await q.query(`DROP TYPE "public"."phone_type"`);
    await q.query(`DROP TABLE "member"`);
    await q.query(`DROP TYPE "public"."consent_status"`);
    await q.query(`DROP TYPE "public"."member_status"`);
    await q.query(`DROP TABLE "organisation"`);
    await q.query(`DROP TYPE "public"."organisation_kind"`);
    // btree_gin stays: other objects may use it and dropping an extension is not ours to decide.
  }
}
