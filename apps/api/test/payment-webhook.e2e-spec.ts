/**
 * POST /webhooks/payments/stripe against the real API over HTTP, with the real stand-in provider: the signature
 * (valid, forged, wrong secret, stale or future timestamp, missing, malformed), idempotency (a replayed event applies
 * once), reordered deliveries (never backwards), retries after a failure, and events that match nothing of ours.
 * Refused requests must change nothing stored.
 */
import { createHmac } from 'node:crypto';
import { snapshot, startDonationStack, UNION_ID, type DonationStack } from './donations.helpers';

let s: DonationStack;

beforeAll(async () => {
  s = await startDonationStack();
});

afterAll(async () => {
  await s?.close();
});

function sessionIdOf(url: string): string {
  return url.split('/pay/')[1];
}

async function paidDonation(memberIndex = 0) {
  const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[memberIndex].id });
  const res = await s.pay(redirectUrl, 'pay');
  expect(res.status).toBe(303);
  await s.until(() => s.donation(donationId), (d) => d.status === 'SUCCEEDED', 'the donation to succeed');
  return { donationId, sessionId: sessionIdOf(redirectUrl) };
}

describe('webhook signature', () => {
  it('a correctly signed event from the stand-in is accepted and recorded once', async () => {
    const { donationId, sessionId } = await paidDonation(0);
    const events = s.standin.events().filter((e) => e.payload.includes(sessionId) || e.payload.includes(donationId));
    expect(events.map((e) => e.type).sort()).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
    for (const e of events) expect(e.deliveries.at(-1)?.status).toBe(200);
    const recorded = await s.db.query(`SELECT event_id, organisation_id, outcome, processed_at FROM payment_webhook_event WHERE event_id = ANY($1) ORDER BY received_at`, [events.map((e) => e.id)]);
    expect(recorded.rows).toHaveLength(2);
    for (const row of recorded.rows) {
      expect(row.organisation_id).toBe(UNION_ID);
      expect(row.processed_at).not.toBeNull();
    }
    expect(recorded.rows.map((r) => r.outcome).join(' | ')).toMatch(/PENDING → SUCCEEDED/);
  });

  it.each([
    ['forged body (signature of another body)', (body: string) => ({ body: body.replace('"livemode":false', '"livemode":true'), header: undefined as string | null | undefined, secret: undefined as string | undefined })],
    ['wrong secret', (body: string) => ({ body, header: undefined, secret: 'whsec_not_the_endpoint_secret' })],
    ['missing signature header', (body: string) => ({ body, header: null, secret: undefined })],
    ['malformed signature header', (body: string) => ({ body, header: 'v1=abc,t=notanumber', secret: undefined })],
    ['v0 scheme only', (body: string) => ({ body, header: `t=${Math.floor(Date.now() / 1000)},v0=${'a'.repeat(64)}`, secret: undefined })],
  ])('refuses a %s with 400 BAD_REQUEST and changes nothing', async (_name, tamper) => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[1].id });
    s.standin.hold();
    await s.pay(redirectUrl, 'pay');
    const event = s.standin.events().at(-1)!;
    const before = await snapshot(s.db);
    const { body, header, secret } = tamper(event.payload);
    // A forged body keeps the original signature (signed over the original body).
    const forgedHeader = body !== event.payload ? `t=${Math.floor(Date.now() / 1000)},v1=${createHmac('sha256', s.standin.webhookSecret).update(`${Math.floor(Date.now() / 1000)}.${event.payload}`).digest('hex')}` : header;
    const res = await s.postWebhook(body, { secret, header: forgedHeader });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect((res.body.errors as { message: string }[])[0].message).toMatch(/signature is not valid/);
    expect(await snapshot(s.db)).toBe(before);
    expect((await s.donation(donationId)).status).toBe('PENDING');
    // The genuine deliveries still work afterwards.
    await s.standin.release();
    await s.until(() => s.donation(donationId), (d) => d.status === 'SUCCEEDED', 'the genuine delivery');
  });

  it('refuses a stale timestamp (outside the 300 s tolerance) and one too far in the future, even when correctly signed', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[2].id });
    s.standin.hold();
    await s.pay(redirectUrl, 'pay');
    const event = s.standin.events().at(-1)!;
    const before = await snapshot(s.db);
    const now = Math.floor(Date.now() / 1000);
    for (const t of [now - 301, now - 3600, now + 400]) {
      const res = await s.postWebhook(event.payload, { t });
      expect(res.status).toBe(400);
      expect((res.body.errors as { message: string }[])[0].message).toMatch(/outside the 300 s tolerance/);
    }
    // Inside the tolerance it is fine.
    expect((await s.postWebhook(event.payload, { t: now - 200 })).status).toBe(200);
    expect(await snapshot(s.db)).not.toBe(before);
    await s.standin.release();
    await s.until(() => s.donation(donationId), (d) => d.status === 'SUCCEEDED', 'the donation to succeed');
  });

  it('refuses a signed body that is not an event, storing nothing', async () => {
    const before = await snapshot(s.db);
    const res = await s.postWebhook(JSON.stringify({ hello: 'world' }));
    expect(res.status).toBe(400);
    expect((res.body.errors as { message: string }[])[0].message).toMatch(/not a provider event/);
    expect((await s.postWebhook('not json')).status).toBe(400);
    expect(await snapshot(s.db)).toBe(before);
  });
});

describe('idempotency and ordering', () => {
  it('a replayed event (same id) is applied once: DUPLICATE, nothing changes', async () => {
    const { donationId } = await paidDonation(3);
    const succeeded = s.standin.events().filter((e) => e.type === 'payment_intent.succeeded').at(-1)!;
    const before = await snapshot(s.db);
    for (let i = 0; i < 3; i++) {
      const delivery = await s.standin.replay(succeeded.id);
      expect(delivery.status).toBe(200);
    }
    expect(await snapshot(s.db)).toBe(before);
    const events = await s.db.query(`SELECT count(*)::int AS n FROM payment_webhook_event WHERE event_id = $1`, [succeeded.id]);
    expect(events.rows[0].n).toBe(1);
    const history = await s.db.query(`SELECT count(*)::int AS n FROM action_response_event WHERE member_id = $1 AND to_state = 'COMPLETED'`, [s.union[3].id]);
    expect(history.rows[0].n).toBe(1);
    expect((await s.donation(donationId)).status).toBe('SUCCEEDED');
  });

  it('concurrent duplicate deliveries apply once', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[4].id });
    s.standin.hold();
    await s.pay(redirectUrl, 'pay');
    const ids = s.standin.events().slice(-2).map((e) => e.id);
    const results = await Promise.all([...ids, ...ids, ...ids].map((id) => s.standin.replay(id)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await s.db.query(`SELECT count(*)::int AS n FROM payment_webhook_event WHERE event_id = ANY($1)`, [ids]);
    expect(rows.rows[0].n).toBe(2);
    const completed = await s.db.query(`SELECT count(*)::int AS n FROM action_response_event WHERE member_id = $1 AND to_state = 'COMPLETED'`, [s.union[4].id]);
    expect(completed.rows[0].n).toBe(1);
    expect((await s.donation(donationId)).status).toBe('SUCCEEDED');
    await s.standin.release();
  });

  it('reordered: charge.refunded delivered before the payment events ends REFUNDED, and the late success does not un-refund', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[5].id, amountPence: 2000 });
    s.standin.hold();
    await s.pay(redirectUrl, 'pay');
    const pi = s.standin.sessions.get(redirectUrl.split('/pay/')[1])!.payment_intent!;
    const refund = await fetch(`${s.standin.url}/v1/refunds`, {
      method: 'POST', headers: { authorization: `Bearer ${s.standin.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `payment_intent=${pi}`,
    });
    expect(refund.status).toBe(200);
    // Held: payment_intent.succeeded, checkout.session.completed, charge.refunded. Deliver newest first.
    await s.standin.release('reverse');
    const d = await s.donation(donationId);
    expect(d).toMatchObject({ status: 'REFUNDED', refunded_pence: 2000, provider_payment_id: pi });
    expect(d.succeeded_at).not.toBeNull();
    const outcomes = (await s.db.query(`SELECT type, outcome FROM payment_webhook_event WHERE donation_id = $1 ORDER BY received_at`, [donationId])).rows;
    expect(outcomes.map((o) => o.type)).toEqual(['charge.refunded', 'checkout.session.completed', 'payment_intent.succeeded']);
    expect(outcomes[0].outcome).toMatch(/PENDING → REFUNDED; action COMPLETED/);
    expect(outcomes[2].outcome).toMatch(/^UNCHANGED: already REFUNDED/);
    // The action stays completed after the refund (documented): the member did give.
    const response = await s.db.query(`SELECT state, channel FROM action_response WHERE member_id = $1 AND action_id = $2`, [s.union[5].id, s.action]);
    expect(response.rows[0]).toEqual({ state: 'COMPLETED', channel: 'WEB' });
  });

  it('reordered: a failure delivered after the success does not move the donation back to FAILED', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[6].id });
    s.standin.hold();
    await s.pay(redirectUrl, 'decline');
    await s.pay(redirectUrl, 'pay');
    const held = s.standin.events().slice(-3);
    expect(held.map((e) => e.type)).toEqual(['payment_intent.payment_failed', 'payment_intent.succeeded', 'checkout.session.completed']);
    await s.standin.release('reverse');
    expect(await s.donation(donationId)).toMatchObject({ status: 'SUCCEEDED', failure_code: null });
    // And in order, the same facts end in the same state.
    const again = await s.checkout({ memberId: s.union[7].id });
    s.standin.hold();
    await s.pay(again.redirectUrl, 'decline');
    await s.pay(again.redirectUrl, 'pay');
    await s.standin.release('sent');
    expect(await s.donation(again.donationId)).toMatchObject({ status: 'SUCCEEDED', failure_code: null });
  });

  it('a delivery that fails (the endpoint answering 404) is retried by the stand-in and then applied once', async () => {
    const { redirectUrl, donationId } = await s.checkout({ memberId: s.union[8].id });
    // Break the webhook target for the first attempt only.
    s.standin.setWebhookUrl(`${s.apiUrl}/webhooks/payments/nowhere`);
    await s.pay(redirectUrl, 'pay');
    s.standin.setWebhookUrl(s.webhookUrl);
    // Wait for the retry itself: checkout.session.completed (delivered after the URL was mended) may already have
    // made the donation SUCCEEDED, so the donation's status alone does not show that the retry happened.
    const event = await s.until(
      async () => s.standin.events().filter((e) => e.type === 'payment_intent.succeeded').at(-1)!,
      (e) => e.deliveries.at(-1)?.status === 200, 'the retried delivery');
    expect(event.deliveries[0].status).toBe(404);
    expect((await s.donation(donationId)).status).toBe('SUCCEEDED');
    const applied = await s.db.query(`SELECT count(*)::int AS n FROM payment_webhook_event WHERE event_id = $1`, [event.id]);
    expect(applied.rows[0].n).toBe(1);
  });

  it('an event about an object we do not know is acknowledged and recorded without an organisation', async () => {
    const body = JSON.stringify({
      id: 'evt_test_unknown_thing', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'pi_test_not_ours', object: 'payment_intent', metadata: {} } },
    });
    const res = await s.postWebhook(body);
    expect(res).toMatchObject({ status: 200, body: { received: true, outcome: 'UNMATCHED' } });
    expect((await s.postWebhook(body)).body).toMatchObject({ outcome: 'DUPLICATE' });
    const row = await s.db.query(`SELECT organisation_id, outcome FROM payment_webhook_event WHERE event_id = 'evt_test_unknown_thing'`);
    expect(row.rows).toEqual([{ organisation_id: null, outcome: 'UNMATCHED' }]);
  });
});
