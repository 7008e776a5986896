import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public action pages and tracked links (apps/api/src/action-page, apps/api/src/tracked-link, docs/action-pages.md).
 *
 * - tracked_link: a short link to an action's public page, optionally for one member (the page is then pre-filled
 *   through a signed token) and carrying the channel and the volunteer or staff member credited with what it brings.
 *   `code` is random (unguessable) and unique across organisations: GET /l/:code finds the organisation from it.
 * - link_click: one row per click (when, whose link, a keyed hash of the IP: never the IP itself), for unique
 *   clickers; tracked_link keeps the running click_count / first / last click.
 * - action_page_submission: one row per accepted form submission. `nonce` is the single-use form nonce: the unique
 *   key makes a replayed POST change nothing. Member history: the rows follow a member merge (dedupe historyTables).
 */
const ROLE = 'muster_app';
const REACH = `((SELECT string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])::uuid[])`;
export const LINK_CHANNEL_CHECK = `"channel" IN ('CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF')`;
const TABLES = ['tracked_link', 'link_click', 'action_page_submission'];

export class ActionPages1768300000000 implements MigrationInterface {
  name = 'ActionPages1768300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "tracked_link" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "code" text NOT NULL,
      "action_id" uuid NOT NULL,
      "member_id" uuid,
      "channel" text NOT NULL,
      "credited_user_id" uuid,
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "click_count" integer NOT NULL DEFAULT '0',
      "first_clicked_at" TIMESTAMP(3) WITH TIME ZONE,
      "last_clicked_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "tracked_link_channel_check" CHECK (${LINK_CHANNEL_CHECK}),
      CONSTRAINT "tracked_link_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "tracked_link_code_key" ON "tracked_link" ("code")`);
    await q.query(`CREATE INDEX "tracked_link_action_idx" ON "tracked_link" ("organisation_id", "action_id", "created_at")`);
    await q.query(`CREATE INDEX "tracked_link_member_idx" ON "tracked_link" ("organisation_id", "member_id")`);
    await q.query(`ALTER TABLE "tracked_link" ADD CONSTRAINT "tracked_link_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "tracked_link" ADD CONSTRAINT "tracked_link_action_fkey"
      FOREIGN KEY ("organisation_id", "action_id") REFERENCES "action"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "tracked_link" ADD CONSTRAINT "tracked_link_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "link_click" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "link_id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "member_id" uuid,
      "ip_hash" text,
      "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "link_click_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "link_click_action_idx" ON "link_click" ("organisation_id", "action_id", "at")`);
    await q.query(`CREATE INDEX "link_click_link_idx" ON "link_click" ("organisation_id", "link_id", "at")`);
    await q.query(`CREATE INDEX "link_click_member_idx" ON "link_click" ("organisation_id", "member_id")`);
    await q.query(`ALTER TABLE "link_click" ADD CONSTRAINT "link_click_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "link_click" ADD CONSTRAINT "link_click_link_fkey"
      FOREIGN KEY ("organisation_id", "link_id") REFERENCES "tracked_link"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "link_click" ADD CONSTRAINT "link_click_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "action_page_submission" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "nonce" text NOT NULL,
      "member_id" uuid NOT NULL,
      "response_id" uuid,
      "donation_id" uuid,
      "link_id" uuid,
      "redirect_url" text,
      "member_created" boolean NOT NULL,
      "ip_hash" text,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "action_page_submission_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "action_page_submission_nonce_key" ON "action_page_submission" ("organisation_id", "nonce")`);
    await q.query(`CREATE INDEX "action_page_submission_action_idx" ON "action_page_submission" ("organisation_id", "action_id", "created_at")`);
    await q.query(`CREATE INDEX "action_page_submission_member_idx" ON "action_page_submission" ("organisation_id", "member_id")`);
    await q.query(`ALTER TABLE "action_page_submission" ADD CONSTRAINT "action_page_submission_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_page_submission" ADD CONSTRAINT "action_page_submission_action_fkey"
      FOREIGN KEY ("organisation_id", "action_id") REFERENCES "action"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_page_submission" ADD CONSTRAINT "action_page_submission_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "action_page_submission"`);
    await q.query(`DROP TABLE "link_click"`);
    await q.query(`DROP TABLE "tracked_link"`);
  }
}
