import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate review and merge history (apps/api/src/dedupe, docs/dedupe-and-export.md).
 *
 * - member_duplicate_suggestion: the open review queue, recomputed set-based by refreshDuplicateSuggestions.
 *   One row per (rule, matched value): the group of members sharing it. `rule` is text with a CHECK (not an enum)
 *   and matched_value is C-collated, so the queue's keyset page (rule, matched_value) stays an index range under
 *   row-level security (text comparisons are leakproof; enum ones are not).
 * - member_duplicate_dismissal: groups marked "not a duplicate"; a refresh never suggests a group whose members
 *   all lie inside one dismissed group.
 * - member_merge: one row per merge, with full JSON snapshots (merged members with their phones and emails, the
 *   survivor before and after) and exactly which rows of which tables moved or were removed, so unmergeMembers can
 *   put everything back. Kept after an unmerge (undone_at) as history; never deleted by the application.
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;
export const DUPLICATE_RULE_CHECK = `"rule" IN ('SAME_EMAIL', 'SAME_MOBILE', 'SAME_NAME_POSTCODE')`;

const TABLES: [table: string, grants: string][] = [
  ['member_duplicate_suggestion', 'SELECT, INSERT, UPDATE, DELETE'],
  ['member_duplicate_dismissal', 'SELECT, INSERT'],
  ['member_merge', 'SELECT, INSERT, UPDATE'],
];

export class MemberDuplicates1766200000000 implements MigrationInterface {
  name = 'MemberDuplicates1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "member_duplicate_suggestion" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "rule" text NOT NULL,
      "matched_value" text COLLATE "C" NOT NULL,
      "member_ids" uuid array NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "member_duplicate_suggestion_rule_check" CHECK (${DUPLICATE_RULE_CHECK}),
      CONSTRAINT "member_duplicate_suggestion_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "member_duplicate_suggestion_rule_value_key" ON "member_duplicate_suggestion" ("organisation_id", "rule", "matched_value")`);
    await q.query(`ALTER TABLE "member_duplicate_suggestion" ADD CONSTRAINT "member_duplicate_suggestion_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "member_duplicate_dismissal" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "rule" text NOT NULL,
      "matched_value" text NOT NULL,
      "member_ids" uuid array NOT NULL,
      "created_by" text NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "member_duplicate_dismissal_rule_check" CHECK (${DUPLICATE_RULE_CHECK}),
      CONSTRAINT "member_duplicate_dismissal_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`ALTER TABLE "member_duplicate_dismissal" ADD CONSTRAINT "member_duplicate_dismissal_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "member_merge" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "survivor_id" uuid NOT NULL,
      "merged_ids" uuid array NOT NULL,
      "merged_names" text array NOT NULL,
      "suggestion_id" uuid,
      "survivor_before" jsonb NOT NULL,
      "survivor_after" jsonb NOT NULL,
      "merged_members" jsonb NOT NULL,
      "added_rows" jsonb NOT NULL,
      "moved_rows" jsonb NOT NULL,
      "removed_rows" jsonb NOT NULL,
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "undone_at" TIMESTAMP(3) WITH TIME ZONE,
      "undone_by" text,
      CONSTRAINT "member_merge_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "member_merge_created_idx" ON "member_merge" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "member_merge_survivor_idx" ON "member_merge" ("organisation_id", "survivor_id")`);
    await q.query(`ALTER TABLE "member_merge" ADD CONSTRAINT "member_merge_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    for (const [table, grants] of TABLES) {
      await q.query(`GRANT ${grants} ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of [...TABLES].reverse()) await q.query(`DROP TABLE "${table}"`);
  }
}
