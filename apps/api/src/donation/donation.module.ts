/**
 * Donation module: one-off and monthly gifts in whole pence, Gift Aid declarations, refunds, failures and totals
 * (migration 1768200000000, docs/donations.md). Provides DonationCheckoutService (the action pages' donate button)
 * and the payment webhook (PaymentWebhookRoutes at POST /webhooks/payments/stripe, handled by
 * DonationPaymentsService); a paid donation linked to an action completes the member's response through
 * ActionResponseService. Must never: apply a provider event twice or move a donation backwards, read or change
 * another organisation's donations, or un-complete an action on refund.
 */
import { Module } from '@nestjs/common';
import { ActionModule } from '../action/action.module.js';
import { MemberRepository } from '../member/member.repository.js';
import { PaymentModule } from '../payment/payment.module.js';
import { PAYMENT_EVENT_HANDLER, PaymentWebhookRoutes } from '../payment/payment-webhook.routes.js';
import { DonationCheckoutService } from './donation-checkout.service.js';
import { DonationPaymentsService } from './donation-payments.service.js';
import { DonationRepository } from './donation.repository.js';
import { DonationConnectionResolver, DonationPlanConnectionResolver, DonationPlanResolver, DonationResolver } from './donation.resolver.js';
import { DonationService } from './donation.service.js';
import { PaymentLookupRepository } from './payment-lookup.repository.js';

@Module({
  imports: [ActionModule, PaymentModule],
  providers: [
    DonationRepository, PaymentLookupRepository, MemberRepository, DonationService, DonationCheckoutService, DonationPaymentsService,
    { provide: PAYMENT_EVENT_HANDLER, useExisting: DonationPaymentsService }, PaymentWebhookRoutes,
    DonationResolver, DonationConnectionResolver, DonationPlanResolver, DonationPlanConnectionResolver,
  ],
  exports: [DonationCheckoutService],
})
export class DonationModule {}
