/* eslint-disable @typescript-eslint/no-explicit-any -- Stripe-shaped JSON is read loosely in these tests */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeForm, parseForm } from './form';
import { startPaymentStandin, type PaymentStandin } from './standin';

interface Received { headers: http.IncomingHttpHeaders; body: string }

/** A webhook receiver that answers each request with the next status in `statuses` (then 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function api(standin: PaymentStandin, method: string, path: string, form?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${standin.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${standin.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form ? encodeForm(form) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const checkout = (extra: Record<string, unknown> = {}) => ({
  mode: 'payment', success_url: 'http://app.test/done?s={CHECKOUT_SESSION_ID}', cancel_url: 'http://app.test/cancel',
  line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 1500, product_data: { name: 'Donation' } } }],
  metadata: { muster_donation_id: 'd1' }, payment_intent_data: { metadata: { muster_donation_id: 'd1' } }, ...extra,
});

describe('form encoding', () => {
  it('round-trips nested objects and arrays', () => {
    const value = checkout();
    expect(parseForm(encodeForm(value))).toEqual(JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'number' ? String(v) : v))));
  });
});

describe('payment stand-in', () => {
  let standin: PaymentStandin;
  let hook: Awaited<ReturnType<typeof receiver>>;
  afterEach(async () => {
    await standin?.close();
    await hook?.close();
  });

  it('refuses requests without the secret key, Stripe-style', async () => {
    standin = await startPaymentStandin();
    const res = await fetch(`${standin.url}/v1/checkout/sessions`, { method: 'POST', headers: { authorization: 'Bearer sk_test_wrong' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.type).toBe('invalid_request_error');
  });

  it('validates like Stripe: missing params answer 400 with param and code', async () => {
    standin = await startPaymentStandin();
    const res = await api(standin, 'POST', '/v1/checkout/sessions', { mode: 'payment', line_items: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'success_url', code: 'parameter_missing' });
  });

  it('creates a session, pays on the hosted page, and delivers signed events in order', async () => {
    hook = await receiver();
    standin = await startPaymentStandin({ webhookUrl: hook.url });
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout());
    expect(session).toMatchObject({ object: 'checkout.session', status: 'open', amount_total: 1500, currency: 'gbp', payment_intent: null });
    const page = await fetch(session.url);
    expect(await page.text()).toContain('Pay £15.00');
    const paid = await fetch(session.url, { method: 'POST', body: 'outcome=pay', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://app.test/done?s=${session.id}`);
    await standin.idle();
    expect(hook.received.map((r) => JSON.parse(r.body).type)).toEqual(['payment_intent.succeeded', 'checkout.session.completed']);
    for (const r of hook.received) {
      const [t, v1] = String(r.headers['stripe-signature']).split(',').map((p) => p.split('=')[1]);
      expect(createHmac('sha256', standin.webhookSecret).update(`${t}.${r.body}`).digest('hex')).toBe(v1);
    }
    const pi = JSON.parse(hook.received[0].body).data.object;
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 1500, metadata: { muster_donation_id: 'd1' } });
    const { body: fetched } = await api(standin, 'GET', `/v1/checkout/sessions/${session.id}`);
    expect(fetched).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: pi.id });
  });

  it('a decline sends payment_intent.payment_failed and leaves the checkout open to try again', async () => {
    hook = await receiver();
    standin = await startPaymentStandin({ webhookUrl: hook.url });
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout());
    const declined = await fetch(session.url, { method: 'POST', body: 'outcome=decline', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    await standin.idle();
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ type: 'payment_intent.payment_failed', data: { object: { last_payment_error: { code: 'card_declined' } } } });
    expect(standin.pay(session.id, 'pay')).toEqual({ redirect: expect.stringContaining(session.id) });
  });

  it('refunds (partial, then the rest) send cumulative charge.refunded; over-refunds are refused', async () => {
    hook = await receiver();
    standin = await startPaymentStandin({ webhookUrl: hook.url });
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout());
    standin.pay(session.id, 'pay');
    const piId = standin.sessions.get(session.id)!.payment_intent;
    const first = await api(standin, 'POST', '/v1/refunds', { payment_intent: piId, amount: 500 }, { 'idempotency-key': 'r1' });
    expect(first.body).toMatchObject({ object: 'refund', amount: 500, status: 'succeeded' });
    const again = await api(standin, 'POST', '/v1/refunds', { payment_intent: piId, amount: 500 }, { 'idempotency-key': 'r1' });
    expect(again.body.id).toBe(first.body.id);
    const tooMuch = await api(standin, 'POST', '/v1/refunds', { payment_intent: piId, amount: 1001 });
    expect(tooMuch).toMatchObject({ status: 400, body: { error: { code: 'amount_too_large' } } });
    await api(standin, 'POST', '/v1/refunds', { payment_intent: piId });
    await standin.idle();
    const refunds = hook.received.map((r) => JSON.parse(r.body)).filter((e) => e.type === 'charge.refunded');
    expect(refunds.map((e) => [e.data.object.amount_refunded, e.data.object.refunded])).toEqual([[500, false], [1500, true]]);
  });

  it('retries failed deliveries with backoff until the receiver accepts', async () => {
    hook = await receiver([500, 503]);
    standin = await startPaymentStandin({ webhookUrl: hook.url, retryBaseMs: 20 });
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout());
    await api(standin, 'POST', `/_standin/checkout/sessions/${session.id}/expire`);
    for (let i = 0; i < 100 && !standin.events()[0]?.delivered; i++) await new Promise((r) => setTimeout(r, 20));
    const event = standin.events()[0];
    expect(event.deliveries.map((d) => d.status)).toEqual([500, 503, 200]);
    expect(new Set(hook.received.map((r) => JSON.parse(r.body).id))).toEqual(new Set([event.id]));
  });

  it('holds, then releases in reverse; replays an event with the same id and body', async () => {
    hook = await receiver();
    standin = await startPaymentStandin({ webhookUrl: hook.url });
    await api(standin, 'POST', '/_standin/webhooks/hold');
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout());
    standin.pay(session.id, 'pay');
    expect(hook.received).toHaveLength(0);
    await api(standin, 'POST', '/_standin/webhooks/release', { order: 'reverse' });
    expect(hook.received.map((r) => JSON.parse(r.body).type)).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
    const first = standin.events()[0];
    const replay = await api(standin, 'POST', `/_standin/events/${first.id}/replay`);
    expect(replay.body.delivery.status).toBe(200);
    expect(hook.received[2].body).toBe(first.payload);
  });

  it('subscriptions: checkout creates the subscription and pays invoice 1; later months are billed on demand', async () => {
    hook = await receiver();
    standin = await startPaymentStandin({ webhookUrl: hook.url });
    const { body: session } = await api(standin, 'POST', '/v1/checkout/sessions', checkout({
      mode: 'subscription', payment_intent_data: undefined, subscription_data: { metadata: { muster_plan_id: 'p1' } },
      line_items: [{ quantity: 1, price_data: { currency: 'gbp', unit_amount: 500, recurring: { interval: 'month' }, product_data: { name: 'Monthly gift' } } }],
    }));
    standin.pay(session.id, 'pay');
    const subId = standin.sessions.get(session.id)!.subscription!;
    await api(standin, 'POST', `/_standin/subscriptions/${subId}/invoices`, { outcome: 'fail' });
    await api(standin, 'POST', `/_standin/subscriptions/${subId}/invoices`, { outcome: 'pay' });
    await standin.idle();
    const events = hook.received.map((r) => JSON.parse(r.body));
    const invoices = events.filter((e) => e.type.startsWith('invoice.')).map((e) => [e.type, e.data.object.billing_reason, e.data.object.subscription_details.metadata.muster_plan_id]);
    expect(invoices).toEqual([['invoice.paid', 'subscription_create', 'p1'], ['invoice.payment_failed', 'subscription_cycle', 'p1'], ['invoice.paid', 'subscription_cycle', 'p1']]);
    const cancelled = await api(standin, 'DELETE', `/v1/subscriptions/${subId}`);
    expect(cancelled.body.status).toBe('canceled');
  });
});
