import { DomainException } from '../common/domain.exception.js';

export type DonationErrorCode = 'DONATION_NOT_FOUND' | 'DONATION_MEMBER_NOT_FOUND' | 'DONATION_CAMPAIGN_NOT_FOUND' | 'DONATION_ACTION_NOT_FOUND';

export class DonationException extends DomainException<DonationErrorCode> {
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
}
