/**
 * PaymentProvider over Stripe's HTTP API (form-encoded, Bearer secret key, Stripe-Version pinned, Idempotency-Key on
 * every POST), and Stripe's webhook contract. The same code talks to the local stand-in (packages/payment-standin):
 * only MUSTER_STRIPE_API_URL differs. Must never: log the secret key or a request body with personal data.
 */
import { Injectable } from '@nestjs/common';
import type { DonationProvider } from '@muster/domain';
import { paymentConfig } from './payment.config.js';
import { PaymentException } from './payment.exception.js';
import type { Checkout, CheckoutRequest, PaymentEvent, PaymentProvider, PaymentRef, ProviderPayment, RefundRequest } from './payment-provider.js';
import { METADATA, parseStripeEvent, refOf } from './stripe.events.js';
import { verifyStripeSignature } from './stripe.signature.js';

export const STRIPE_API_VERSION = '2024-06-20';

/** Nested objects → Stripe's bracketed form keys. */
export function stripeForm(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const walk = (prefix: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) v.forEach((item, i) => walk(`${prefix}[${i}]`, item));
    else if (typeof v === 'object') for (const [k, inner] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}[${k}]` : k, inner);
    else params.append(prefix, String(v));
  };
  walk('', value);
  return params.toString();
}

function metadata(ref: PaymentRef): Record<string, string> {
  const out: Record<string, string> = {};
  if (ref.organisationId) out[METADATA.organisationId] = ref.organisationId;
  if (ref.donationId) out[METADATA.donationId] = ref.donationId;
  if (ref.planId) out[METADATA.planId] = ref.planId;
  return out;
}

@Injectable()
export class StripePaymentProvider implements PaymentProvider {
  get name(): DonationProvider {
    return paymentConfig().provider;
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, form: Record<string, unknown> | null, idempotencyKey?: string): Promise<{ status: number; body: T }> {
    const config = paymentConfig();
    if (!config.secretKey) throw PaymentException.notConfigured();
    let res: Response;
    try {
      res = await fetch(`${config.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${config.secretKey}`,
          'stripe-version': STRIPE_API_VERSION,
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: form ? stripeForm(form) : undefined,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw PaymentException.providerError('it could not be reached. Try again in a minute.', { reason: error instanceof Error ? error.name : 'unknown' });
    }
    const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string; code?: string; type?: string; param?: string } };
    if (res.status >= 400 && res.status !== 404) {
      const e = body.error ?? {};
      // Card and request errors carry a message meant for people; a 5xx or an auth failure does not.
      const message = res.status < 500 && res.status !== 401 && typeof e.message === 'string' ? e.message : `it answered HTTP ${res.status}.`;
      throw PaymentException.providerError(message, { status: res.status, code: e.code ?? null, type: e.type ?? null });
    }
    return { status: res.status, body };
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const meta = metadata(request.ref);
    const { status, body } = await this.call<{ id: string; url: string }>('POST', '/v1/checkout/sessions', {
      mode: request.mode,
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      client_reference_id: request.ref.donationId ?? undefined,
      customer_email: request.customerEmail ?? undefined,
      line_items: [{
        quantity: 1,
        price_data: {
          currency: request.currency.toLowerCase(), unit_amount: request.amountPence, product_data: { name: request.description },
          recurring: request.interval ? { interval: request.interval } : undefined,
        },
      }],
      metadata: meta,
      payment_intent_data: request.mode === 'payment' ? { metadata: meta } : undefined,
      subscription_data: request.mode === 'subscription' ? { metadata: meta } : undefined,
    }, request.idempotencyKey);
    if (status === 404 || typeof body.id !== 'string' || typeof body.url !== 'string') throw PaymentException.providerError('it did not return a checkout.');
    return { checkoutId: body.id, url: body.url };
  }

  async refund(request: RefundRequest): Promise<{ refundId: string; amountPence: number }> {
    const { status, body } = await this.call<{ id: string; amount: number }>('POST', '/v1/refunds', {
      payment_intent: request.paymentId, amount: request.amountPence, reason: 'requested_by_customer', metadata: metadata(request.ref),
    }, request.idempotencyKey);
    if (status === 404) throw PaymentException.providerError('it does not know this payment.');
    return { refundId: body.id, amountPence: body.amount };
  }

  async retrievePayment(paymentId: string): Promise<ProviderPayment | null> {
    if (!/^pi_[A-Za-z0-9_]+$/.test(paymentId)) return null;
    const { status, body } = await this.call<{ id: string; metadata?: unknown; invoice?: unknown }>('GET', `/v1/payment_intents/${paymentId}`, null);
    if (status === 404) return null;
    const invoice = typeof body.invoice === 'string' ? body.invoice : null;
    return { paymentId: body.id, ref: refOf(body.metadata), invoiceId: invoice };
  }

  async cancelSubscription(subscriptionId: string): Promise<void> {
    if (!/^sub_[A-Za-z0-9_]+$/.test(subscriptionId)) throw PaymentException.providerError('not a subscription id.');
    await this.call('DELETE', `/v1/subscriptions/${subscriptionId}`, null);
  }

  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, nowMs = Date.now()): PaymentEvent {
    const config = paymentConfig();
    verifyStripeSignature(rawBody, headers['stripe-signature'], config.webhookSecrets, config.toleranceSeconds, nowMs);
    return parseStripeEvent(rawBody);
  }
}
