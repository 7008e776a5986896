import { DomainException } from '../common/domain.exception.js';

export type CampaignErrorCode = 'CAMPAIGN_NOT_FOUND' | 'CAMPAIGN_HAS_RESPONSES';

export class CampaignException extends DomainException<CampaignErrorCode> {
  constructor(code: CampaignErrorCode, message: string, readonly details: Record<string, unknown> | null = null) {
    super(code, message);
  }

  /** Also for another organisation's campaign: never say that it exists. */
  static notFound(): CampaignException {
    return new CampaignException('CAMPAIGN_NOT_FOUND', 'Campaign not found');
  }
  static hasResponses(count: number): CampaignException {
    return new CampaignException(
      'CAMPAIGN_HAS_RESPONSES',
      `This campaign's actions have ${count} ${count === 1 ? 'response' : 'responses'}: archive the campaign instead of deleting it.`,
      { responses: count },
    );
  }
}
