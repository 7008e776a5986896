import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and access: users, their roles per organisation, sessions, invitations, API keys, the
 * audit log and volunteer assignments. Tokens, key secrets and invitation links are stored only
 * as SHA-256 hashes; passwords as argon2id. Row-level-security policies for these tables come in
 * the later RLS migration.
 */
export class AuthAndAccess1764300000000 implements MigrationInterface {
  name = 'AuthAndAccess1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."app_role" AS ENUM('AGENCY_ADMIN', 'ORGANISER', 'VOLUNTEER', 'CLIENT_ADMIN', 'CLIENT_VIEWER')`);

    await q.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "password_hash" text,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "app_user_email_key" ON "app_user" ("email")`);

    await q.query(`CREATE TABLE "membership" ("organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "public"."app_role" NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "membership_pkey" PRIMARY KEY ("organisation_id", "user_id"))`);
    // The sign-in path looks a user's roles up by user, before any organisation is known.
    await q.query(`CREATE INDEX "membership_user_id_idx" ON "membership" ("user_id")`);
    await q.query(`ALTER TABLE "membership" ADD CONSTRAINT "membership_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "session" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" text NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
      "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "user_agent" text, "ip" text,
      CONSTRAINT "session_pkey" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "session_token_hash_key" ON "session" ("token_hash")`);
    await q.query(`CREATE INDEX "session_user_id_idx" ON "session" ("user_id")`);
    await q.query(`ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "invitation" ("organisation_id" uuid NOT NULL, "id" uuid NOT NULL, "email" text NOT NULL,
      "role" "public"."app_role" NOT NULL, "token_hash" text NOT NULL, "invited_by" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "accepted_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "invitation_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation" ("token_hash")`);
    await q.query(`ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "api_key" ("organisation_id" uuid NOT NULL, "id" uuid NOT NULL, "name" text NOT NULL,
      "role" "public"."app_role" NOT NULL, "prefix" text NOT NULL, "secret_hash" text NOT NULL, "created_by" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
      "revoked_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "api_key_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "api_key_prefix_key" ON "api_key" ("prefix")`);
    await q.query(`ALTER TABLE "api_key" ADD CONSTRAINT "api_key_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // No foreign keys: the log outlives the users, keys and organisations it mentions.
    await q.query(`CREATE TABLE "audit_event" ("id" uuid NOT NULL, "organisation_id" uuid, "actor_user_id" uuid, "actor_api_key_id" uuid,
      "actor_label" text NOT NULL, "action" text NOT NULL, "target_type" text, "target_ids" text array NOT NULL DEFAULT '{}',
      "ip" text, "user_agent" text, "request_id" text, "details" jsonb,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "audit_event_organisation_created_idx" ON "audit_event" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "audit_event_created_idx" ON "audit_event" ("created_at", "id")`);

    await q.query(`CREATE TABLE "volunteer_assignment" ("organisation_id" uuid NOT NULL, "id" uuid NOT NULL, "user_id" uuid NOT NULL,
      "member_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "volunteer_assignment_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "volunteer_assignment_user_member_key" ON "volunteer_assignment" ("organisation_id", "user_id", "member_id")`);
    await q.query(`ALTER TABLE "volunteer_assignment" ADD CONSTRAINT "volunteer_assignment_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "volunteer_assignment" ADD CONSTRAINT "volunteer_assignment_member_fkey" FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "volunteer_assignment"`);
    await q.query(`DROP TABLE "audit_event"`);
    await q.query(`DROP TABLE "api_key"`);
    await q.query(`DROP TABLE "invitation"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "membership"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP TYPE "public"."app_role"`);
  }
}
