import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name and membership-number sorts in the "C" collation. Byte order is the same on every server
 * whatever its locale (PostgreSQL 15 here, 18 embedded), and a C-collated btree also answers prefix
 * LIKEs as a range, so a surname search sorted by surname is one short index range instead of a scan.
 * The separate text_pattern_ops prefix indexes become redundant and go.
 */
export class MemberSortsCCollation1764200000000 implements MigrationInterface {
  name = 'MemberSortsCCollation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "member_last_name_sort"`);
    await q.query(`DROP INDEX "member_first_name_sort"`);
    await q.query(`DROP INDEX "member_membership_number_sort"`);
    await q.query(`DROP INDEX "member_last_name_prefix"`);
    await q.query(`DROP INDEX "member_first_name_prefix"`);
    await q.query(`CREATE INDEX "member_last_name_sort" ON "member" ("organisation_id", (lower("last_name") COLLATE "C"), (lower("first_name") COLLATE "C"), "id")`);
    await q.query(`CREATE INDEX "member_first_name_sort" ON "member" ("organisation_id", (lower("first_name") COLLATE "C"), (lower("last_name") COLLATE "C"), "id")`);
    await q.query(`CREATE INDEX "member_membership_number_sort" ON "member" ("organisation_id", (COALESCE("membership_number", '') COLLATE "C"), "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "member_last_name_sort"`);
    await q.query(`DROP INDEX "member_first_name_sort"`);
    await q.query(`DROP INDEX "member_membership_number_sort"`);
    await q.query(`CREATE INDEX "member_last_name_sort" ON "member" ("organisation_id", lower("last_name"), lower("first_name"), "id")`);
    await q.query(`CREATE INDEX "member_first_name_sort" ON "member" ("organisation_id", lower("first_name"), lower("last_name"), "id")`);
    await q.query(`CREATE INDEX "member_membership_number_sort" ON "member" ("organisation_id", COALESCE("membership_number", ''), "id")`);
    await q.query(`CREATE INDEX "member_last_name_prefix" ON "member" ("organisation_id", lower("last_name") text_pattern_ops)`);
    await q.query(`CREATE INDEX "member_first_name_prefix" ON "member" ("organisation_id", lower("first_name") text_pattern_ops)`);
  }
}
