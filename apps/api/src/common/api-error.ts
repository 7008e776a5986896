/** The API's public error codes: stable, documented, the only ones clients ever see. */
export type ApiErrorCode = 'NOT_FOUND' | 'VALIDATION_FAILED' | 'BAD_REQUEST' | 'QUERY_TOO_COMPLEX' | 'INTERNAL'
  | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED' | 'CSRF_FAILED' | 'INVALID_CREDENTIALS'
  // Campaigns and actions (docs/campaigns.md): a refused move or deletion; `details` says what was refused.
  | 'RESPONSE_TRANSITION_INVALID' | 'ACTION_HAS_RESPONSES' | 'CAMPAIGN_HAS_RESPONSES'
  // Donations (docs/donations.md): the card provider refused the request or could not be reached.
  | 'PAYMENT_PROVIDER_ERROR'
  // Donation plans: cancelDonationPlan of a plan that is already CANCELLED (or FAILED); `details.status` says which.
  | 'DONATION_PLAN_NOT_CANCELLABLE';

export interface ApiError {
  message: string;
  code: ApiErrorCode;
  fields?: { path: string; message: string }[];
  /** Machine-readable facts about the error (RESPONSE_TRANSITION_INVALID: { from, to }). */
  details?: Record<string, unknown>;
}
