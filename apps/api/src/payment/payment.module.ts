/**
 * Payment module: the provider adapter (PaymentProvider, implemented over Stripe's HTTP API — Stripe itself, or the
 * local stand-in in development and tests) and its webhook contract (signature, events). It holds no data: the
 * donation module records what payments mean and registers the webhook route (PaymentWebhookRoutes) with its handler.
 * Must never: store card data, or act on a webhook whose signature did not verify. See docs/donations.md.
 */
import { Module } from '@nestjs/common';
import { PAYMENT_PROVIDER } from './payment-provider.js';
import { StripePaymentProvider } from './stripe-payment.provider.js';

@Module({
  providers: [StripePaymentProvider, { provide: PAYMENT_PROVIDER, useExisting: StripePaymentProvider }],
  exports: [PAYMENT_PROVIDER],
})
export class PaymentModule {}
