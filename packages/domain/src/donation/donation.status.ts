/**
 * Donation status and the rules for moving it, whatever order the payment provider's events arrive in.
 *
 * A provider sends facts about a payment — it succeeded, it failed, it has had R pence refunded in total — as
 * webhooks that may be delivered twice, late or out of order (docs/donations.md, "Webhook ordering"). `applyPaymentFact`
 * folds one fact into a donation's state so that:
 * - a replayed fact changes nothing the second time (every rule is idempotent);
 * - a donation never moves backwards: PENDING → FAILED → SUCCEEDED → PARTIALLY_REFUNDED → REFUNDED is the only
 *   direction (a failure after a success, or a success after a refund, changes nothing);
 * - refunds are cumulative totals (as the provider reports them), so the larger total wins and a smaller or
 *   reordered one is ignored;
 * - any order of the same facts ends in the same state (tested over every permutation).
 * A refund implies the payment succeeded: a refund seen before the success still marks the donation paid.
 * Must never: un-refund, un-pay, or let refunded exceed the amount.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export const DONATION_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];
export const DONATION_KINDS = ['ONE_OFF', 'RECURRING'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const DONATION_PROVIDERS = ['STANDIN', 'STRIPE', 'MANUAL'] as const;
export type DonationProvider = (typeof DONATION_PROVIDERS)[number];
export const DONATION_PLAN_STATUSES = ['PENDING', 'ACTIVE', 'CANCELLED', 'FAILED'] as const;
export type DonationPlanStatus = (typeof DONATION_PLAN_STATUSES)[number];

/** Order of progress: a donation only ever moves to a higher rank (FAILED → FAILED may update the reason). */
const RANK: Record<DonationStatus, number> = { PENDING: 0, FAILED: 1, SUCCEEDED: 2, PARTIALLY_REFUNDED: 3, REFUNDED: 4 };

export function statusRank(status: DonationStatus): number {
  return RANK[status];
}

/** Paid at some point: the money arrived (even if some or all of it went back). */
export function isPaid(status: DonationStatus): boolean {
  return status === 'SUCCEEDED' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED';
}

export interface DonationPaymentState {
  status: DonationStatus;
  amountPence: number;
  refundedPence: number;
  succeededAt: Date | null;
  failureCode: string | null;
  failureMessage: string | null;
  /** The time of the latest fact applied (provider's clock). */
  providerUpdatedAt: Date | null;
}

export type PaymentFact =
  | { kind: 'SUCCEEDED'; at: Date }
  | { kind: 'FAILED'; at: Date; code: string | null; message: string | null }
  /** `refundedPence` is the provider's cumulative total refunded on this payment, not one refund. */
  | { kind: 'REFUNDED'; at: Date; refundedPence: number };

export interface PaymentFactOutcome {
  state: DonationPaymentState;
  changed: boolean;
  /** True the first time the donation becomes paid (the moment to complete its action). */
  becamePaid: boolean;
  /** Why nothing changed, for the webhook log ("already SUCCEEDED", …); null when something did. */
  ignoredBecause: string | null;
}

export type PaymentFactErrorCode = 'REFUND_EXCEEDS_AMOUNT' | 'REFUND_INVALID';

function laterOf(a: Date | null, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

function unchanged(state: DonationPaymentState, because: string): PaymentFactOutcome {
  return { state, changed: false, becamePaid: false, ignoredBecause: because };
}

/** Folds one provider fact into the donation's state (pure; see the file comment for the rules). */
export function applyPaymentFact(state: DonationPaymentState, fact: PaymentFact): Result<PaymentFactOutcome, DomainError<PaymentFactErrorCode>> {
  const wasPaid = isPaid(state.status);
  switch (fact.kind) {
    case 'SUCCEEDED': {
      if (wasPaid) {
        // Only the success time can still improve: a refund seen first stood in for it with its own, later time.
        if (state.succeededAt && fact.at.getTime() < state.succeededAt.getTime()) {
          return ok({ state: { ...state, succeededAt: fact.at }, changed: true, becamePaid: false, ignoredBecause: null });
        }
        return ok(unchanged(state, `already ${state.status}`));
      }
      return ok({
        state: {
          ...state, status: 'SUCCEEDED', succeededAt: fact.at, failureCode: null, failureMessage: null,
          providerUpdatedAt: laterOf(state.providerUpdatedAt, fact.at),
        },
        changed: true, becamePaid: true, ignoredBecause: null,
      });
    }
    case 'FAILED': {
      if (wasPaid) return ok(unchanged(state, `already ${state.status}: a failure cannot undo a payment`));
      if (state.status === 'FAILED') {
        // A later attempt's failure replaces the reason; an older one arriving late does not.
        const newer = !state.providerUpdatedAt || fact.at.getTime() > state.providerUpdatedAt.getTime();
        const same = state.failureCode === fact.code && state.failureMessage === fact.message;
        if (!newer || same) return ok(unchanged(state, 'already FAILED'));
      }
      return ok({
        state: { ...state, status: 'FAILED', failureCode: fact.code, failureMessage: fact.message, providerUpdatedAt: laterOf(state.providerUpdatedAt, fact.at) },
        changed: true, becamePaid: false, ignoredBecause: null,
      });
    }
    case 'REFUNDED': {
      if (!Number.isInteger(fact.refundedPence) || fact.refundedPence < 0) return domainError('REFUND_INVALID', 'A refund total must be a whole number of pence, 0 or more.');
      if (fact.refundedPence > state.amountPence) {
        return domainError('REFUND_EXCEEDS_AMOUNT', `The provider reports ${fact.refundedPence}p refunded on a donation of ${state.amountPence}p.`);
      }
      if (fact.refundedPence <= state.refundedPence) {
        if (wasPaid) return ok(unchanged(state, `refund total ${fact.refundedPence}p is not above ${state.refundedPence}p already recorded`));
        if (fact.refundedPence === 0) return ok(unchanged(state, 'nothing refunded'));
      }
      const refunded = Math.max(state.refundedPence, fact.refundedPence);
      const status: DonationStatus = refunded === 0 ? 'SUCCEEDED' : refunded >= state.amountPence ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      return ok({
        state: {
          ...state, status, refundedPence: refunded,
          // A refund proves the payment succeeded, even when the success event has not arrived yet.
          succeededAt: state.succeededAt ?? fact.at,
          failureCode: wasPaid ? state.failureCode : null, failureMessage: wasPaid ? state.failureMessage : null,
          providerUpdatedAt: laterOf(state.providerUpdatedAt, fact.at),
        },
        changed: true, becamePaid: !wasPaid, ignoredBecause: null,
      });
    }
  }
}

export type RefundRequestErrorCode = 'REFUND_NOT_PAID' | 'REFUND_ALREADY_FULL' | 'REFUND_TOO_LARGE' | 'REFUND_REASON_REQUIRED';

/**
 * Staff asking for a refund of `pence`: allowed on a paid donation for at most what has not been refunded yet.
 * Returns the new cumulative total refunded.
 */
export function checkRefundRequest(state: Pick<DonationPaymentState, 'status' | 'amountPence' | 'refundedPence'>, pence: number, reason: string): Result<number, DomainError<RefundRequestErrorCode>> {
  if (!reason || reason.trim() === '') return domainError('REFUND_REASON_REQUIRED', 'Give a reason for the refund.');
  if (state.status === 'REFUNDED') return domainError('REFUND_ALREADY_FULL', 'This donation has already been refunded in full.');
  if (state.status !== 'SUCCEEDED' && state.status !== 'PARTIALLY_REFUNDED') {
    return domainError('REFUND_NOT_PAID', `Only a paid donation can be refunded; this one is ${state.status}.`);
  }
  const left = state.amountPence - state.refundedPence;
  if (pence > left) return domainError('REFUND_TOO_LARGE', `At most ${left}p of this donation can still be refunded.`);
  return ok(state.refundedPence + pence);
}
