/**
 * What the provider's webhooks do to donations (the PaymentEventHandler behind POST /webhooks/payments/stripe).
 *
 * For each verified event: find the organisation (the metadata we put on the provider's objects; else the one narrow
 * owner-context lookup by provider id, PaymentLookupRepository; else the payment's metadata fetched from the provider),
 * then in ONE transaction under that organisation's reach: record the event in payment_webhook_event (a replay stops
 * here: DUPLICATE), lock the donation or plan, fold the fact in with @muster/domain applyPaymentFact (never backwards,
 * order-independent), and the first time a donation becomes paid, complete its action for the member through
 * ActionResponseService (channel and credit from the donation). Any failure rolls all of it back and the provider
 * retries. An event that matches nothing of ours is recorded without an organisation and acknowledged.
 * Must never: apply one event twice, move a donation backwards, or un-complete an action (a refund leaves the
 * response COMPLETED: the member did give).
 */
import { Inject, Injectable } from '@nestjs/common';
import { applyPaymentFact, type DonationPaymentState, type DonationProvider, type PaymentFact } from '@muster/domain';
import { DataSource } from 'typeorm';
import { ActionResponseService } from '../action/action-response.service.js';
import { DomainException, ValidationFailedException } from '../common/domain.exception.js';
import { withRequestContext } from '../common/request-context.js';
import { PAYMENT_PROVIDER, type PaymentEffect, type PaymentEvent, type PaymentProvider, type PaymentRef } from '../payment/payment-provider.js';
import type { PaymentEventHandler } from '../payment/payment-webhook.routes.js';
import { PaymentLookupRepository } from './payment-lookup.repository.js';
import { DonationRepository, type DonationPlanRow, type DonationRow } from './donation.repository.js';

export interface Applied {
  outcome: string;
  donationId: string | null;
}

export function paymentStateOf(row: DonationRow): DonationPaymentState {
  return {
    status: row.status, amountPence: row.amount_pence, refundedPence: row.refunded_pence, succeededAt: row.succeeded_at,
    failureCode: row.failure_code, failureMessage: row.failure_message, providerUpdatedAt: row.provider_updated_at,
  };
}

const CHECKOUT_EXPIRED = { code: 'checkout_expired', message: 'The donor did not finish the checkout before it expired.' };

@Injectable()
export class DonationPaymentsService implements PaymentEventHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly donations: DonationRepository,
    private readonly lookup: PaymentLookupRepository,
    private readonly responses: ActionResponseService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async handle(provider: DonationProvider, event: PaymentEvent, requestId: string): Promise<{ outcome: string; duplicate: boolean }> {
    let effect = event.effect;
    let organisationId = effect.kind === 'IGNORED' ? null : effect.ref.organisationId;
    if (!organisationId && effect.kind !== 'IGNORED') organisationId = await this.lookup.organisationOf(provider, keysOf(effect));
    if (!organisationId && (effect.kind === 'PAYMENT_SUCCEEDED' || effect.kind === 'PAYMENT_FAILED' || effect.kind === 'REFUNDED')) {
      // charge.refunded carries no metadata and may arrive before we know the payment's id: ask the provider.
      const payment = await this.provider.retrievePayment(effect.paymentId);
      if (payment) {
        effect = { ...effect, ref: mergeRef(effect.ref, payment.ref) } as PaymentEffect;
        organisationId = payment.ref.organisationId
          ?? (payment.invoiceId ? await this.lookup.organisationOf(provider, { invoiceId: payment.invoiceId }) : null);
      }
    }
    if (!organisationId) {
      const fresh = await this.lookup.recordUnmatched(provider, event);
      return { outcome: fresh ? 'UNMATCHED' : 'DUPLICATE', duplicate: !fresh };
    }
    const org = organisationId;
    const resolved: PaymentEvent = { ...event, effect };
    return withRequestContext(this.dataSource, requestId, async () => {
      const fresh = await this.donations.recordEvent(org, { provider, eventId: event.id, type: event.type, createdAt: event.createdAt, payload: event.payload });
      if (!fresh) return { outcome: 'DUPLICATE', duplicate: true };
      const applied = await this.apply(org, provider, resolved);
      await this.donations.finishEvent(org, provider, event.id, applied.outcome, applied.donationId);
      return { outcome: applied.outcome, duplicate: false };
    }, { reach: { organisationIds: [org] } });
  }

  /** One event's effect, in the caller's transaction. */
  async apply(org: string, provider: DonationProvider, event: PaymentEvent): Promise<Applied> {
    const e = event.effect;
    const at = event.createdAt;
    switch (e.kind) {
      case 'IGNORED':
        return { outcome: 'IGNORED', donationId: null };
      case 'CHECKOUT_COMPLETED': {
        if (e.mode === 'subscription') {
          const plan = await this.planOf(org, provider, e.ref, { checkoutId: e.checkoutId, subscriptionId: e.subscriptionId });
          if (!plan) return { outcome: 'UNMATCHED', donationId: null };
          await this.donations.updatePlan(org, plan.id, { status: plan.status === 'CANCELLED' ? undefined : 'ACTIVE', subscriptionId: e.subscriptionId, startedAt: at });
          return { outcome: plan.status === 'CANCELLED' ? 'PLAN CANCELLED (unchanged)' : `PLAN ${plan.status} → ACTIVE`, donationId: null };
        }
        const donation = await this.donationOf(org, provider, e.ref, { checkoutId: e.checkoutId, paymentId: e.paymentId });
        if (!donation) return { outcome: 'UNMATCHED', donationId: null };
        await this.donations.setProviderIds(org, donation.id, { paymentId: e.paymentId, checkoutId: e.checkoutId });
        if (!e.paid) return { outcome: 'CHECKOUT COMPLETED, NOT PAID YET', donationId: donation.id };
        return this.applyFact(org, donation, { kind: 'SUCCEEDED', at });
      }
      case 'CHECKOUT_EXPIRED': {
        if (e.mode === 'subscription') {
          const plan = await this.planOf(org, provider, e.ref, { checkoutId: e.checkoutId, subscriptionId: null });
          if (!plan) return { outcome: 'UNMATCHED', donationId: null };
          if (plan.status === 'PENDING') await this.donations.updatePlan(org, plan.id, { status: 'FAILED' });
          const first = await this.donations.firstOfPlan(org, plan.id);
          if (!first) return { outcome: 'PLAN CHECKOUT EXPIRED', donationId: null };
          return this.applyFact(org, first, { kind: 'FAILED', at, ...CHECKOUT_EXPIRED });
        }
        const donation = await this.donationOf(org, provider, e.ref, { checkoutId: e.checkoutId });
        if (!donation) return { outcome: 'UNMATCHED', donationId: null };
        return this.applyFact(org, donation, { kind: 'FAILED', at, ...CHECKOUT_EXPIRED });
      }
      case 'PAYMENT_SUCCEEDED':
      case 'PAYMENT_FAILED':
      case 'REFUNDED': {
        const donation = await this.donationOf(org, provider, e.ref, { paymentId: e.paymentId });
        if (!donation) return { outcome: 'UNMATCHED', donationId: null };
        await this.donations.setProviderIds(org, donation.id, { paymentId: e.paymentId });
        const fact: PaymentFact = e.kind === 'PAYMENT_SUCCEEDED' ? { kind: 'SUCCEEDED', at }
          : e.kind === 'PAYMENT_FAILED' ? { kind: 'FAILED', at, code: e.code, message: e.message }
          : { kind: 'REFUNDED', at, refundedPence: e.refundedPence };
        return this.applyFact(org, donation, fact);
      }
      case 'INVOICE_PAID':
      case 'INVOICE_FAILED': {
        const plan = await this.planOf(org, provider, e.ref, { subscriptionId: e.subscriptionId, checkoutId: null });
        if (!plan) return { outcome: 'UNMATCHED', donationId: null };
        let donation = await this.donations.findByProviderId(org, provider, 'provider_invoice_id', e.invoiceId);
        if (!donation && e.firstOfPlan) donation = await this.donations.firstOfPlan(org, plan.id);
        if (!donation) {
          const id = await this.donations.insert(org, {
            memberId: plan.member_id, campaignId: plan.campaign_id, actionId: plan.action_id, amountPence: e.amountPence > 0 ? e.amountPence : plan.amount_pence,
            currency: e.currency || plan.currency, kind: 'RECURRING', planId: plan.id, status: 'PENDING', giftAid: plan.gift_aid,
            giftAidDeclarationId: plan.gift_aid_declaration_id, channel: plan.channel, creditedUserId: plan.credited_user_id, provider,
            providerInvoiceId: e.invoiceId, providerPaymentId: e.paymentId, createdBy: `provider:${provider.toLowerCase()}`, createdByUserId: null,
          });
          donation = await this.donations.find(org, id, true);
          if (!donation) throw new Error('donation: inserted row not found');
        }
        await this.donations.setProviderIds(org, donation.id, { paymentId: e.paymentId, invoiceId: e.invoiceId });
        if (e.kind === 'INVOICE_PAID') {
          await this.donations.updatePlan(org, plan.id, { status: plan.status === 'CANCELLED' ? undefined : 'ACTIVE', subscriptionId: e.subscriptionId, startedAt: at });
          return this.applyFact(org, donation, { kind: 'SUCCEEDED', at });
        }
        await this.donations.updatePlan(org, plan.id, { subscriptionId: e.subscriptionId, failure: { code: e.code, message: e.message } });
        return this.applyFact(org, donation, { kind: 'FAILED', at, code: e.code, message: e.message });
      }
      case 'SUBSCRIPTION_CANCELLED': {
        const plan = await this.planOf(org, provider, e.ref, { subscriptionId: e.subscriptionId, checkoutId: null });
        if (!plan) return { outcome: 'UNMATCHED', donationId: null };
        if (plan.status === 'CANCELLED') return { outcome: 'PLAN ALREADY CANCELLED', donationId: null };
        await this.donations.updatePlan(org, plan.id, { status: 'CANCELLED', cancelledAt: at });
        return { outcome: `PLAN ${plan.status} → CANCELLED`, donationId: null };
      }
    }
  }

  /** Folds a fact into a locked donation; completes its action the first time it becomes paid. */
  async applyFact(org: string, donation: DonationRow, fact: PaymentFact, actor?: string): Promise<Applied> {
    const result = applyPaymentFact(paymentStateOf(donation), fact);
    if (!result.ok) return { outcome: `REFUSED: ${result.error.message}`, donationId: donation.id };
    const { state, changed, becamePaid, ignoredBecause } = result.value;
    if (!changed) return { outcome: `UNCHANGED: ${ignoredBecause}`, donationId: donation.id };
    await this.donations.updatePayment(org, donation.id, state);
    if (becamePaid && donation.gift_aid_declaration_id) await this.donations.confirmDeclaration(org, donation.gift_aid_declaration_id);
    let outcome = donation.status === state.status ? `${state.status} (updated)` : `${donation.status} → ${state.status}`;
    if (becamePaid) outcome += await this.completeAction(org, donation, state.succeededAt ?? fact.at, actor);
    return { outcome, donationId: donation.id };
  }

  /**
   * A paid donation linked to an action completes the member's response (channel and credit from the donation). A
   * move the state machine refuses is reported in the outcome, not thrown: the payment stands either way.
   */
  private async completeAction(org: string, donation: DonationRow, at: Date, actor?: string): Promise<string> {
    if (!donation.action_id || !donation.member_id) return '';
    const complete = (creditedUserId: string | null) => this.responses.transition(org, {
      actionId: donation.action_id!, memberId: donation.member_id!, to: 'COMPLETED', channel: donation.channel,
      creditedUserId, actor: actor ?? `payment:${donation.provider.toLowerCase()}`, note: `Donation ${donation.id}`, at,
    });
    try {
      let response;
      let note = '';
      try {
        response = await complete(donation.credited_user_id);
      } catch (error) {
        // The credited user no longer works for the organisation: the completion stands, uncredited (as on the pages).
        if (!(donation.credited_user_id && error instanceof ValidationFailedException)) throw error;
        response = await complete(null);
        note = ' (uncredited: the credited user no longer works for the organisation)';
      }
      await this.donations.setResponse(org, donation.id, response.id);
      return `; action COMPLETED${note}`;
    } catch (error) {
      if (error instanceof DomainException) return `; action not completed: ${error.message}`;
      throw error;
    }
  }

  private async donationOf(org: string, provider: DonationProvider, ref: PaymentRef, ids: { paymentId?: string | null; checkoutId?: string | null }): Promise<DonationRow | null> {
    if (ref.donationId && (!ref.organisationId || ref.organisationId === org)) {
      const byId = await this.donations.find(org, ref.donationId, true);
      if (byId) return byId;
    }
    if (ids.paymentId) {
      const byPayment = await this.donations.findByProviderId(org, provider, 'provider_payment_id', ids.paymentId);
      if (byPayment) return byPayment;
    }
    if (ids.checkoutId) return this.donations.findByProviderId(org, provider, 'provider_checkout_id', ids.checkoutId);
    return null;
  }

  private async planOf(org: string, provider: DonationProvider, ref: PaymentRef, ids: { subscriptionId: string | null; checkoutId: string | null }): Promise<DonationPlanRow | null> {
    if (ref.planId && (!ref.organisationId || ref.organisationId === org)) {
      const byId = await this.donations.findPlan(org, ref.planId);
      if (byId) return byId;
    }
    if (ids.subscriptionId) {
      const bySub = await this.donations.findPlanByProviderId(org, provider, 'provider_subscription_id', ids.subscriptionId);
      if (bySub) return bySub;
    }
    if (ids.checkoutId) return this.donations.findPlanByProviderId(org, provider, 'provider_checkout_id', ids.checkoutId);
    return null;
  }
}

function mergeRef(a: PaymentRef, b: PaymentRef): PaymentRef {
  return { organisationId: a.organisationId ?? b.organisationId, donationId: a.donationId ?? b.donationId, planId: a.planId ?? b.planId };
}

/** The provider ids an effect names, for the organisation lookup. */
function keysOf(effect: Exclude<PaymentEffect, { kind: 'IGNORED' }>): { paymentId?: string | null; checkoutId?: string | null; invoiceId?: string | null; subscriptionId?: string | null } {
  switch (effect.kind) {
    case 'CHECKOUT_COMPLETED': return { checkoutId: effect.checkoutId, paymentId: effect.paymentId, subscriptionId: effect.subscriptionId };
    case 'CHECKOUT_EXPIRED': return { checkoutId: effect.checkoutId };
    case 'PAYMENT_SUCCEEDED': case 'PAYMENT_FAILED': return { paymentId: effect.paymentId, invoiceId: effect.invoiceId };
    case 'REFUNDED': return { paymentId: effect.paymentId };
    case 'INVOICE_PAID': case 'INVOICE_FAILED': return { invoiceId: effect.invoiceId, subscriptionId: effect.subscriptionId, paymentId: effect.paymentId };
    case 'SUBSCRIPTION_CANCELLED': return { subscriptionId: effect.subscriptionId };
  }
}
