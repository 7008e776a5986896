/**
 * Donations end to end: the real API (GraphQL and the webhook) over a real PostgreSQL, the real stand-in provider over
 * HTTP. A donor pays on the stand-in's page and the action completes with the donation's channel and credit; Gift Aid
 * amounts; refunds at the provider (partial, full, refused); failures and expired checkouts; monthly plans (each
 * invoice a donation, failures recorded); manual gifts; totals (hand-computed, and suppressed for client roles);
 * paging and filters; every operation from another organisation (user and API key); merges re-pointing donations;
 * monthly plans listed, read and cancelled (at the stand-in first; the webhook that follows changes nothing).
 */
import { GIFT_AID_WORDING } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { startDonationStack, UNION_ID, OTHER_ID, type DonationStack } from './donations.helpers';

let s: DonationStack;
let clientViewer: TestUser;
let clientAdmin: TestUser;
let stranger: TestUser;
let strangerKey: { headers: Record<string, string> };
let strangerWriter: { headers: Record<string, string> };

const FIELDS = `id organisationId memberId campaignId actionId amountPence currency kind status refundedPence giftAid giftAidPence channel
  creditedUserId provider providerPaymentId failureCode failureMessage createdAt succeededAt member { id firstName }`;
const DONATION = `query($id: ID!) { donation(id: $id) { ${FIELDS} } }`;
const DONATIONS = `query($org: ID!, $campaignId: ID, $memberId: ID, $first: Int, $after: String, $filter: DonationFilter) {
  donations(organisationId: $org, campaignId: $campaignId, memberId: $memberId, first: $first, after: $after, filter: $filter) {
    totalCount edges { cursor node { id amountPence status kind giftAidPence } } pageInfo { hasNextPage endCursor } } }`;
const RECORD = `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { ${FIELDS} } }`;
const REFUND = `mutation($id: ID!, $amount: Int!, $reason: String!) { refundDonation(id: $id, amountPence: $amount, reason: $reason) { ${FIELDS} } }`;
const TOTALS = `query($org: ID!, $campaignId: ID, $from: DateTime, $to: DateTime) { donationTotals(organisationId: $org, campaignId: $campaignId, from: $from, to: $to) {
  count totalPence refundedPence netPence giftAidPence recurringCount suppressed byMonth { month count totalPence } } }`;

const giftAid = { wording: GIFT_AID_WORDING, fullName: 'Mary Jones', house: '12', postcode: 'ls1 4ap' };

type Donation = Record<string, unknown> & { id: string; status: string; giftAidPence: number; refundedPence: number };

async function gqlDonation(id: string, headers?: Record<string, string>): Promise<Donation | null> {
  const res = await s.t.gql<{ donation: Donation | null }>(DONATION, { id }, headers);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.donation;
}

async function paid(memberIndex: number, extra: Omit<Parameters<DonationStack['checkout']>[0], 'memberId'> = {}): Promise<string> {
  const { redirectUrl, donationId } = await s.checkout({ ...extra, memberId: s.union[memberIndex].id });
  expect((await s.pay(redirectUrl, 'pay')).status).toBe(303);
  await s.until(() => s.donation(donationId), (d) => d.status === 'SUCCEEDED', 'the donation to succeed');
  return donationId;
}

beforeAll(async () => {
  s = await startDonationStack();
  clientViewer = await createTestUser(s.t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
  clientAdmin = await createTestUser(s.t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }]);
  stranger = await createTestUser(s.t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  strangerKey = await createTestApiKey(s.t.databaseUrl, OTHER_ID, 'CLIENT_ADMIN');
  strangerWriter = await createTestApiKey(s.t.databaseUrl, OTHER_ID, 'ORGANISER');
});

afterAll(async () => {
  await s?.close();
});

describe('a donation through the stand-in', () => {
  it('a paid one-off donation completes the action for the member with its channel and credit', async () => {
    const id = await paid(0, { channel: 'SMS', creditedUserId: s.organiser.userId });
    const d = await gqlDonation(id, s.organiser.headers);
    expect(d).toMatchObject({
      organisationId: UNION_ID, memberId: s.union[0].id, campaignId: s.campaign, actionId: s.action, amountPence: 1500, currency: 'GBP',
      kind: 'ONE_OFF', status: 'SUCCEEDED', refundedPence: 0, giftAid: false, giftAidPence: 0, channel: 'SMS',
      creditedUserId: s.organiser.userId, provider: 'STANDIN', member: { id: s.union[0].id },
    });
    expect(d!.providerPaymentId).toMatch(/^pi_/);
    const response = await s.db.query(`SELECT id, state, channel, credited_user_id FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, s.union[0].id]);
    expect(response.rows[0]).toMatchObject({ state: 'COMPLETED', channel: 'SMS', credited_user_id: s.organiser.userId });
    expect((await s.donation(id)).response_id).toBe(response.rows[0].id);
    const history = await s.db.query(`SELECT to_state, channel, actor FROM action_response_event WHERE response_id = $1`, [response.rows[0].id]);
    expect(history.rows).toEqual([{ to_state: 'COMPLETED', channel: 'SMS', actor: 'payment:standin' }]);
  });

  it('credit to someone who does not work for the organisation: the action still completes, uncredited, and the outcome says so', async () => {
    const id = await paid(13, { creditedUserId: stranger.userId, channel: 'EMAIL' });
    const response = await s.db.query(`SELECT state, channel, credited_user_id FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, s.union[13].id]);
    expect(response.rows[0]).toEqual({ state: 'COMPLETED', channel: 'EMAIL', credited_user_id: null });
    const outcome = await s.db.query(`SELECT outcome FROM payment_webhook_event WHERE donation_id = $1 AND outcome LIKE '%COMPLETED%'`, [id]);
    expect(outcome.rows[0].outcome).toMatch(/action COMPLETED \(uncredited/);
  });

  it('Gift Aid: 25% of the net amount; a partial refund lowers it, a full refund ends it; refunds happen at the provider', async () => {
    const id = await paid(1, { amountPence: 1003, giftAid });
    expect(await gqlDonation(id)).toMatchObject({ giftAid: true, giftAidPence: 250, status: 'SUCCEEDED' });
    const declaration = await s.db.query(`SELECT full_name, house, postcode, wording, source FROM gift_aid_declaration WHERE member_id = $1`, [s.union[1].id]);
    expect(declaration.rows).toEqual([{ full_name: 'Mary Jones', house: '12', postcode: 'LS1 4AP', wording: GIFT_AID_WORDING, source: 'ACTION_PAGE' }]);

    const partial = await s.t.gql<{ refundDonation: Donation }>(REFUND, { id, amount: 403, reason: 'Donor asked' }, s.organiser.headers);
    expect(partial.body.errors).toBeUndefined();
    expect(partial.body.data!.refundDonation).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedPence: 403, giftAidPence: 150 });
    const pi = (await s.donation(id)).provider_payment_id as string;
    const charge = [...s.standin.charges.values()].find((c) => c.payment_intent === pi)!;
    expect(charge.amount_refunded).toBe(403);

    const tooMuch = await s.t.gql(REFUND, { id, amount: 601, reason: 'x' }, s.organiser.headers);
    expect(tooMuch.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'amountPence' }] });
    const noReason = await s.t.gql(REFUND, { id, amount: 1, reason: ' ' }, s.organiser.headers);
    expect(noReason.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'reason' }] });

    const rest = await s.t.gql<{ refundDonation: Donation }>(REFUND, { id, amount: 600, reason: 'Rest' }, s.organiser.headers);
    expect(rest.body.data!.refundDonation).toMatchObject({ status: 'REFUNDED', refundedPence: 1003, giftAidPence: 0 });
    expect(charge.amount_refunded).toBe(1003);
    // The provider's charge.refunded webhooks arrive too: they find the totals already recorded and change nothing.
    await s.standin.idle();
    const outcomes = (await s.db.query(`SELECT outcome FROM payment_webhook_event WHERE donation_id = $1 AND type = 'charge.refunded'`, [id])).rows;
    expect(outcomes.map((o) => o.outcome)).toEqual([expect.stringMatching(/^UNCHANGED/), expect.stringMatching(/^UNCHANGED/)]);
    expect(await gqlDonation(id)).toMatchObject({ status: 'REFUNDED', refundedPence: 1003 });
    const again = await s.t.gql(REFUND, { id, amount: 1, reason: 'x' }, s.organiser.headers);
    expect(again.body.errors?.[0].message).toMatch(/already been refunded in full/);
    const audit = await s.db.query(`SELECT details FROM audit_event WHERE action = 'donation.refund' AND $1 = ANY(target_ids) ORDER BY created_at`, [id]);
    expect(audit.rows.map((r) => r.details.refundedPence)).toEqual([403, 1003]);
    // A refund does not un-complete the action.
    const response = await s.db.query(`SELECT state FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, s.union[1].id]);
    expect(response.rows[0].state).toBe('COMPLETED');
  });

  it('a declined card is a FAILED donation with the reason; an abandoned checkout expires to FAILED; neither completes the action', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[2].id });
    const declined = await s.pay(redirectUrl, 'decline');
    expect(declined.status).toBe(402);
    expect(await s.until(() => s.donation(donationId), (d) => d.status === 'FAILED', 'the failure')).toMatchObject({ failure_code: 'card_declined', failure_message: 'Your card was declined.' });
    const refund = await s.t.gql(REFUND, { id: donationId, amount: 100, reason: 'x' }, s.organiser.headers);
    expect(refund.body.errors?.[0].message).toMatch(/Only a paid donation can be refunded/);

    const abandoned = await s.checkout({ memberId: s.union[3].id });
    const expire = await fetch(`${s.standin.url}/_standin/checkout/sessions/${abandoned.redirectUrl.split('/pay/')[1]}/expire`, {
      method: 'POST', headers: { authorization: `Bearer ${s.standin.secretKey}` },
    });
    expect(expire.status).toBe(200);
    await s.standin.idle();
    expect(await s.donation(abandoned.donationId)).toMatchObject({ status: 'FAILED', failure_code: 'checkout_expired' });
    const responses = await s.db.query(`SELECT count(*)::int AS n FROM action_response WHERE member_id = ANY($1)`, [[s.union[2].id, s.union[3].id]]);
    expect(responses.rows[0].n).toBe(0);
  });

  it('startCheckout refuses floats, negatives and another organisation\'s action or member, storing nothing', async () => {
    const before = (await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n;
    await expect(s.checkout({ memberId: s.union[4].id, amountPence: 12.5 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(s.checkout({ memberId: s.union[4].id, amountPence: -100 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(s.checkout({ memberId: s.union[4].id, actionId: s.otherAction })).rejects.toMatchObject({ code: 'DONATION_ACTION_NOT_FOUND' });
    await expect(s.checkout({ memberId: s.other[0].id })).rejects.toMatchObject({ code: 'DONATION_MEMBER_NOT_FOUND' });
    await expect(s.checkout({ memberId: s.union[4].id, giftAid: { ...giftAid, postcode: 'nope' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n).toBe(before);
  });
});

describe('monthly donations', () => {
  it('each paid month is a donation of the plan; a failed month is recorded; cancelling the subscription cancels the plan', async () => {
    const member = s.union[5];
    const { redirectUrl, donationId } = await s.checkout({ memberId: member.id, amountPence: 500, recurring: 'MONTHLY', giftAid, creditedUserId: s.organiser.userId, channel: 'CALL' });
    expect((await s.pay(redirectUrl, 'pay')).status).toBe(303);
    const first = await s.until(() => s.donation(donationId), (d) => d.status === 'SUCCEEDED', 'the first month');
    expect(first).toMatchObject({ kind: 'RECURRING', amount_pence: 500, gift_aid: true });
    const plan = (await s.db.query(`SELECT * FROM donation_plan WHERE id = $1`, [first.plan_id])).rows[0];
    expect(plan).toMatchObject({ status: 'ACTIVE', amount_pence: 500, interval: 'MONTH', channel: 'CALL', credited_user_id: s.organiser.userId });
    expect(plan.provider_subscription_id).toMatch(/^sub_/);
    const bill = (outcome: string) => fetch(`${s.standin.url}/_standin/subscriptions/${plan.provider_subscription_id}/invoices`, {
      method: 'POST', headers: { authorization: `Bearer ${s.standin.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `outcome=${outcome}`,
    });
    expect((await bill('decline')).status).toBe(200);
    expect((await bill('pay')).status).toBe(200);
    await s.standin.idle();
    const months = (await s.db.query(`SELECT status, amount_pence, kind, failure_code, member_id, channel, credited_user_id, gift_aid FROM donation WHERE plan_id = $1 ORDER BY created_at`, [plan.id])).rows;
    expect(months).toEqual([
      { status: 'SUCCEEDED', amount_pence: 500, kind: 'RECURRING', failure_code: null, member_id: member.id, channel: 'CALL', credited_user_id: s.organiser.userId, gift_aid: true },
      { status: 'FAILED', amount_pence: 500, kind: 'RECURRING', failure_code: 'card_declined', member_id: member.id, channel: 'CALL', credited_user_id: s.organiser.userId, gift_aid: true },
      { status: 'SUCCEEDED', amount_pence: 500, kind: 'RECURRING', failure_code: null, member_id: member.id, channel: 'CALL', credited_user_id: s.organiser.userId, gift_aid: true },
    ]);
    expect((await s.db.query(`SELECT failed_payment_count, last_failure_code FROM donation_plan WHERE id = $1`, [plan.id])).rows[0]).toEqual({ failed_payment_count: 1, last_failure_code: 'card_declined' });
    // Replaying every event of the subscription changes nothing.
    const before = (await s.db.query(`SELECT count(*)::int AS n FROM donation WHERE plan_id = $1`, [plan.id])).rows[0].n;
    for (const e of s.standin.events().filter((ev) => ev.payload.includes(plan.provider_subscription_id))) await s.standin.replay(e.id);
    expect((await s.db.query(`SELECT count(*)::int AS n FROM donation WHERE plan_id = $1`, [plan.id])).rows[0].n).toBe(before);
    // The action completed once, on the first paid month.
    const events = await s.db.query(`SELECT to_state, channel FROM action_response_event WHERE member_id = $1`, [member.id]);
    expect(events.rows).toEqual([{ to_state: 'COMPLETED', channel: 'CALL' }]);
    const cancelled = await fetch(`${s.standin.url}/v1/subscriptions/${plan.provider_subscription_id}`, { method: 'DELETE', headers: { authorization: `Bearer ${s.standin.secretKey}` } });
    expect(cancelled.status).toBe(200);
    await s.standin.idle();
    expect((await s.db.query(`SELECT status, cancelled_at IS NOT NULL AS c FROM donation_plan WHERE id = $1`, [plan.id])).rows[0]).toEqual({ status: 'CANCELLED', c: true });
  });
});

describe('recordDonation (manual gifts)', () => {
  it('records a paid MANUAL gift, with a new Gift Aid declaration, completing the action credited to the recorder; audit-logged', async () => {
    const res = await s.t.gql<{ recordDonation: Donation }>(RECORD, {
      input: { organisationId: UNION_ID, memberId: s.union[6].id, actionId: s.action, amountPence: 2000, giftAid: true, note: 'Cash at the rally',
        giftAidDeclaration: { wording: GIFT_AID_WORDING, fullName: 'Owen Smith', house: 'Flat 2', postcode: 'CF10 1AA' } },
    }, s.organiser.headers);
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.recordDonation;
    expect(d).toMatchObject({ provider: 'MANUAL', status: 'SUCCEEDED', amountPence: 2000, giftAidPence: 500, channel: 'STAFF', creditedUserId: s.organiser.userId, campaignId: s.campaign });
    const response = await s.db.query(`SELECT state, channel, credited_user_id FROM action_response WHERE action_id = $1 AND member_id = $2`, [s.action, s.union[6].id]);
    expect(response.rows[0]).toEqual({ state: 'COMPLETED', channel: 'STAFF', credited_user_id: s.organiser.userId });
    const audit = await s.db.query(`SELECT actor_user_id, details FROM audit_event WHERE action = 'donation.record' AND $1 = ANY(target_ids)`, [d.id]);
    expect(audit.rows[0]).toMatchObject({ actor_user_id: s.organiser.userId, details: { amountPence: 2000, giftAid: true } });
    // The next gift of the same member uses the declaration already held.
    const next = await s.t.gql<{ recordDonation: Donation }>(RECORD, { input: { organisationId: UNION_ID, memberId: s.union[6].id, amountPence: 101, giftAid: true } }, s.organiser.headers);
    expect(next.body.data!.recordDonation).toMatchObject({ giftAid: true, giftAidPence: 25 });
    // A manual refund needs no provider.
    const refund = await s.t.gql<{ refundDonation: Donation }>(REFUND, { id: d.id, amount: 2000, reason: 'Returned the cash' }, s.organiser.headers);
    expect(refund.body.data!.refundDonation).toMatchObject({ status: 'REFUNDED', giftAidPence: 0 });
  });

  it('refuses floats (BAD_REQUEST), zero and negative amounts, and Gift Aid without a declaration (VALIDATION_FAILED), writing nothing', async () => {
    const before = (await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n;
    const float = await s.t.gql(RECORD, { input: { organisationId: UNION_ID, amountPence: 12.5 } }, s.organiser.headers);
    expect(float.body.errors?.[0].extensions.code).toBe('BAD_REQUEST');
    for (const amountPence of [0, -500]) {
      const res = await s.t.gql(RECORD, { input: { organisationId: UNION_ID, amountPence } }, s.organiser.headers);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'input.amountPence' }] });
    }
    const noDeclaration = await s.t.gql(RECORD, { input: { organisationId: UNION_ID, memberId: s.union[7].id, amountPence: 100, giftAid: true } }, s.organiser.headers);
    expect(noDeclaration.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'input.giftAid' }] });
    expect((await s.db.query(`SELECT count(*)::int AS n FROM donation`)).rows[0].n).toBe(before);
  });
});

describe('listing and totals', () => {
  it('pages newest first with a cursor and filters by status, kind, campaign and member', async () => {
    const all = await s.t.gql<{ donations: { totalCount: number; edges: { cursor: string; node: Donation }[] } }>(DONATIONS, { org: UNION_ID, first: 200 }, s.organiser.headers);
    const expected = (await s.db.query(`SELECT id, status, kind FROM donation WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC`, [UNION_ID])).rows;
    expect(all.body.data!.donations.edges.map((e) => e.node.id)).toEqual(expected.map((r) => r.id));
    expect(all.body.data!.donations.totalCount).toBe(expected.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof s.t.gql<{ donations: { edges: { node: Donation }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>>> =
        await s.t.gql(DONATIONS, { org: UNION_ID, first: 3, after }, s.organiser.headers);
      seen.push(...page.body.data!.donations.edges.map((e) => e.node.id));
      if (!page.body.data!.donations.pageInfo.hasNextPage) break;
      after = page.body.data!.donations.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    const failed = await s.t.gql<{ donations: { totalCount: number; edges: { node: Donation }[] } }>(DONATIONS, { org: UNION_ID, filter: { status: ['FAILED'], kind: 'RECURRING' } }, s.organiser.headers);
    expect(failed.body.data!.donations.edges.map((e) => e.node.id)).toEqual(expected.filter((r) => r.status === 'FAILED' && r.kind === 'RECURRING').map((r) => r.id));
    const byMember = await s.t.gql<{ donations: { totalCount: number } }>(DONATIONS, { org: UNION_ID, memberId: s.union[6].id }, s.organiser.headers);
    expect(byMember.body.data!.donations.totalCount).toBe(2);
    const byCampaign = await s.t.gql<{ donations: { totalCount: number } }>(DONATIONS, { org: UNION_ID, campaignId: s.campaign }, s.organiser.headers);
    expect(byCampaign.body.data!.donations.totalCount).toBe(expected.length - 1); // the second manual gift has no campaign
    const bad = await s.t.gql(DONATIONS, { org: UNION_ID, after: 'nonsense' }, s.organiser.headers);
    expect(bad.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('totals match a hand computation from the rows, Gift Aid agreeing with each donation\'s giftAidPence', async () => {
    const res = await s.t.gql<{ donationTotals: Record<string, unknown> & { byMonth: { month: string; count: number; totalPence: number }[] } }>(TOTALS, { org: UNION_ID }, s.organiser.headers);
    expect(res.body.errors).toBeUndefined();
    const rows = (await s.db.query(`SELECT id, amount_pence, refunded_pence, kind, status FROM donation WHERE organisation_id = $1 AND status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')`, [UNION_ID])).rows;
    const list = await s.t.gql<{ donations: { edges: { node: Donation }[] } }>(DONATIONS, { org: UNION_ID, first: 200 }, s.organiser.headers);
    const giftAidSum = list.body.data!.donations.edges.reduce((sum, e) => sum + e.node.giftAidPence, 0);
    const total = rows.reduce((sum, r) => sum + r.amount_pence, 0);
    const refunded = rows.reduce((sum, r) => sum + r.refunded_pence, 0);
    expect(res.body.data!.donationTotals).toMatchObject({
      count: rows.length, totalPence: total, refundedPence: refunded, netPence: total - refunded, giftAidPence: giftAidSum,
      recurringCount: rows.filter((r) => r.kind === 'RECURRING').length, suppressed: false,
    });
    // By hand: 1500 + 1003 + 500 + 500 + 2000 + 101 (+ the reordering tests' none here) paid; Gift Aid 125 + 125 (two months of 500) + 25.
    expect(giftAidSum).toBe(125 + 125 + 25);
    const month = new Date().toLocaleString('en-CA', { timeZone: 'Europe/London' }).slice(0, 7);
    expect(res.body.data!.donationTotals.byMonth).toEqual([{ month, count: rows.length, totalPence: total }]);
    const future = await s.t.gql<{ donationTotals: { count: number } }>(TOTALS, { org: UNION_ID, from: '2099-01-01T00:00:00Z' }, s.organiser.headers);
    expect(future.body.data!.donationTotals.count).toBe(0);
  });

  it('client roles: small numbers suppressed (threshold from insights), large ones shown', async () => {
    const viewer = await s.t.gql<{ donationTotals: Record<string, unknown> }>(TOTALS, { org: UNION_ID, campaignId: s.campaign }, clientViewer.headers);
    const count = (await s.db.query(`SELECT count(*)::int AS n FROM donation WHERE organisation_id = $1 AND campaign_id = $2 AND status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')`, [UNION_ID, s.campaign])).rows[0].n;
    expect(count).toBeGreaterThanOrEqual(5);
    // recurringCount (2) is below the default threshold of 5: hidden; the rest is shown.
    expect(viewer.body.data!.donationTotals).toMatchObject({ count, recurringCount: null, suppressed: true });
    await s.db.query(`INSERT INTO insight_setting (organisation_id, suppression_threshold, updated_by) VALUES ($1, 50, 'test')
      ON CONFLICT (organisation_id) DO UPDATE SET suppression_threshold = 50`, [UNION_ID]);
    const hidden = await s.t.gql<{ donationTotals: Record<string, unknown> & { byMonth: { count: number | null; totalPence: number | null }[] } }>(TOTALS, { org: UNION_ID }, clientViewer.headers);
    expect(hidden.body.data!.donationTotals).toMatchObject({ count: null, totalPence: null, refundedPence: null, netPence: null, giftAidPence: null, recurringCount: null, suppressed: true });
    expect(hidden.body.data!.donationTotals.byMonth.every((m) => m.count === null && m.totalPence === null)).toBe(true);
    // Agency roles always see the numbers.
    const organiser = await s.t.gql<{ donationTotals: { count: number; suppressed: boolean } }>(TOTALS, { org: UNION_ID }, s.organiser.headers);
    expect(organiser.body.data!.donationTotals).toMatchObject({ suppressed: false });
    expect(organiser.body.data!.donationTotals.count).toBeGreaterThan(0);
    await s.db.query(`DELETE FROM insight_setting WHERE organisation_id = $1`, [UNION_ID]);
  });

  it('client roles get whole months: two ranges that differ by one donation cannot isolate it (agency roles get the exact range)', async () => {
    const last = (await s.db.query(`SELECT succeeded_at FROM donation WHERE organisation_id = $1 AND status = 'SUCCEEDED' ORDER BY succeeded_at DESC LIMIT 1`, [UNION_ID])).rows[0].succeeded_at as Date;
    const around = { before: new Date(last.getTime() - 1).toISOString(), after: new Date(last.getTime() + 1).toISOString(), end: new Date(Date.now() + 60_000).toISOString() };
    const totals = async (headers: Record<string, string>, from: string) =>
      (await s.t.gql<{ donationTotals: { count: number | null; totalPence: number | null } }>(TOTALS, { org: UNION_ID, from, to: around.end }, headers)).body.data!.donationTotals;
    // The agency sees the one donation as the difference of the two ranges…
    const staffWith = await totals(s.organiser.headers, around.before);
    const staffWithout = await totals(s.organiser.headers, around.after);
    expect(staffWith.count! - staffWithout.count!).toBeGreaterThanOrEqual(1);
    // …a client viewer gets both ranges widened to the same whole month(s): the same figures.
    const viewerWith = await totals(clientViewer.headers, around.before);
    expect(viewerWith.count).not.toBeNull(); // shown, not suppressed: the equality below is about the range
    expect(await totals(clientViewer.headers, around.after)).toEqual(viewerWith);
  });

  it('client admins read donations (donation:read) but cannot record or refund; client viewers cannot read them', async () => {
    const list = await s.t.gql<{ donations: { totalCount: number } }>(DONATIONS, { org: UNION_ID }, clientAdmin.headers);
    expect(list.body.data!.donations.totalCount).toBeGreaterThan(0);
    const any = (await s.db.query(`SELECT id FROM donation WHERE organisation_id = $1 AND status = 'SUCCEEDED' LIMIT 1`, [UNION_ID])).rows[0].id;
    expect((await s.t.gql(REFUND, { id: any, amount: 1, reason: 'x' }, clientAdmin.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await s.t.gql(RECORD, { input: { organisationId: UNION_ID, amountPence: 100 } }, clientAdmin.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await s.t.gql(DONATIONS, { org: UNION_ID }, clientViewer.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const viewerRead = await s.t.gql<{ donation: Donation | null }>(DONATION, { id: any }, clientViewer.headers);
    expect(viewerRead.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(viewerRead.body.data?.donation ?? null).toBeNull();
  });
});

describe('another organisation (user and API key) cannot read, change or infer', () => {
  it.each([['organiser of another organisation', () => stranger.headers], ['API key of another organisation', () => strangerKey.headers]])('%s', async (_name, headers) => {
    const target = (await s.db.query(`SELECT id FROM donation WHERE organisation_id = $1 AND status = 'SUCCEEDED' LIMIT 1`, [UNION_ID])).rows[0].id;
    const before = (await s.db.query(`SELECT md5(string_agg(d::text, '|' ORDER BY d.id)) AS h FROM donation d`)).rows[0].h;
    const notFound = async (query: string, variables: Record<string, unknown>) => {
      const res = await s.t.gql(query, variables, headers());
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
      return res;
    };
    await notFound(DONATIONS, { org: UNION_ID });
    await notFound(TOTALS, { org: UNION_ID });
    await notFound(TOTALS, { org: UNION_ID, campaignId: s.campaign });
    expect(await gqlDonation(target, headers())).toBeNull();
    const refund = await s.t.gql(REFUND, { id: target, amount: 1, reason: 'x' }, headers());
    // The API key is a CLIENT_ADMIN (no donation:write anywhere): refused by the guard before any lookup.
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(refund.body.errors?.[0].extensions.code);
    // A refund of a missing id answers the same as another organisation's.
    const missing = await s.t.gql(REFUND, { id: '01937000-0000-7000-8000-0000000000ff', amount: 1, reason: 'x' }, headers());
    expect(missing.body.errors?.[0].extensions.code).toBe(refund.body.errors?.[0].extensions.code);
    const record = await s.t.gql(RECORD, { input: { organisationId: UNION_ID, amountPence: 100 } }, headers());
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(record.body.errors?.[0].extensions.code);
    // Within their own organisation, the union's ids are not found and filters on them find nothing.
    const own = await s.t.gql<{ donations: { totalCount: number } }>(DONATIONS, { org: OTHER_ID, memberId: s.union[0].id, campaignId: s.campaign }, headers());
    expect(own.body.data!.donations.totalCount).toBe(0);
    expect((await s.db.query(`SELECT md5(string_agg(d::text, '|' ORDER BY d.id)) AS h FROM donation d`)).rows[0].h).toBe(before);
  });

  it('recordDonation in one\'s own organisation naming the union\'s member, campaign or action is NOT_FOUND', async () => {
    for (const input of [{ memberId: s.union[0].id }, { campaignId: s.campaign }, { actionId: s.action }]) {
      const res = await s.t.gql(RECORD, { input: { organisationId: OTHER_ID, amountPence: 100, ...input } }, stranger.headers);
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    const ok = await s.t.gql<{ recordDonation: Donation }>(RECORD, { input: { organisationId: OTHER_ID, amountPence: 100, memberId: s.other[0].id, actionId: s.otherAction } }, stranger.headers);
    expect(ok.body.data!.recordDonation).toMatchObject({ organisationId: OTHER_ID, status: 'SUCCEEDED' });
    // …and the union's lists do not show it.
    const union = await s.t.gql<{ donations: { edges: { node: Donation }[] } }>(DONATIONS, { org: UNION_ID, first: 200 }, s.organiser.headers);
    expect(union.body.data!.donations.edges.some((e) => e.node.id === ok.body.data!.recordDonation.id)).toBe(false);
  });
});

describe('merges', () => {
  it('a merge re-points the merged member\'s donations, plans and declarations to the survivor; unmerge puts them back', async () => {
    const survivor = s.union[10];
    const merged = s.union[11];
    const id = await paid(11, { giftAid, recurring: 'MONTHLY', amountPence: 300 });
    const planId = (await s.donation(id)).plan_id;
    const MERGE = `mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { id } }`;
    const res = await s.t.gql<{ mergeMembers: { id: string } }>(MERGE, { input: { organisationId: UNION_ID, survivorId: survivor.id, mergedIds: [merged.id] } }, s.organiser.headers);
    expect(res.body.errors).toBeUndefined();
    const owners = async () => (await s.db.query(
      `SELECT (SELECT member_id FROM donation WHERE id = $1) AS d, (SELECT member_id FROM donation_plan WHERE id = $2) AS p,
              (SELECT array_agg(DISTINCT member_id) FROM gift_aid_declaration WHERE member_id = ANY($3)) AS g`, [id, planId, [survivor.id, merged.id]])).rows[0];
    expect(await owners()).toEqual({ d: survivor.id, p: survivor.id, g: [survivor.id] });
    expect((await gqlDonation(id))!.member).toEqual({ id: survivor.id, firstName: survivor.firstName });
    const undo = await s.t.gql(`mutation($id: ID!) { unmergeMembers(mergeId: $id) { id undoneAt } }`, { id: res.body.data!.mergeMembers.id }, s.organiser.headers);
    expect(undo.body.errors).toBeUndefined();
    expect(await owners()).toEqual({ d: merged.id, p: merged.id, g: [merged.id] });
  });
});

describe('monthly plans: list, read, cancel', () => {
  const PLAN_FIELDS = `id organisationId memberId member { id firstName } campaignId actionId amountPence currency interval status giftAid channel
    creditedUserId provider failedPaymentCount lastFailureCode lastFailureMessage createdAt startedAt cancelledAt`;
  const PLANS = `query($org: ID!, $memberId: ID, $campaignId: ID, $status: [DonationPlanStatus!], $first: Int, $after: String) {
    donationPlans(organisationId: $org, memberId: $memberId, campaignId: $campaignId, status: $status, first: $first, after: $after) {
      totalCount edges { cursor node { ${PLAN_FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
  const PLAN = `query($id: ID!) { donationPlan(id: $id) { ${PLAN_FIELDS} } }`;
  const CANCEL = `mutation($id: ID!, $reason: String!) { cancelDonationPlan(id: $id, reason: $reason) { ${PLAN_FIELDS} } }`;
  type Plan = Record<string, unknown> & { id: string; status: string; cancelledAt: string | null; member: { id: string } | null };
  type Plans = { donationPlans: { totalCount: number; edges: { cursor: string; node: Plan }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null } } };

  /** A plan row written directly (MANUAL unless stated): what the list and the local cancel need. */
  async function insertPlan(memberIndex: number, values: { status?: string; provider?: string; subscriptionId?: string | null; createdAt?: string; campaignId?: string | null } = {}): Promise<string> {
    const id = uuidv7();
    await s.db.query(
      `INSERT INTO donation_plan (organisation_id, id, member_id, campaign_id, action_id, amount_pence, status, channel, provider, provider_subscription_id, created_at, started_at)
       VALUES ($1, $2, $3, $4, NULL, 900, $5, 'STAFF', $6, $7, COALESCE($8::timestamptz, now()), now())`,
      [UNION_ID, id, s.union[memberIndex].id, values.campaignId === undefined ? s.campaign : values.campaignId, values.status ?? 'ACTIVE',
        values.provider ?? 'MANUAL', values.subscriptionId ?? null, values.createdAt ?? null]);
    return id;
  }
  const planRow = async (id: string) => (await s.db.query(`SELECT status, cancelled_at, provider_subscription_id FROM donation_plan WHERE id = $1`, [id])).rows[0];
  const code = (res: { body: { errors?: { extensions: { code: string } }[] } }) => res.body.errors?.[0].extensions.code;

  /** A monthly plan paid through the stand-in: ACTIVE with a subscription. */
  async function standinPlan(memberIndex: number): Promise<{ planId: string; subscriptionId: string }> {
    const id = await paid(memberIndex, { recurring: 'MONTHLY', amountPence: 800 });
    const planId = (await s.donation(id)).plan_id as string;
    const plan = await s.until(() => planRow(planId), (p) => p.status === 'ACTIVE' && !!p.provider_subscription_id, 'the plan to be active');
    return { planId, subscriptionId: plan.provider_subscription_id };
  }

  it('lists newest first with paging, filters by member, campaign and status; reads one', async () => {
    const ids = [
      await insertPlan(15, { createdAt: '2026-01-01T10:00:00Z' }),
      await insertPlan(15, { createdAt: '2026-02-01T10:00:00Z', status: 'CANCELLED' }),
      await insertPlan(15, { createdAt: '2026-03-01T10:00:00Z', campaignId: null }),
    ];
    const page1 = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[15].id, first: 2 }, s.organiser.headers);
    expect(page1.body.errors).toBeUndefined();
    const c1 = page1.body.data!.donationPlans;
    expect(c1.totalCount).toBe(3);
    expect(c1.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(c1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(c1.edges[0].node).toMatchObject({ organisationId: UNION_ID, memberId: s.union[15].id, member: { id: s.union[15].id, firstName: s.union[15].firstName },
      amountPence: 900, currency: 'GBP', interval: 'MONTH', status: 'ACTIVE', provider: 'MANUAL', channel: 'STAFF', failedPaymentCount: 0, cancelledAt: null });
    const page2 = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[15].id, first: 2, after: c1.pageInfo.endCursor }, s.organiser.headers);
    expect(page2.body.data!.donationPlans.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(page2.body.data!.donationPlans.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const active = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[15].id, status: ['ACTIVE'] }, s.organiser.headers);
    expect(active.body.data!.donationPlans.edges.map((e) => e.node.id)).toEqual([ids[2], ids[0]]);
    const byCampaign = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[15].id, campaignId: s.campaign }, s.organiser.headers);
    expect(byCampaign.body.data!.donationPlans.edges.map((e) => e.node.id)).toEqual([ids[1], ids[0]]);
    expect(code(await s.t.gql(PLANS, { org: UNION_ID, after: 'not-a-cursor' }, s.organiser.headers))).toBe('VALIDATION_FAILED');
    expect(code(await s.t.gql(PLANS, { org: UNION_ID, memberId: 'nope' }, s.organiser.headers))).toBe('VALIDATION_FAILED');
    // One plan; a missing id is null.
    const one = await s.t.gql<{ donationPlan: Plan | null }>(PLAN, { id: ids[1] }, s.organiser.headers);
    expect(one.body.data!.donationPlan).toMatchObject({ id: ids[1], status: 'CANCELLED' });
    expect((await s.t.gql<{ donationPlan: Plan | null }>(PLAN, { id: '01937000-0000-7000-8000-0000000000fe' }, s.organiser.headers)).body.data!.donationPlan).toBeNull();
    // Client admins (donation:read and member:read) see the donor too.
    const asAdmin = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[15].id, first: 1 }, clientAdmin.headers);
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data!.donationPlans.edges[0].node).toMatchObject({ memberId: s.union[15].id, member: { id: s.union[15].id } });
  });

  it('cancelling a stand-in plan cancels the subscription at the stand-in first; the webhook that follows and later invoices change nothing; audit-logged', async () => {
    const { planId, subscriptionId } = await standinPlan(16);
    const donationsBefore = (await s.db.query(`SELECT count(*)::int AS n FROM donation WHERE plan_id = $1`, [planId])).rows[0].n;
    const res = await s.t.gql<{ cancelDonationPlan: Plan }>(CANCEL, { id: planId, reason: '  Donor phoned to stop  ' }, s.organiser.headers);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.cancelDonationPlan).toMatchObject({ id: planId, status: 'CANCELLED', provider: 'STANDIN', member: { id: s.union[16].id } });
    expect(res.body.data!.cancelDonationPlan.cancelledAt).not.toBeNull();
    expect(s.standin.subscriptions.get(subscriptionId)!.status).toBe('canceled');
    const after = await planRow(planId);
    // The stand-in's customer.subscription.deleted is delivered and recorded, and changes nothing.
    await s.standin.idle();
    const deleted = await s.until(
      () => s.db.query(`SELECT outcome FROM payment_webhook_event WHERE type = 'customer.subscription.deleted' AND payload::text LIKE $1`, [`%${subscriptionId}%`]),
      (r) => r.rows.length === 1 && r.rows[0].outcome !== 'RECEIVED', 'the webhook to be processed');
    expect(deleted.rows[0].outcome).toBe('PLAN ALREADY CANCELLED');
    expect(await planRow(planId)).toEqual(after);
    // The stand-in bills no further month, so no donation is created.
    const bill = await fetch(`${s.standin.url}/_standin/subscriptions/${subscriptionId}/invoices`, {
      method: 'POST', headers: { authorization: `Bearer ${s.standin.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'outcome=pay',
    });
    expect(bill.status).toBe(400);
    await s.standin.idle();
    expect((await s.db.query(`SELECT count(*)::int AS n FROM donation WHERE plan_id = $1`, [planId])).rows[0].n).toBe(donationsBefore);
    const audit = await s.db.query(`SELECT details, actor_user_id FROM audit_event WHERE action = 'donation_plan.cancel' AND $1 = ANY(target_ids)`, [planId]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].details).toMatchObject({ reason: 'Donor phoned to stop', from: 'ACTIVE', provider: 'STANDIN', providerSubscriptionId: subscriptionId, providerCancelled: true });
  });

  it('a provider error leaves the plan unchanged (PAYMENT_PROVIDER_ERROR), nothing audited', async () => {
    const { planId, subscriptionId } = await standinPlan(17);
    const before = await planRow(planId);
    const url = process.env.MUSTER_STRIPE_API_URL;
    process.env.MUSTER_STRIPE_API_URL = 'http://127.0.0.1:9';
    let res;
    try {
      res = await s.t.gql(CANCEL, { id: planId, reason: 'Donor asked' }, s.organiser.headers);
    } finally {
      process.env.MUSTER_STRIPE_API_URL = url;
    }
    expect(code(res)).toBe('PAYMENT_PROVIDER_ERROR');
    expect(await planRow(planId)).toEqual(before);
    expect(s.standin.subscriptions.get(subscriptionId)!.status).toBe('active');
    expect((await s.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'donation_plan.cancel' AND $1 = ANY(target_ids)`, [planId])).rows[0].n).toBe(0);
  });

  it('a MANUAL plan is cancelled locally; cancelling again is DONATION_PLAN_NOT_CANCELLABLE; a FAILED plan too; a reason is required', async () => {
    const id = await insertPlan(18);
    const subscriptions = s.standin.subscriptions.size;
    expect(code(await s.t.gql(CANCEL, { id, reason: '   ' }, s.organiser.headers))).toBe('VALIDATION_FAILED');
    const res = await s.t.gql<{ cancelDonationPlan: Plan }>(CANCEL, { id, reason: 'Standing order ended' }, s.organiser.headers);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.cancelDonationPlan).toMatchObject({ status: 'CANCELLED', provider: 'MANUAL' });
    expect(s.standin.subscriptions.size).toBe(subscriptions);
    const row = await planRow(id);
    const again = await s.t.gql(CANCEL, { id, reason: 'Again' }, s.organiser.headers);
    expect(code(again)).toBe('DONATION_PLAN_NOT_CANCELLABLE');
    expect(again.body.errors![0].message).toMatch(/already cancelled/);
    expect((again.body.errors![0].extensions as { details?: { status: string } }).details).toMatchObject({ status: 'CANCELLED' });
    expect(await planRow(id)).toEqual(row);
    const failed = await insertPlan(18, { status: 'FAILED' });
    expect(code(await s.t.gql(CANCEL, { id: failed, reason: 'x' }, s.organiser.headers))).toBe('DONATION_PLAN_NOT_CANCELLABLE');
    expect((await planRow(failed)).status).toBe('FAILED');
    expect((await s.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'donation_plan.cancel' AND $1 = ANY(target_ids)`, [id])).rows[0].n).toBe(1);
  });

  it('client admins list and read plans (donation:read) but cannot cancel; client viewers cannot list', async () => {
    const id = await insertPlan(19);
    const list = await s.t.gql<Plans>(PLANS, { org: UNION_ID, memberId: s.union[19].id }, clientAdmin.headers);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.donationPlans.edges.map((e) => e.node.id)).toEqual([id]);
    expect((await s.t.gql<{ donationPlan: Plan | null }>(PLAN, { id }, clientAdmin.headers)).body.data!.donationPlan).toMatchObject({ id });
    expect(code(await s.t.gql(CANCEL, { id, reason: 'x' }, clientAdmin.headers))).toBe('FORBIDDEN');
    expect(code(await s.t.gql(PLANS, { org: UNION_ID }, clientViewer.headers))).toBe('FORBIDDEN');
    expect((await planRow(id)).status).toBe('ACTIVE');
  });

  it.each([
    ['organiser of another organisation', () => stranger.headers],
    ['API key of another organisation (ORGANISER)', () => strangerWriter.headers],
    ['API key of another organisation (CLIENT_ADMIN)', () => strangerKey.headers],
  ])('%s: the union\'s plans are NOT_FOUND / null and nothing changes', async (_name, headers) => {
    const id = await insertPlan(14);
    const before = (await s.db.query(`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS h FROM donation_plan p`)).rows[0].h;
    expect(code(await s.t.gql(PLANS, { org: UNION_ID }, headers()))).toBe('NOT_FOUND');
    const read = await s.t.gql<{ donationPlan: Plan | null }>(PLAN, { id }, headers());
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.donationPlan).toBeNull();
    const cancel = await s.t.gql(CANCEL, { id, reason: 'x' }, headers());
    // Looked up before the capability is checked: another organisation's plan is NOT_FOUND whatever the caller's role.
    expect(code(cancel)).toBe('NOT_FOUND');
    const own = await s.t.gql<Plans>(PLANS, { org: OTHER_ID, memberId: s.union[14].id }, headers());
    expect(own.body.data!.donationPlans.totalCount).toBe(0);
    expect((await s.db.query(`SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) AS h FROM donation_plan p`)).rows[0].h).toBe(before);
  });
});
