import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Gift Aid declaration made on a public donate page is not in force until a donation it was made with is paid
 * (found in the security review of issue 6: anyone could type a member's email on a donate page, tick Gift Aid with
 * their own details, abandon the checkout, and leave a declaration that the member's next gift would use).
 *
 * gift_aid_declaration.pending: true from the page's checkout until the first donation that carries the declaration
 * is paid (apps/api/src/donation/donation-payments.service.ts); a pending declaration is never a member's current
 * declaration. Staff and imported declarations are never pending.
 */
export class GiftAidPending1768400000000 implements MigrationInterface {
  name = 'GiftAidPending1768400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gift_aid_declaration" ADD "pending" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gift_aid_declaration" DROP COLUMN "pending"`);
  }
}
