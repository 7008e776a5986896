import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donations and dues (apps/api/src/donation, apps/api/src/payment, docs/donations.md).
 *
 * - gift_aid_declaration: a member's Gift Aid declaration, with the exact wording they agreed to. Revoked, never
 *   deleted (a revocation only stops it covering gifts made after it).
 * - donation_plan: a recurring gift (a provider subscription). Each paid (or failed) month is a donation row.
 * - donation: one gift in whole pence. status follows @muster/domain's payment facts (never backwards);
 *   (provider, provider_payment_id) is unique, so a provider's payment is one donation whatever the webhooks do.
 *   campaign_id, action_id and response_id have no foreign keys on purpose: a donation is a financial record and
 *   stays when its campaign, action or response goes (a merge removes a merged member's duplicate response). The
 *   member reference is RESTRICT for the same reason: a member with donations is merged (re-pointed), not deleted.
 * - payment_webhook_event: every provider event received, keyed (provider, event_id): the idempotency record (an
 *   event already here is never applied again). organisation_id is null for events that match nothing of ours;
 *   those rows are written by the webhook's one owner-context statement and are invisible to muster_app.
 *
 * Enums are text with CHECK constraints (values as the GraphQL enums).
 */
const ROLE = 'muster_app';
const REACH = `organisation_id = ANY ((SELECT string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])::uuid[])`;

export const DONATION_KIND_CHECK = `"kind" IN ('ONE_OFF', 'RECURRING')`;
export const DONATION_STATUS_CHECK = `"status" IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')`;
export const DONATION_PROVIDER_CHECK = `"provider" IN ('STANDIN', 'STRIPE', 'MANUAL')`;
export const DONATION_CHANNEL_CHECK = `"channel" IN ('CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF')`;
export const DONATION_AMOUNT_CHECK = `"amount_pence" > 0`;
export const DONATION_REFUNDED_CHECK = `"refunded_pence" >= 0 AND "refunded_pence" <= "amount_pence"`;
export const DONATION_PLAN_STATUS_CHECK = `"status" IN ('PENDING', 'ACTIVE', 'CANCELLED', 'FAILED')`;
export const DONATION_PLAN_INTERVAL_CHECK = `"interval" IN ('MONTH', 'YEAR')`;
export const GIFT_AID_SOURCE_CHECK = `"source" IN ('ACTION_PAGE', 'STAFF', 'IMPORT')`;

const TABLES = ['gift_aid_declaration', 'donation_plan', 'donation'];

export class Donations1768200000000 implements MigrationInterface {
  name = 'Donations1768200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gift_aid_declaration" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "declared_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "wording" text NOT NULL,
      "full_name" text NOT NULL,
      "house" text NOT NULL,
      "postcode" text NOT NULL,
      "covers_past" boolean NOT NULL DEFAULT false,
      "covers_future" boolean NOT NULL DEFAULT true,
      "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
      "source" text NOT NULL,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "gift_aid_declaration_source_check" CHECK (${GIFT_AID_SOURCE_CHECK}),
      CONSTRAINT "gift_aid_declaration_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "gift_aid_declaration_member_idx" ON "gift_aid_declaration" ("organisation_id", "member_id")`);

    await q.query(`CREATE TABLE "donation_plan" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid,
      "campaign_id" uuid,
      "action_id" uuid,
      "amount_pence" integer NOT NULL,
      "currency" character(3) NOT NULL DEFAULT 'GBP',
      "interval" text NOT NULL DEFAULT 'MONTH',
      "status" text NOT NULL DEFAULT 'PENDING',
      "gift_aid" boolean NOT NULL DEFAULT false,
      "gift_aid_declaration_id" uuid,
      "channel" text NOT NULL,
      "credited_user_id" uuid,
      "provider" text NOT NULL,
      "provider_subscription_id" text,
      "provider_checkout_id" text,
      "failed_payment_count" integer NOT NULL DEFAULT 0,
      "last_failure_code" text,
      "last_failure_message" text,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "started_at" TIMESTAMP(3) WITH TIME ZONE,
      "cancelled_at" TIMESTAMP(3) WITH TIME ZONE,
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "donation_plan_amount_check" CHECK (${DONATION_AMOUNT_CHECK}),
      CONSTRAINT "donation_plan_status_check" CHECK (${DONATION_PLAN_STATUS_CHECK}),
      CONSTRAINT "donation_plan_interval_check" CHECK (${DONATION_PLAN_INTERVAL_CHECK}),
      CONSTRAINT "donation_plan_provider_check" CHECK (${DONATION_PROVIDER_CHECK}),
      CONSTRAINT "donation_plan_channel_check" CHECK (${DONATION_CHANNEL_CHECK}),
      CONSTRAINT "donation_plan_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "donation_plan_member_idx" ON "donation_plan" ("organisation_id", "member_id")`);
    await q.query(`CREATE UNIQUE INDEX "donation_plan_provider_subscription_key" ON "donation_plan" ("provider", "provider_subscription_id") WHERE "provider_subscription_id" IS NOT NULL`);

    await q.query(`CREATE TABLE "donation" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "member_id" uuid,
      "campaign_id" uuid,
      "action_id" uuid,
      "response_id" uuid,
      "amount_pence" integer NOT NULL,
      "currency" character(3) NOT NULL DEFAULT 'GBP',
      "kind" text NOT NULL DEFAULT 'ONE_OFF',
      "plan_id" uuid,
      "status" text NOT NULL DEFAULT 'PENDING',
      "refunded_pence" integer NOT NULL DEFAULT 0,
      "gift_aid" boolean NOT NULL DEFAULT false,
      "gift_aid_declaration_id" uuid,
      "channel" text NOT NULL,
      "credited_user_id" uuid,
      "provider" text NOT NULL,
      "provider_payment_id" text,
      "provider_checkout_id" text,
      "provider_invoice_id" text,
      "failure_code" text,
      "failure_message" text,
      "note" text,
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "provider_updated_at" TIMESTAMP(3) WITH TIME ZONE,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "succeeded_at" TIMESTAMP(3) WITH TIME ZONE,
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "donation_amount_check" CHECK (${DONATION_AMOUNT_CHECK}),
      CONSTRAINT "donation_refunded_check" CHECK (${DONATION_REFUNDED_CHECK}),
      CONSTRAINT "donation_kind_check" CHECK (${DONATION_KIND_CHECK}),
      CONSTRAINT "donation_status_check" CHECK (${DONATION_STATUS_CHECK}),
      CONSTRAINT "donation_provider_check" CHECK (${DONATION_PROVIDER_CHECK}),
      CONSTRAINT "donation_channel_check" CHECK (${DONATION_CHANNEL_CHECK}),
      CONSTRAINT "donation_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "donation_created_idx" ON "donation" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "donation_campaign_idx" ON "donation" ("organisation_id", "campaign_id", "created_at")`);
    await q.query(`CREATE INDEX "donation_member_idx" ON "donation" ("organisation_id", "member_id")`);
    await q.query(`CREATE INDEX "donation_plan_idx" ON "donation" ("organisation_id", "plan_id")`);
    await q.query(`CREATE UNIQUE INDEX "donation_provider_payment_key" ON "donation" ("provider", "provider_payment_id") WHERE "provider_payment_id" IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "donation_provider_checkout_key" ON "donation" ("provider", "provider_checkout_id") WHERE "provider_checkout_id" IS NOT NULL AND "kind" = 'ONE_OFF'`);
    await q.query(`CREATE UNIQUE INDEX "donation_provider_invoice_key" ON "donation" ("provider", "provider_invoice_id") WHERE "provider_invoice_id" IS NOT NULL`);

    await q.query(`CREATE TABLE "payment_webhook_event" (
      "provider" text NOT NULL,
      "event_id" text NOT NULL,
      "organisation_id" uuid,
      "type" text NOT NULL,
      "created_at_provider" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "processed_at" TIMESTAMP(3) WITH TIME ZONE,
      "outcome" text NOT NULL,
      "donation_id" uuid,
      "payload" jsonb NOT NULL,
      CONSTRAINT "payment_webhook_event_provider_check" CHECK (${DONATION_PROVIDER_CHECK}),
      CONSTRAINT "payment_webhook_event_pkey" PRIMARY KEY ("provider", "event_id"))`);
    await q.query(`CREATE INDEX "payment_webhook_event_organisation_idx" ON "payment_webhook_event" ("organisation_id", "received_at")`);

    for (const table of TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_organisation_id_fkey"
        FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_member_fkey"
        FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }
    await q.query(`ALTER TABLE "payment_webhook_event" ADD CONSTRAINT "payment_webhook_event_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "donation" ADD CONSTRAINT "donation_plan_fkey"
      FOREIGN KEY ("organisation_id", "plan_id") REFERENCES "donation_plan"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    for (const table of ['donation', 'donation_plan']) {
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_gift_aid_declaration_fkey"
        FOREIGN KEY ("organisation_id", "gift_aid_declaration_id") REFERENCES "gift_aid_declaration"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE} USING (${REACH}) WITH CHECK (${REACH})`);
    }
    // The idempotency record is kept, never deleted by the app.
    await q.query(`GRANT SELECT, INSERT, UPDATE ON TABLE "payment_webhook_event" TO ${ROLE}`);
    await q.query(`ALTER TABLE "payment_webhook_event" ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY muster_tenant ON "payment_webhook_event" FOR ALL TO ${ROLE} USING (${REACH}) WITH CHECK (${REACH})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "payment_webhook_event"`);
    await q.query(`DROP TABLE "donation"`);
    await q.query(`DROP TABLE "donation_plan"`);
    await q.query(`DROP TABLE "gift_aid_declaration"`);
  }
}
