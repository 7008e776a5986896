import { createHmac } from 'node:crypto';
import { PaymentException } from './payment.exception';
import { parseStripeEvent } from './stripe.events';
import { parseSignatureHeader, verifyStripeSignature } from './stripe.signature';

const SECRET = 'whsec_test_secret';
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const T = NOW / 1000;
const body = Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', created: T, data: { object: { id: 'pi_1', metadata: {} } } }));
const sign = (secret: string, t: number, payload: Buffer = body) => createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');

function reason(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof PaymentException) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'accepted';
}

describe('verifyStripeSignature', () => {
  it('accepts a v1 signature of the exact body within the tolerance', () => {
    expect(reason(() => verifyStripeSignature(body, `t=${T},v1=${sign(SECRET, T)}`, [SECRET], 300, NOW))).toBe('accepted');
    expect(reason(() => verifyStripeSignature(body, `t=${T - 299},v1=${sign(SECRET, T - 299)}`, [SECRET], 300, NOW))).toBe('accepted');
  });

  it('accepts when any v1 matches, and any of several secrets (rolling a secret)', () => {
    expect(reason(() => verifyStripeSignature(body, `t=${T},v1=${'0'.repeat(64)},v1=${sign(SECRET, T)}`, [SECRET], 300, NOW))).toBe('accepted');
    expect(reason(() => verifyStripeSignature(body, `t=${T},v1=${sign('whsec_new', T)}`, [SECRET, 'whsec_new'], 300, NOW))).toBe('accepted');
  });

  it.each([
    ['missing header', undefined, /header is missing/],
    ['empty header', '', /header is missing/],
    ['no timestamp', `v1=${sign(SECRET, T)}`, /no t= timestamp/],
    ['v0 only', `t=${T},v0=${sign(SECRET, T)}`, /no v1= signature/],
    ['wrong secret', `t=${T},v1=${sign('whsec_other', T)}`, /no signature matches/],
    ['signature of another timestamp', `t=${T},v1=${sign(SECRET, T - 1)}`, /no signature matches/],
    ['stale', `t=${T - 301},v1=${sign(SECRET, T - 301)}`, /outside the 300 s tolerance/],
    ['from the future', `t=${T + 301},v1=${sign(SECRET, T + 301)}`, /outside the 300 s tolerance/],
  ])('refuses %s', (_name, header, message) => {
    expect(reason(() => verifyStripeSignature(body, header, [SECRET], 300, NOW))).toMatch(new RegExp(`^PAYMENT_WEBHOOK_SIGNATURE_INVALID: .*${message.source}`));
  });

  it('refuses a body changed by one byte', () => {
    const forged = Buffer.from(body.toString().replace('pi_1', 'pi_2'));
    expect(reason(() => verifyStripeSignature(forged, `t=${T},v1=${sign(SECRET, T)}`, [SECRET], 300, NOW))).toMatch(/no signature matches/);
  });

  it('without a configured secret, refuses as not configured', () => {
    expect(reason(() => verifyStripeSignature(body, `t=${T},v1=${sign(SECRET, T)}`, [], 300, NOW))).toMatch(/^PAYMENT_PROVIDER_NOT_CONFIGURED/);
  });

  it('parses the header leniently but only keeps well-formed parts', () => {
    expect(parseSignatureHeader(` t=12 , v1=${'A'.repeat(64)},v1=short,x=1`)).toEqual({ timestamp: 12, signatures: ['a'.repeat(64)] });
  });
});

describe('parseStripeEvent', () => {
  const event = (type: string, object: Record<string, unknown>) => Buffer.from(JSON.stringify({ id: 'evt_x', object: 'event', type, created: T, data: { object } }));
  const ORG = '01937000-0000-7000-8000-000000000001';
  const DON = '01937000-0000-7000-8000-000000000009';

  it('reads our metadata and the facts each event type carries', () => {
    expect(parseStripeEvent(event('payment_intent.payment_failed', {
      id: 'pi_1', metadata: { muster_organisation_id: ORG, muster_donation_id: DON }, last_payment_error: { code: 'card_declined', message: 'Your card was declined.' },
    })).effect).toEqual({ kind: 'PAYMENT_FAILED', paymentId: 'pi_1', invoiceId: null, code: 'card_declined', message: 'Your card was declined.', ref: { organisationId: ORG, donationId: DON, planId: null } });
    expect(parseStripeEvent(event('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', amount_refunded: 400 })).effect)
      .toEqual({ kind: 'REFUNDED', paymentId: 'pi_1', refundedPence: 400, ref: { organisationId: null, donationId: null, planId: null } });
    expect(parseStripeEvent(event('invoice.paid', {
      id: 'in_1', subscription: 'sub_1', payment_intent: 'pi_2', amount_paid: 500, currency: 'gbp', billing_reason: 'subscription_cycle',
      subscription_details: { metadata: { muster_plan_id: DON } },
    })).effect).toMatchObject({ kind: 'INVOICE_PAID', invoiceId: 'in_1', subscriptionId: 'sub_1', paymentId: 'pi_2', amountPence: 500, currency: 'GBP', firstOfPlan: false, ref: { planId: DON } });
  });

  it('ignores other event types and metadata that is not ours', () => {
    expect(parseStripeEvent(event('charge.dispute.created', { id: 'dp_1' })).effect).toEqual({ kind: 'IGNORED' });
    expect(parseStripeEvent(event('payment_intent.succeeded', { id: 'pi_1', metadata: { muster_organisation_id: "x' OR 1=1" } })).effect)
      .toMatchObject({ ref: { organisationId: null } });
  });

  it('refuses bodies that are not events', () => {
    expect(reason(() => parseStripeEvent(Buffer.from('nope')))).toMatch(/^PAYMENT_WEBHOOK_PAYLOAD_INVALID: .*not JSON/);
    expect(reason(() => parseStripeEvent(Buffer.from('{"id":"evt_1","object":"event","type":"x","created":1}')))).toMatch(/^PAYMENT_WEBHOOK_PAYLOAD_INVALID/);
    expect(reason(() => parseStripeEvent(Buffer.from(JSON.stringify({ id: 'no', object: 'event', type: 'x', created: 1, data: { object: { id: 1 } } }))))).toMatch(/^PAYMENT_WEBHOOK_PAYLOAD_INVALID/);
  });
});
