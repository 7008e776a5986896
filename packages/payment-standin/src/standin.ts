/**
 * The payment stand-in: a local, in-memory Stripe for development and tests (docs/donations.md, "The stand-in").
 *
 * Speaks the subset of Stripe's HTTP API Muster uses, with Stripe's conventions: form-encoded requests,
 * `Authorization: Bearer <secret key>`, Stripe-shaped JSON objects and `{ error: { type, message, param, code } }`
 * bodies, `Idempotency-Key` honoured on POSTs.
 *   POST /v1/checkout/sessions          GET /v1/checkout/sessions/:id     GET /v1/payment_intents/:id
 *   POST /v1/refunds                    DELETE /v1/subscriptions/:id
 * A hosted page per checkout session (`session.url` = /pay/:id) where a person or a browser test chooses
 * Pay / Decline / Fail (or cancels). Events are POSTed to the configured webhook URL, signed like Stripe
 * (`Stripe-Signature: t=…,v1=…`), first attempts one at a time in the order they happened, failed deliveries retried
 * with backoff. Test hooks under /_standin/ (same Bearer key) list events, hold and release deliveries (in order or
 * reversed), replay an event, deliver chosen events in a chosen order, bill a subscription's next month, and expire
 * a session.
 * Must never: be used with real card data or real money; it keeps everything in memory and forgets it on exit.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseForm, type FormObject, type FormValue } from './form';
import { payPage } from './page';
import { signatureHeader } from './signature';

export const STANDIN_API_VERSION = '2024-06-20';

export type PayOutcome = 'pay' | 'decline' | 'fail';

export interface StandinOptions {
  port?: number;
  host?: string;
  /** The API key clients must send as `Authorization: Bearer …` (default: a random sk_test_…). */
  secretKey?: string;
  /** The webhook signing secret (default: a random whsec_…). */
  webhookSecret?: string;
  /** Where events are POSTed; null (default) keeps them until one is set. */
  webhookUrl?: string | null;
  /** The base URL browsers use to reach the pay page (default: the listening URL). */
  publicUrl?: string;
  /** Delivery retries after the first attempt fails (default 4) and the first backoff (default 500 ms, doubling). */
  retries?: number;
  retryBaseMs?: number;
  log?: (line: string) => void;
}

type Json = Record<string, unknown>;

export interface StandinDelivery {
  at: string;
  status: number | null;
  error: string | null;
}

export interface StandinEvent {
  id: string;
  type: string;
  created: number;
  /** The exact JSON last delivered (or to be delivered). */
  payload: string;
  deliveries: StandinDelivery[];
  /** Delivered with a 2xx answer at least once. */
  delivered: boolean;
}

interface Session extends Json {
  id: string;
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string | null;
}

class StripeError extends Error {
  constructor(readonly status: number, message: string, readonly param?: string, readonly code?: string, readonly type = 'invalid_request_error') {
    super(message);
  }
}

function id(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function str(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function obj(value: FormValue | undefined): FormObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function metadataOf(value: FormValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(value))) if (typeof v === 'string') out[k] = v;
  return out;
}

function positiveInt(value: FormValue | undefined, param: string): number {
  const text = str(value);
  if (text === undefined || !/^\d+$/.test(text) || Number(text) <= 0) throw new StripeError(400, `Invalid positive integer`, param, 'parameter_invalid_integer');
  return Number(text);
}

async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new StripeError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class PaymentStandin {
  readonly secretKey: string;
  readonly webhookSecret: string;
  webhookUrl: string | null;
  private server: http.Server | null = null;
  private baseUrl = '';
  private publicUrl: string | undefined;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly log: (line: string) => void;

  readonly sessions = new Map<string, Session>();
  readonly paymentIntents = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly subscriptions = new Map<string, Json>();
  readonly invoices = new Map<string, Json>();
  private readonly eventList: StandinEvent[] = [];
  private readonly idempotency = new Map<string, { status: number; body: string }>();

  private held = false;
  private readonly heldQueue: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(options: StandinOptions = {}) {
    this.secretKey = options.secretKey ?? `sk_test_${randomBytes(18).toString('hex')}`;
    this.webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
    this.webhookUrl = options.webhookUrl ?? null;
    this.publicUrl = options.publicUrl;
    this.retries = options.retries ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.log = options.log ?? (() => undefined);
  }

  get url(): string {
    return this.baseUrl;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    this.publicUrl ??= this.baseUrl;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  setWebhookUrl(url: string | null): void {
    this.webhookUrl = url;
    if (url && !this.held) this.flushQueued();
  }

  // ---------------------------------------------------------------- events and delivery

  events(): StandinEvent[] {
    return this.eventList;
  }

  event(eventId: string): StandinEvent | undefined {
    return this.eventList.find((e) => e.id === eventId);
  }

  /** Stops delivering: new events queue until release() or deliver(). */
  hold(): void {
    this.held = true;
  }

  /** Delivers what was held, in the order the events happened or reversed, then resumes normal delivery. */
  async release(order: 'sent' | 'reverse' = 'sent'): Promise<void> {
    this.held = false;
    const ids = this.heldQueue.splice(0);
    if (order === 'reverse') ids.reverse();
    for (const eventId of ids) this.enqueue(eventId);
    await this.idle();
  }

  /** Delivers these events once each, in this order (held ones leave the queue); waits for the answers. */
  async deliver(eventIds: string[]): Promise<StandinDelivery[]> {
    const results: StandinDelivery[] = [];
    for (const eventId of eventIds) {
      const index = this.heldQueue.indexOf(eventId);
      if (index >= 0) this.heldQueue.splice(index, 1);
      results.push(await this.attempt(eventId, false));
    }
    return results;
  }

  /** Delivers an event again, exactly as before (same id and body, a fresh signature). */
  replay(eventId: string): Promise<StandinDelivery> {
    return this.attempt(eventId, false);
  }

  /** Resolves when nothing is waiting to be delivered or in flight (held events and scheduled retries aside). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return this.chain;
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private emit(type: string, object: Json): StandinEvent {
    const created = now();
    const eventId = id('evt');
    const body = {
      id: eventId, object: 'event', api_version: STANDIN_API_VERSION, created, livemode: false, pending_webhooks: 1,
      request: { id: null, idempotency_key: null }, type, data: { object: structuredClone(object) },
    };
    const event: StandinEvent = { id: eventId, type, created, payload: JSON.stringify(body), deliveries: [], delivered: false };
    this.eventList.push(event);
    this.log(`event ${type} ${eventId}`);
    if (this.held || !this.webhookUrl) this.heldQueue.push(eventId);
    else this.enqueue(eventId);
    return event;
  }

  private flushQueued(): void {
    for (const eventId of this.heldQueue.splice(0)) this.enqueue(eventId);
  }

  /** First attempts go one at a time, in order. */
  private enqueue(eventId: string): void {
    this.inFlight++;
    this.chain = this.chain.then(async () => {
      try {
        await this.attempt(eventId, true);
      } finally {
        this.inFlight--;
        if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
      }
    });
  }

  private async attempt(eventId: string, retryOnFailure: boolean, retryNumber = 0): Promise<StandinDelivery> {
    const event = this.event(eventId);
    if (!event) throw new StripeError(404, `No such event: '${eventId}'`, 'id', 'resource_missing');
    const delivery: StandinDelivery = { at: new Date().toISOString(), status: null, error: null };
    if (!this.webhookUrl) {
      delivery.error = 'no webhook URL configured';
    } else {
      try {
        const res = await fetch(this.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signatureHeader(this.webhookSecret, event.payload), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) muster-payment-standin' },
          body: event.payload,
          signal: AbortSignal.timeout(10_000),
        });
        delivery.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    }
    event.deliveries.push(delivery);
    const ok = delivery.status !== null && delivery.status >= 200 && delivery.status < 300;
    if (ok) event.delivered = true;
    this.log(`deliver ${event.type} ${event.id} → ${delivery.status ?? delivery.error}`);
    if (!ok && retryOnFailure && retryNumber < this.retries && this.server) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(eventId, true, retryNumber + 1);
      }, this.retryBaseMs * 2 ** retryNumber);
      this.timers.add(timer);
    }
    return delivery;
  }

  // ---------------------------------------------------------------- payments

  private createSession(form: FormObject): Session {
    const mode = str(form.mode) ?? 'payment';
    if (mode !== 'payment' && mode !== 'subscription') throw new StripeError(400, `Invalid mode: must be one of payment, setup, or subscription`, 'mode');
    const successUrl = str(form.success_url);
    if (!successUrl) throw new StripeError(400, 'Missing required param: success_url.', 'success_url', 'parameter_missing');
    const items = Array.isArray(form.line_items) ? form.line_items : [];
    if (items.length !== 1) throw new StripeError(400, 'The stand-in takes exactly one line item (line_items[0]).', 'line_items');
    const item = obj(items[0]);
    const price = obj(item.price_data);
    const currency = (str(price.currency) ?? '').toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw new StripeError(400, 'Missing required param: line_items[0][price_data][currency].', 'line_items[0][price_data][currency]', 'parameter_missing');
    const unitAmount = positiveInt(price.unit_amount, 'line_items[0][price_data][unit_amount]');
    const quantity = item.quantity === undefined ? 1 : positiveInt(item.quantity, 'line_items[0][quantity]');
    const interval = str(obj(price.recurring).interval);
    if (mode === 'subscription' && interval !== 'month' && interval !== 'year') {
      throw new StripeError(400, 'A subscription checkout needs line_items[0][price_data][recurring][interval] (month or year).', 'line_items[0][price_data][recurring][interval]');
    }
    if (mode === 'payment' && interval) throw new StripeError(400, 'You must use mode=subscription for recurring prices.', 'mode');
    const sessionId = id('cs');
    const session: Session = {
      id: sessionId, object: 'checkout.session', livemode: false, mode, status: 'open', payment_status: 'unpaid',
      amount_total: unitAmount * quantity, amount_subtotal: unitAmount * quantity, currency,
      metadata: metadataOf(form.metadata), client_reference_id: str(form.client_reference_id) ?? null,
      customer_email: str(form.customer_email) ?? null, payment_intent: null, subscription: null,
      success_url: successUrl, cancel_url: str(form.cancel_url) ?? null, url: `${this.publicUrl}/pay/${sessionId}`,
      created: now(), expires_at: now() + 24 * 3600,
      // Kept for the pay page and later objects; Stripe keeps these on the session too (not all returned).
      line_item: { name: str(obj(price.product_data).name) ?? 'Donation', interval: interval ?? null },
      payment_intent_metadata: metadataOf(obj(form.payment_intent_data).metadata),
      subscription_metadata: metadataOf(obj(form.subscription_data).metadata),
    };
    this.sessions.set(sessionId, session);
    return session;
  }

  private publicSession(session: Session): Json {
    const rest: Json = { ...session };
    for (const internal of ['line_item', 'payment_intent_metadata', 'subscription_metadata']) delete rest[internal];
    return structuredClone(rest);
  }

  private paymentIntentFor(session: Session): Json {
    if (session.payment_intent) return this.paymentIntents.get(session.payment_intent)!;
    const pi: Json = {
      id: id('pi'), object: 'payment_intent', amount: session.amount_total, amount_received: 0, currency: session.currency,
      status: 'requires_payment_method', metadata: { ...(session.payment_intent_metadata as Record<string, string>) },
      latest_charge: null, last_payment_error: null, invoice: null, created: now(), livemode: false,
    };
    this.paymentIntents.set(pi.id as string, pi);
    session.payment_intent = pi.id as string;
    return pi;
  }

  private succeed(pi: Json): Json {
    const charge: Json = {
      id: id('ch'), object: 'charge', amount: pi.amount, amount_captured: pi.amount, amount_refunded: 0, currency: pi.currency,
      paid: true, refunded: false, status: 'succeeded', payment_intent: pi.id, metadata: {}, created: now(), livemode: false,
    };
    this.charges.set(charge.id as string, charge);
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: charge.id, last_payment_error: null });
    return charge;
  }

  private static failure(outcome: 'decline' | 'fail'): Json {
    return outcome === 'decline'
      ? { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }
      : { type: 'card_error', code: 'processing_error', decline_code: null, message: 'An error occurred while processing your card. Try again in a little bit.' };
  }

  /** The donor's choice on the pay page. Returns where to send the browser, or an error to show. */
  pay(sessionId: string, outcome: PayOutcome): { redirect: string } | { error: string } {
    const session = this.sessions.get(sessionId);
    if (!session) throw new StripeError(404, `No such checkout.session: '${sessionId}'`, 'id', 'resource_missing');
    if (session.status !== 'open') throw new StripeError(400, `This checkout session is ${session.status}.`, undefined, 'checkout_session_not_open');
    const successUrl = session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id);
    if (session.mode === 'payment') {
      const pi = this.paymentIntentFor(session);
      if (outcome !== 'pay') {
        Object.assign(pi, { status: 'requires_payment_method', last_payment_error: PaymentStandin.failure(outcome) });
        this.emit('payment_intent.payment_failed', pi);
        return { error: (pi.last_payment_error as Json).message as string };
      }
      this.succeed(pi);
      Object.assign(session, { status: 'complete', payment_status: 'paid' });
      this.emit('payment_intent.succeeded', pi);
      this.emit('checkout.session.completed', this.publicSession(session));
      return { redirect: successUrl };
    }
    // Subscription: a declined first payment leaves the checkout open (Stripe shows the error; no subscription yet).
    if (outcome !== 'pay') return { error: (PaymentStandin.failure(outcome).message as string) };
    const interval = (session.line_item as Json).interval as string;
    const sub: Json = {
      id: id('sub'), object: 'subscription', status: 'active', metadata: { ...(session.subscription_metadata as Record<string, string>) },
      currency: session.currency, created: now(), livemode: false, cancel_at_period_end: false, canceled_at: null,
      items: { object: 'list', data: [{ price: { unit_amount: session.amount_total, currency: session.currency, recurring: { interval } } }] },
      current_period_start: now(), current_period_end: now() + (interval === 'year' ? 365 : 30) * 86400,
      latest_invoice: null, invoice_count: 0,
    };
    this.subscriptions.set(sub.id as string, sub);
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: sub.id });
    const invoice = this.invoice(sub, 'subscription_create', 'pay');
    this.emit('checkout.session.completed', this.publicSession(session));
    this.emit('invoice.paid', invoice);
    this.emit('payment_intent.succeeded', this.paymentIntents.get(invoice.payment_intent as string)!);
    return { redirect: successUrl };
  }

  /** One invoice of a subscription, paid or failed, with its payment intent (no metadata, as in Stripe). */
  private invoice(sub: Json, reason: 'subscription_create' | 'subscription_cycle', outcome: PayOutcome): Json {
    const amount = ((sub.items as Json).data as Json[])[0].price as Json;
    const pi: Json = {
      id: id('pi'), object: 'payment_intent', amount: amount.unit_amount, amount_received: 0, currency: sub.currency,
      status: 'requires_payment_method', metadata: {}, latest_charge: null, last_payment_error: null, invoice: null, created: now(), livemode: false,
    };
    this.paymentIntents.set(pi.id as string, pi);
    const invoice: Json = {
      id: id('in'), object: 'invoice', subscription: sub.id, billing_reason: reason, currency: sub.currency,
      amount_due: amount.unit_amount, amount_paid: 0, amount_remaining: amount.unit_amount, attempt_count: 1, paid: false, status: 'open',
      payment_intent: pi.id, charge: null, created: now(), period_start: now(), period_end: sub.current_period_end, livemode: false,
      subscription_details: { metadata: structuredClone(sub.metadata) }, last_payment_error: null,
    };
    pi.invoice = invoice.id;
    if (outcome === 'pay') {
      const charge = this.succeed(pi);
      Object.assign(invoice, { amount_paid: invoice.amount_due, amount_remaining: 0, paid: true, status: 'paid', charge: charge.id });
    } else {
      pi.last_payment_error = PaymentStandin.failure(outcome);
      invoice.last_payment_error = pi.last_payment_error;
    }
    this.invoices.set(invoice.id as string, invoice);
    sub.latest_invoice = invoice.id;
    sub.invoice_count = (sub.invoice_count as number) + 1;
    return invoice;
  }

  /** Test hook: the subscription's next billing period (paid, or failed with past_due). */
  billSubscription(subscriptionId: string, outcome: PayOutcome): Json {
    const sub = this.subscriptions.get(subscriptionId);
    if (!sub) throw new StripeError(404, `No such subscription: '${subscriptionId}'`, 'id', 'resource_missing');
    if (sub.status === 'canceled') throw new StripeError(400, 'This subscription is canceled.', undefined, 'subscription_canceled');
    const invoice = this.invoice(sub, 'subscription_cycle', outcome);
    const pi = this.paymentIntents.get(invoice.payment_intent as string)!;
    if (outcome === 'pay') {
      sub.status = 'active';
      this.emit('invoice.paid', invoice);
      this.emit('payment_intent.succeeded', pi);
    } else {
      sub.status = 'past_due';
      this.emit('invoice.payment_failed', invoice);
      this.emit('payment_intent.payment_failed', pi);
    }
    return invoice;
  }

  /** Test hook: the session times out unpaid (checkout.session.expired). */
  expireSession(sessionId: string): Json {
    const session = this.sessions.get(sessionId);
    if (!session) throw new StripeError(404, `No such checkout.session: '${sessionId}'`, 'id', 'resource_missing');
    if (session.status !== 'open') throw new StripeError(400, `This checkout session is ${session.status}.`);
    session.status = 'expired';
    this.emit('checkout.session.expired', this.publicSession(session));
    return this.publicSession(session);
  }

  private createRefund(form: FormObject): Json {
    let pi: Json | undefined;
    const piId = str(form.payment_intent);
    const chargeId = str(form.charge);
    if (piId) pi = this.paymentIntents.get(piId);
    else if (chargeId) {
      const c = this.charges.get(chargeId);
      pi = c ? this.paymentIntents.get(c.payment_intent as string) : undefined;
    } else throw new StripeError(400, 'One of the following params should be provided for this request: payment_intent or charge.', 'payment_intent', 'parameter_missing');
    if (!pi) throw new StripeError(404, `No such payment_intent: '${piId ?? chargeId}'`, piId ? 'payment_intent' : 'charge', 'resource_missing');
    const charge = pi.latest_charge ? this.charges.get(pi.latest_charge as string) : undefined;
    if (!charge || pi.status !== 'succeeded') throw new StripeError(400, `This PaymentIntent (${pi.id as string}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    if (left <= 0) throw new StripeError(400, `Charge ${charge.id as string} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = form.amount === undefined ? left : positiveInt(form.amount, 'amount');
    if (amount > left) throw new StripeError(400, `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount', 'amount_too_large');
    const reason = str(form.reason) ?? null;
    if (reason !== null && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) throw new StripeError(400, 'Invalid reason', 'reason');
    const refund: Json = {
      id: id('re'), object: 'refund', amount, charge: charge.id, payment_intent: pi.id, currency: charge.currency, status: 'succeeded',
      reason, metadata: metadataOf(form.metadata), created: now(),
    };
    this.refunds.set(refund.id as string, refund);
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    this.emit('charge.refunded', charge);
    return refund;
  }

  private cancelSubscription(subscriptionId: string): Json {
    const sub = this.subscriptions.get(subscriptionId);
    if (!sub) throw new StripeError(404, `No such subscription: '${subscriptionId}'`, 'id', 'resource_missing');
    if (sub.status !== 'canceled') {
      Object.assign(sub, { status: 'canceled', canceled_at: now() });
      this.emit('customer.subscription.deleted', sub);
    }
    return sub;
  }

  // ---------------------------------------------------------------- HTTP

  private authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    let key = '';
    if (header.startsWith('Bearer ')) key = header.slice(7).trim();
    else if (header.startsWith('Basic ')) key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
    const a = Buffer.from(key);
    const b = Buffer.from(this.secretKey);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', 'cache-control': 'no-store', ...headers });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const method = req.method ?? 'GET';
    try {
      // The hosted pay page: the donor's browser, no API key.
      const page = /^\/pay\/([A-Za-z0-9_]+)$/.exec(url.pathname);
      if (page) return await this.handlePage(req, res, method, page[1]);
      if (url.pathname === '/health') return this.send(res, 200, { ok: true });
      if (!url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/_standin/')) throw new StripeError(404, `Unrecognized request URL (${method}: ${url.pathname}).`);
      if (!this.authorised(req)) {
        return this.send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided. Send it as `Authorization: Bearer sk_test_…`.' } });
      }
      const raw = await readBody(req);
      const idemKey = method === 'POST' && url.pathname.startsWith('/v1/') ? req.headers['idempotency-key'] : undefined;
      if (typeof idemKey === 'string') {
        const cached = this.idempotency.get(`${url.pathname} ${idemKey}`);
        if (cached) {
          res.writeHead(cached.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
          return void res.end(cached.body);
        }
      }
      const form = (req.headers['content-type'] ?? '').includes('application/json') ? (JSON.parse(raw || '{}') as FormObject) : parseForm(raw);
      const [status, body] = await this.route(method, url, form);
      if (typeof idemKey === 'string') this.idempotency.set(`${url.pathname} ${idemKey}`, { status, body: JSON.stringify(body) });
      return this.send(res, status, body);
    } catch (error) {
      if (error instanceof StripeError) {
        return this.send(res, error.status, { error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}), ...(error.code ? { code: error.code } : {}) } });
      }
      this.log(`error ${String(error)}`);
      return this.send(res, 500, { error: { type: 'api_error', message: 'The stand-in failed: ' + (error instanceof Error ? error.message : String(error)) } });
    }
  }

  private async route(method: string, url: URL, form: FormObject): Promise<[number, unknown]> {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') return [200, this.publicSession(this.createSession(form))];
    if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([A-Za-z0-9_]+)$/.exec(path))) {
      const s = this.sessions.get(m[1]);
      if (!s) throw new StripeError(404, `No such checkout.session: '${m[1]}'`, 'id', 'resource_missing');
      return [200, this.publicSession(s)];
    }
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([A-Za-z0-9_]+)$/.exec(path))) {
      const pi = this.paymentIntents.get(m[1]);
      if (!pi) throw new StripeError(404, `No such payment_intent: '${m[1]}'`, 'id', 'resource_missing');
      return [200, pi];
    }
    if (method === 'POST' && path === '/v1/refunds') return [200, this.createRefund(form)];
    if (method === 'DELETE' && (m = /^\/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(path))) return [200, this.cancelSubscription(m[1])];

    // Test hooks.
    if (method === 'GET' && path === '/_standin/events') {
      return [200, { object: 'list', data: this.eventList.map((e) => ({ id: e.id, type: e.type, created: e.created, delivered: e.delivered, deliveries: e.deliveries, data: (JSON.parse(e.payload) as Json).data })) }];
    }
    if (method === 'POST' && path === '/_standin/webhooks/hold') {
      this.hold();
      return [200, { held: true }];
    }
    if (method === 'POST' && path === '/_standin/webhooks/release') {
      await this.release(str(form.order) === 'reverse' ? 'reverse' : 'sent');
      return [200, { held: false }];
    }
    if (method === 'POST' && path === '/_standin/webhooks/deliver') {
      const ids = Array.isArray(form.ids) ? form.ids.filter((v): v is string => typeof v === 'string') : [];
      return [200, { deliveries: await this.deliver(ids) }];
    }
    if (method === 'POST' && path === '/_standin/config') {
      if (form.webhook_url !== undefined) this.setWebhookUrl(str(form.webhook_url) || null);
      return [200, { webhook_url: this.webhookUrl }];
    }
    if (method === 'POST' && (m = /^\/_standin\/events\/([A-Za-z0-9_]+)\/replay$/.exec(path))) return [200, { delivery: await this.replay(m[1]) }];
    if (method === 'POST' && (m = /^\/_standin\/subscriptions\/([A-Za-z0-9_]+)\/invoices$/.exec(path))) {
      return [200, this.billSubscription(m[1], (str(form.outcome) as PayOutcome | undefined) ?? 'pay')];
    }
    if (method === 'POST' && (m = /^\/_standin\/checkout\/sessions\/([A-Za-z0-9_]+)\/expire$/.exec(path))) return [200, this.expireSession(m[1])];
    if (method === 'POST' && (m = /^\/_standin\/checkout\/sessions\/([A-Za-z0-9_]+)\/pay$/.exec(path))) {
      const outcome = str(form.outcome) ?? 'pay';
      if (!['pay', 'decline', 'fail'].includes(outcome)) throw new StripeError(400, 'outcome must be pay, decline or fail', 'outcome');
      return [200, this.pay(m[1], outcome as PayOutcome)];
    }
    throw new StripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  private async handlePage(req: IncomingMessage, res: ServerResponse, method: string, sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return this.send(res, 404, payPage({ notFound: true }));
    const view = { amount: session.amount_total, currency: session.currency, name: (session.line_item as Json).name as string, interval: (session.line_item as Json).interval as string | null, status: session.status, cancelUrl: session.cancel_url, successUrl: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) };
    if (method === 'GET') return this.send(res, 200, payPage(view));
    if (method !== 'POST') return this.send(res, 405, payPage({ notFound: true }));
    const outcome = new URLSearchParams(await readBody(req, 4096)).get('outcome');
    if (outcome !== 'pay' && outcome !== 'decline' && outcome !== 'fail') return this.send(res, 400, payPage({ ...view, error: 'Choose Pay, Decline or Fail.' }));
    if (session.status !== 'open') return this.send(res, 409, payPage(view));
    const result = this.pay(sessionId, outcome);
    if ('redirect' in result) {
      res.writeHead(303, { location: result.redirect, 'cache-control': 'no-store' });
      return void res.end();
    }
    return this.send(res, 402, payPage({ ...view, error: result.error }));
  }
}

/** Starts a stand-in listening on `options.port` (0 = any free port). */
export async function startPaymentStandin(options: StandinOptions = {}): Promise<PaymentStandin> {
  const standin = new PaymentStandin(options);
  await standin.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return standin;
}
