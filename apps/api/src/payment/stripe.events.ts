/**
 * Stripe events (API version 2024-06-20) → PaymentEffect. Only the events Muster acts on are read; anything else is
 * IGNORED (recorded, acknowledged, changes nothing). Pure: no I/O.
 */
import { PaymentException } from './payment.exception.js';
import type { PaymentEffect, PaymentEvent, PaymentRef } from './payment-provider.js';

type Obj = Record<string, unknown>;

export const METADATA = { organisationId: 'muster_organisation_id', donationId: 'muster_donation_id', planId: 'muster_plan_id' } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function o(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

function s(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A string id, or the id of an expanded object. */
function idOf(value: unknown): string | null {
  return s(value) ?? s(o(value).id);
}

function uuidOrNull(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

export function refOf(metadata: unknown): PaymentRef {
  const m = o(metadata);
  return { organisationId: uuidOrNull(m[METADATA.organisationId]), donationId: uuidOrNull(m[METADATA.donationId]), planId: uuidOrNull(m[METADATA.planId]) };
}

function pence(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

function effectOf(type: string, object: Obj): PaymentEffect {
  switch (type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const mode = object.mode === 'subscription' ? 'subscription' : 'payment';
      return {
        kind: 'CHECKOUT_COMPLETED', checkoutId: String(object.id), mode, paid: object.payment_status === 'paid',
        paymentId: idOf(object.payment_intent), subscriptionId: idOf(object.subscription), ref: refOf(object.metadata),
      };
    }
    case 'checkout.session.expired':
      return { kind: 'CHECKOUT_EXPIRED', checkoutId: String(object.id), mode: object.mode === 'subscription' ? 'subscription' : 'payment', ref: refOf(object.metadata) };
    case 'payment_intent.succeeded':
      return { kind: 'PAYMENT_SUCCEEDED', paymentId: String(object.id), invoiceId: idOf(object.invoice), ref: refOf(object.metadata) };
    case 'payment_intent.payment_failed': {
      const error = o(object.last_payment_error);
      return {
        kind: 'PAYMENT_FAILED', paymentId: String(object.id), invoiceId: idOf(object.invoice),
        code: s(error.code),
        message: s(error.message), ref: refOf(object.metadata),
      };
    }
    case 'charge.refunded': {
      const paymentId = idOf(object.payment_intent);
      if (!paymentId) return { kind: 'IGNORED' };
      return { kind: 'REFUNDED', paymentId, refundedPence: pence(object.amount_refunded), ref: refOf(object.metadata) };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const subscriptionId = idOf(object.subscription);
      if (!subscriptionId) return { kind: 'IGNORED' };
      const error = o(object.last_payment_error);
      return {
        kind: type === 'invoice.paid' ? 'INVOICE_PAID' : 'INVOICE_FAILED', invoiceId: String(object.id), subscriptionId,
        paymentId: idOf(object.payment_intent), amountPence: type === 'invoice.paid' ? pence(object.amount_paid) : pence(object.amount_due),
        currency: String(object.currency ?? 'gbp').toUpperCase(), firstOfPlan: object.billing_reason === 'subscription_create',
        code: type === 'invoice.paid' ? null : (s(error.code) ?? 'invoice_payment_failed'),
        message: type === 'invoice.paid' ? null : (s(error.message) ?? 'The monthly payment failed.'),
        ref: refOf(o(object.subscription_details).metadata),
      };
    }
    case 'customer.subscription.deleted':
      return { kind: 'SUBSCRIPTION_CANCELLED', subscriptionId: String(object.id), ref: refOf(object.metadata) };
    default:
      return { kind: 'IGNORED' };
  }
}

/** A verified body → the event, or PAYMENT_WEBHOOK_PAYLOAD_INVALID when it is not a Stripe event. */
export function parseStripeEvent(rawBody: Buffer): PaymentEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw PaymentException.payloadInvalid('not JSON.');
  }
  const event = o(body);
  const object = o(o(event.data).object);
  if (event.object !== 'event' || typeof event.id !== 'string' || !/^evt_[A-Za-z0-9_]{1,250}$/.test(event.id)
      || typeof event.type !== 'string' || typeof event.created !== 'number' || Object.keys(object).length === 0) {
    throw PaymentException.payloadInvalid('expected { object: "event", id: "evt_…", type, created, data: { object } }.');
  }
  return { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), payload: body, effect: effectOf(event.type, object) };
}
