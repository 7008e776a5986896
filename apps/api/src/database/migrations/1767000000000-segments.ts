import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segments (apps/api/src/segment, docs/segments.md).
 *
 * - segment: a saved, named filter over members. `definition` is the stable JSON form of @muster/domain's
 *   SegmentDefinition; `referenced_segment_ids` lists the segments whose snapshots it uses (deleting or unfreezing
 *   one of those is refused while it is listed here). `frozen_at` set: the segment's members are its snapshot.
 * - segment_member: the snapshot rows of a frozen segment. Members deleted later leave it (ON DELETE CASCADE); a merge
 *   re-points the rows to the survivor like the rest of a member's history (dedupe-merge.repository historyTables).
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;

export class Segments1767000000000 implements MigrationInterface {
  name = 'Segments1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "segment" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "definition" jsonb NOT NULL,
      "referenced_segment_ids" uuid array NOT NULL DEFAULT '{}',
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "frozen_at" TIMESTAMP(3) WITH TIME ZONE,
      CONSTRAINT "segment_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "segment_created_idx" ON "segment" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE UNIQUE INDEX "segment_name_key" ON "segment" ("organisation_id", lower("name"))`);
    await q.query(`ALTER TABLE "segment" ADD CONSTRAINT "segment_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "segment_member" (
      "organisation_id" uuid NOT NULL,
      "segment_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      CONSTRAINT "segment_member_pkey" PRIMARY KEY ("organisation_id", "segment_id", "member_id"))`);
    await q.query(`CREATE INDEX "segment_member_member_idx" ON "segment_member" ("organisation_id", "member_id")`);
    await q.query(`ALTER TABLE "segment_member" ADD CONSTRAINT "segment_member_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "segment_member" ADD CONSTRAINT "segment_member_segment_fkey"
      FOREIGN KEY ("organisation_id", "segment_id") REFERENCES "segment"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "segment_member" ADD CONSTRAINT "segment_member_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    for (const table of ['segment', 'segment_member']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE}
        USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "segment_member"`);
    await q.query(`DROP TABLE "segment"`);
  }
}
