import { DomainException } from '../common/domain.exception.js';

export type DonationErrorCode = 'DONATION_NOT_FOUND' | 'DONATION_MEMBER_NOT_FOUND' | 'DONATION_CAMPAIGN_NOT_FOUND' | 'DONATION_ACTION_NOT_FOUND'
  | 'DONATION_PLAN_NOT_FOUND' | 'DONATION_PLAN_NOT_CANCELLABLE';

export class DonationException extends DomainException<DonationErrorCode> {
  constructor(code: DonationErrorCode, message: string, readonly details: Record<string, unknown> | null = null) {
    super(code, message);
  }

  /** Also for another organisation's donation: never say that it exists. */
  static notFound(): DonationException {
    return new DonationException('DONATION_NOT_FOUND', 'Donation not found');
  }
  static memberNotFound(): DonationException {
    return new DonationException('DONATION_MEMBER_NOT_FOUND', 'Member not found');
  }
  static campaignNotFound(): DonationException {
    return new DonationException('DONATION_CAMPAIGN_NOT_FOUND', 'Campaign not found');
  }
  static actionNotFound(): DonationException {
    return new DonationException('DONATION_ACTION_NOT_FOUND', 'Action not found');
  }
  /** Also for another organisation's plan. */
  static planNotFound(): DonationException {
    return new DonationException('DONATION_PLAN_NOT_FOUND', 'Donation plan not found');
  }
  /** Only an ACTIVE or PENDING plan can be cancelled: a CANCELLED one already is, a FAILED one never started. */
  static planNotCancellable(status: string, cancelledAt: Date | null): DonationException {
    const message = status === 'CANCELLED'
      ? `This plan is already cancelled${cancelledAt ? ` (since ${cancelledAt.toISOString()})` : ''}.`
      : 'This plan never started (its checkout failed or expired): there is nothing to cancel.';
    return new DonationException('DONATION_PLAN_NOT_CANCELLABLE', message, { status, cancelledAt: cancelledAt?.toISOString() ?? null });
  }
}
