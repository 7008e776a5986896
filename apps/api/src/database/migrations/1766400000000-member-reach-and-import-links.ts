import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two facts segments and the insight rollups need, kept where they are cheap to read:
 *
 * - member.has_mobile: true while the member has at least one MOBILE phone in member_phone. Kept by statement-level
 *   triggers on member_phone (transition tables, one UPDATE per statement, touching only members whose value
 *   changes), so writers may also set it themselves (the import does) and the trigger then changes nothing.
 *   "Reachable by SMS" everywhere in Muster is `has_mobile AND sms_consent = 'GRANTED'`; "reachable by email" is
 *   `email IS NOT NULL AND email_consent = 'GRANTED'`.
 * - member_import_member: which members each import created, updated or left unchanged (segment condition
 *   "came from import X"). Re-pointed to the survivor by a merge, like the rest of a member's history.
 */
const ROLE = 'muster_app';
const REACH = `(string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])`;

function hasMobileSync(changed: string): string {
  return `UPDATE member m SET has_mobile = x.has
            FROM (SELECT c.organisation_id, c.member_id,
                         EXISTS (SELECT 1 FROM member_phone p WHERE p.organisation_id = c.organisation_id
                                    AND p.member_id = c.member_id AND p.type = 'MOBILE') AS has
                    FROM (${changed}) c) x
           WHERE m.organisation_id = x.organisation_id AND m.id = x.member_id AND m.has_mobile IS DISTINCT FROM x.has`;
}

export class MemberReachAndImportLinks1766400000000 implements MigrationInterface {
  name = 'MemberReachAndImportLinks1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" ADD "has_mobile" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE member m SET has_mobile = true
                    WHERE EXISTS (SELECT 1 FROM member_phone p WHERE p.organisation_id = m.organisation_id
                                     AND p.member_id = m.id AND p.type = 'MOBILE')`);
    // An INSERT can only turn has_mobile on: it looks at new MOBILE rows of members not yet marked, nothing else
    // (so a bulk insert whose writer set has_mobile itself costs one index probe per mobile).
    await q.query(`CREATE FUNCTION member_phone_has_mobile_ins() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE member m SET has_mobile = true
          FROM (SELECT DISTINCT organisation_id, member_id FROM new_rows WHERE type = 'MOBILE') n
         WHERE m.organisation_id = n.organisation_id AND m.id = n.member_id AND NOT m.has_mobile;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_phone_has_mobile_ins AFTER INSERT ON member_phone
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_phone_has_mobile_ins()`);
    const variants: [suffix: string, event: string, changed: string, referencing: string][] = [
      ['del', 'DELETE', 'SELECT DISTINCT organisation_id, member_id FROM old_rows', 'OLD TABLE AS old_rows'],
      ['upd', 'UPDATE', 'SELECT organisation_id, member_id FROM new_rows UNION SELECT organisation_id, member_id FROM old_rows',
        'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ];
    for (const [suffix, event, changed, referencing] of variants) {
      await q.query(`CREATE FUNCTION member_phone_has_mobile_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN ${hasMobileSync(changed)}; RETURN NULL; END $$`);
      await q.query(`CREATE TRIGGER member_phone_has_mobile_${suffix} AFTER ${event} ON member_phone
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION member_phone_has_mobile_${suffix}()`);
    }

    await q.query(`CREATE TABLE "member_import_member" (
      "organisation_id" uuid NOT NULL,
      "import_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "outcome" text NOT NULL,
      CONSTRAINT "member_import_member_outcome_check" CHECK ("outcome" IN ('CREATED', 'UPDATED', 'UNCHANGED')),
      CONSTRAINT "member_import_member_pkey" PRIMARY KEY ("organisation_id", "import_id", "member_id"),
      CONSTRAINT "member_import_member_import_fkey" FOREIGN KEY ("organisation_id", "import_id")
        REFERENCES "member_import"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT "member_import_member_member_fkey" FOREIGN KEY ("organisation_id", "member_id")
        REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await q.query(`CREATE INDEX "member_import_member_member_idx" ON "member_import_member" ("organisation_id", "member_id")`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "member_import_member" TO ${ROLE}`);
    await q.query(`ALTER TABLE "member_import_member" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY muster_tenant ON "member_import_member" FOR ALL TO ${ROLE}
      USING (organisation_id = ANY ${REACH}) WITH CHECK (organisation_id = ANY ${REACH})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "member_import_member"`);
    for (const suffix of ['ins', 'del', 'upd']) {
      await q.query(`DROP TRIGGER member_phone_has_mobile_${suffix} ON member_phone`);
      await q.query(`DROP FUNCTION member_phone_has_mobile_${suffix}()`);
    }
    await q.query(`ALTER TABLE "member" DROP COLUMN "has_mobile"`);
  }
}
