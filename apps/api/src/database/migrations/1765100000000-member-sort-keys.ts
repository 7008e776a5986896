import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored sort and search keys on member, so that name searches and keyset pages stay index range scans
 * under row-level security.
 *
 * Why: with RLS on, PostgreSQL evaluates the policy before any condition that is not LEAKPROOF, and only
 * leakproof conditions may become index conditions. `lower()`, `LIKE` and `COALESCE` are not leakproof, so
 * `lower(last_name) LIKE 'smi%'` over an expression index became a Filter across the organisation's whole
 * range (~6 searches/s at 1M members). Plain columns compared with `>=` / `<` (text_ge/text_lt, leakproof)
 * are index conditions again.
 *
 * The keys are ordinary columns kept by a BEFORE trigger (not GENERATED columns, which TypeORM's drift
 * check cannot read back), so every writer (API, seed, imports, psql) gets them right. Never written by the
 * application; never exposed in the API.
 */
export class MemberSortKeys1765100000000 implements MigrationInterface {
  name = 'MemberSortKeys1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member"
      ADD COLUMN "last_name_key" text COLLATE "C",
      ADD COLUMN "first_name_key" text COLLATE "C",
      ADD COLUMN "joined_on_key" date,
      ADD COLUMN "membership_number_key" text COLLATE "C"`);
    await q.query(`CREATE FUNCTION "member_sort_keys"() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        NEW.last_name_key := lower(NEW.last_name);
        NEW.first_name_key := lower(NEW.first_name);
        NEW.joined_on_key := COALESCE(NEW.joined_on, 'infinity'::date);
        NEW.membership_number_key := COALESCE(NEW.membership_number, '');
        RETURN NEW;
      END $f$`);
    await q.query(`CREATE TRIGGER "member_sort_keys" BEFORE INSERT OR UPDATE ON "member" FOR EACH ROW EXECUTE FUNCTION "member_sort_keys"()`);
    // Fills every existing row (the trigger recomputes the keys on this no-op update).
    await q.query(`UPDATE "member" SET "first_name" = "first_name"`);
    await q.query(`ALTER TABLE "member"
      ALTER COLUMN "last_name_key" SET NOT NULL,
      ALTER COLUMN "first_name_key" SET NOT NULL,
      ALTER COLUMN "joined_on_key" SET NOT NULL,
      ALTER COLUMN "membership_number_key" SET NOT NULL`);
    for (const name of ['member_last_name_sort', 'member_first_name_sort', 'member_joined_on_sort', 'member_membership_number_sort']) {
      await q.query(`DROP INDEX "${name}"`);
    }
    await q.query(`CREATE INDEX "member_last_name_sort" ON "member" ("organisation_id", "last_name_key", "first_name_key", "id")`);
    await q.query(`CREATE INDEX "member_first_name_sort" ON "member" ("organisation_id", "first_name_key", "last_name_key", "id")`);
    await q.query(`CREATE INDEX "member_joined_on_sort" ON "member" ("organisation_id", "joined_on_key", "id")`);
    await q.query(`CREATE INDEX "member_membership_number_sort" ON "member" ("organisation_id", "membership_number_key", "id")`);
    await q.query(`ANALYZE "member"`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['member_last_name_sort', 'member_first_name_sort', 'member_joined_on_sort', 'member_membership_number_sort']) {
      await q.query(`DROP INDEX "${name}"`);
    }
    await q.query(`DROP TRIGGER "member_sort_keys" ON "member"`);
    await q.query(`DROP FUNCTION "member_sort_keys"()`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "last_name_key", DROP COLUMN "first_name_key", DROP COLUMN "joined_on_key", DROP COLUMN "membership_number_key"`);
    await q.query(`CREATE INDEX "member_last_name_sort" ON "member" ("organisation_id", (lower("last_name") COLLATE "C"), (lower("first_name") COLLATE "C"), "id")`);
    await q.query(`CREATE INDEX "member_first_name_sort" ON "member" ("organisation_id", (lower("first_name") COLLATE "C"), (lower("last_name") COLLATE "C"), "id")`);
    await q.query(`CREATE INDEX "member_joined_on_sort" ON "member" ("organisation_id", COALESCE("joined_on", 'infinity'::date), "id")`);
    await q.query(`CREATE INDEX "member_membership_number_sort" ON "member" ("organisation_id", (COALESCE("membership_number", '') COLLATE "C"), "id")`);
  }
}
