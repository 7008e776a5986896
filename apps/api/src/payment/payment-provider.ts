/**
 * The payment-provider adapter: what the donation module asks of a card processor, and the provider's webhook
 * events turned into facts about our donations. StripePaymentProvider implements it against Stripe's HTTP API (or the
 * stand-in, which speaks the same). Must never: hold card data (the donor pays on the provider's page), or let a
 * webhook through without its signature checked (verifyWebhook does that first).
 */
import type { DonationProvider } from '@muster/domain';

export const PAYMENT_PROVIDER = Symbol('PaymentProvider');

/** The ids we put into the provider's metadata, echoed back on its objects and events. */
export interface PaymentRef {
  organisationId: string | null;
  donationId: string | null;
  planId: string | null;
}

export interface CheckoutRequest {
  /** Sent as the Idempotency-Key: a retried request creates one checkout. */
  idempotencyKey: string;
  mode: 'payment' | 'subscription';
  amountPence: number;
  currency: string;
  /** What the donor sees on the provider's page. */
  description: string;
  interval: 'month' | 'year' | null;
  successUrl: string;
  cancelUrl: string;
  ref: PaymentRef;
  customerEmail?: string | null;
}

export interface Checkout {
  checkoutId: string;
  url: string;
}

export interface RefundRequest {
  paymentId: string;
  amountPence: number;
  idempotencyKey: string;
  ref: PaymentRef;
}

export interface ProviderPayment {
  paymentId: string;
  ref: PaymentRef;
  invoiceId: string | null;
}

/** What a provider event means for us (PaymentEffect), with the event's identity. */
export interface PaymentEvent {
  id: string;
  type: string;
  createdAt: Date;
  payload: unknown;
  effect: PaymentEffect;
}

export type PaymentEffect =
  | { kind: 'CHECKOUT_COMPLETED'; checkoutId: string; mode: 'payment' | 'subscription'; paid: boolean; paymentId: string | null; subscriptionId: string | null; ref: PaymentRef }
  | { kind: 'CHECKOUT_EXPIRED'; checkoutId: string; mode: 'payment' | 'subscription'; ref: PaymentRef }
  | { kind: 'PAYMENT_SUCCEEDED'; paymentId: string; invoiceId: string | null; ref: PaymentRef }
  | { kind: 'PAYMENT_FAILED'; paymentId: string; invoiceId: string | null; code: string | null; message: string | null; ref: PaymentRef }
  /** refundedPence: the provider's cumulative total refunded on the payment. */
  | { kind: 'REFUNDED'; paymentId: string; refundedPence: number; ref: PaymentRef }
  | { kind: 'INVOICE_PAID' | 'INVOICE_FAILED'; invoiceId: string; subscriptionId: string; paymentId: string | null; amountPence: number; currency: string;
      firstOfPlan: boolean; code: string | null; message: string | null; ref: PaymentRef }
  | { kind: 'SUBSCRIPTION_CANCELLED'; subscriptionId: string; ref: PaymentRef }
  | { kind: 'IGNORED' };

export interface PaymentProvider {
  /** What donations made through this provider are recorded as. */
  readonly name: DonationProvider;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  refund(request: RefundRequest): Promise<{ refundId: string; amountPence: number }>;
  /** A payment's metadata (for events that do not carry it, e.g. charge.refunded). */
  retrievePayment(paymentId: string): Promise<ProviderPayment | null>;
  cancelSubscription(subscriptionId: string): Promise<void>;
  /** Checks the signature on the raw body (PAYMENT_WEBHOOK_SIGNATURE_INVALID), then reads the event. */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, nowMs?: number): PaymentEvent;
}
