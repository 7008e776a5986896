/**
 * The donation tests' stack: the real API on a cloned database, listening on a port, and the real payment stand-in
 * (packages/payment-standin) over HTTP, each pointed at the other: the API creates checkouts and refunds at the
 * stand-in, the stand-in POSTs signed webhooks to the API. Plus a fixture of two client organisations, members, a
 * campaign and a DONATION action in each.
 */
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { startPaymentStandin, signatureHeader, type PaymentStandin } from '@muster/payment-standin';
import { withRequestContext } from '../src/common/request-context';
import { DonationCheckoutService, type StartCheckoutInput } from '../src/donation/donation-checkout.service';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID, type FixtureMember } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

export { OTHER_ID, UNION_ID };

export interface DonationStack {
  t: TestApp;
  db: Client;
  ds: DataSource;
  standin: PaymentStandin;
  apiUrl: string;
  webhookUrl: string;
  union: FixtureMember[];
  other: FixtureMember[];
  campaign: string;
  action: string;
  otherCampaign: string;
  otherAction: string;
  /** An ORGANISER of the union: credited with secured donations. */
  organiser: TestUser;
  checkout(input: Partial<StartCheckoutInput> & { memberId: string }, org?: string): Promise<{ redirectUrl: string; donationId: string }>;
  /** The donor's choice on the stand-in's hosted page (a real form POST); resolves when the webhooks are delivered. */
  pay(redirectUrl: string, outcome: 'pay' | 'decline' | 'fail'): Promise<Response>;
  donation(id: string): Promise<Record<string, unknown>>;
  /** Waits (bounded) until `check` holds, re-reading the database. */
  until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T>;
  /** POSTs a body to the webhook with a Stripe-Signature made with `secret` at `t`. */
  postWebhook(body: string, options?: { secret?: string; t?: number; header?: string | null }): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startDonationStack(): Promise<DonationStack> {
  const standin = await startPaymentStandin({ retryBaseMs: 50, retries: 3 });
  process.env.MUSTER_STRIPE_API_URL = standin.url;
  process.env.MUSTER_STRIPE_SECRET_KEY = standin.secretKey;
  process.env.MUSTER_STRIPE_WEBHOOK_SECRET = standin.webhookSecret;
  const t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  const apiUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const webhookUrl = `${apiUrl}/webhooks/payments/stripe`;
  standin.setWebhookUrl(webhookUrl);
  const db = await connect(t.databaseUrl);
  const fixture = buildFixture(20);
  await loadFixture(db, fixture);
  const ds = t.app.get(DataSource);
  const campaign = uuidv7();
  const action = uuidv7();
  const otherCampaign = uuidv7();
  const otherAction = uuidv7();
  for (const [org, c, a] of [[UNION_ID, campaign, action], [OTHER_ID, otherCampaign, otherAction]]) {
    await db.query(`INSERT INTO campaign (organisation_id, id, name, created_by) VALUES ($1, $2, 'Winter appeal', 'test')`, [org, c]);
    await db.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug) VALUES ($1, $2, $3, 'DONATION', 'Give to the fund', 'OPEN', $4)`,
      [org, a, c, `don${a.replace(/-/g, '').slice(-12)}`]);
  }
  const organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  const service = t.app.get(DonationCheckoutService);

  const until: DonationStack['until'] = async (read, check, what) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  return {
    t, db, ds, standin, apiUrl, webhookUrl, campaign, action, otherCampaign, otherAction, organiser,
    union: fixture.members.filter((m) => m.organisationId === UNION_ID),
    other: fixture.members.filter((m) => m.organisationId === OTHER_ID),
    checkout(input, org = UNION_ID) {
      return withRequestContext(ds, uuidv7(), () => service.startCheckout(org, {
        actionId: org === UNION_ID ? action : otherAction, amountPence: 1500, recurring: 'ONE_OFF', giftAid: null, creditedUserId: null,
        channel: 'WEB', successUrl: 'http://pages.test/thanks', cancelUrl: 'http://pages.test/donate', ...input,
      }), { reach: { organisationIds: [org] } });
    },
    async pay(redirectUrl, outcome) {
      const res = await fetch(redirectUrl, { method: 'POST', body: `outcome=${outcome}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      await standin.idle();
      return res;
    },
    async donation(id) {
      const rows = await db.query(`SELECT * FROM donation WHERE id = $1`, [id]);
      return rows.rows[0];
    },
    until,
    async postWebhook(body, options = {}) {
      const header = options.header !== undefined ? options.header : signatureHeader(options.secret ?? standin.webhookSecret, body, options.t);
      const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(header !== null ? { 'stripe-signature': header } : {}) }, body });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await standin.close();
      await db.end();
      await t.close();
    },
  };
}

/** A table's rows as text, to prove a request changed nothing. */
export async function snapshot(db: Client, tables = ['donation', 'donation_plan', 'payment_webhook_event', 'action_response', 'gift_aid_declaration']): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d, count(*)::int AS n FROM ${table} t`);
    parts.push(`${table}:${rows.rows[0].n}:${rows.rows[0].d}`);
  }
  return parts.join(' ');
}
