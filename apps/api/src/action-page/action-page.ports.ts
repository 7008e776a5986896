/**
 * What the action pages need from the other issue-6 modules, by the contract's signatures (CONTRACT.md, "Shared
 * services"): ActionResponseService.transition (core) records the member's response; DonationCheckoutService
 * .startCheckout (donations) creates the pending donation and the provider's checkout. The module binds these tokens
 * to those services (useExisting), so this module never constructs them and tests run against the real ones.
 * Must never: hold logic of its own (it is only the seam).
 */
import type { ResponseChannel, ResponseState } from '@muster/domain';

export const RESPONSE_RECORDER = Symbol('RESPONSE_RECORDER');
export const DONATION_CHECKOUT = Symbol('DONATION_CHECKOUT');

export interface ResponseRecorder {
  transition(organisationId: string, input: {
    actionId: string; memberId: string; to: ResponseState; channel: ResponseChannel; creditedUserId?: string | null;
    actor: string; note?: string | null; at?: Date; dueAt?: Date | null;
  }): Promise<{ id: string }>;
}

export interface DonationCheckout {
  startCheckout(organisationId: string, input: {
    actionId: string; memberId: string; amountPence: number; recurring: 'ONE_OFF' | 'MONTHLY';
    giftAid: { wording: string; fullName: string; house: string; postcode: string } | null;
    creditedUserId: string | null; channel: ResponseChannel; successUrl: string; cancelUrl: string;
  }): Promise<{ redirectUrl: string; donationId: string }>;
}
