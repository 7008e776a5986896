/**
 * The one place that maps every module's error codes to the API's error shape. Adding a code to a
 * module's exception fails to compile here until it is mapped (exhaustive switch).
 * Must never: leak a stack trace or an internal message to clients.
 */
import { GraphQLError } from 'graphql';
import type { ApiError } from './api-error.js';
import { DomainException, ValidationFailedException, type CommonErrorCode } from './domain.exception.js';
import type { AccessErrorCode } from '../access/access.exception.js';
import type { ApiKeyErrorCode } from '../api-key/api-key.exception.js';
import type { DedupeErrorCode } from '../dedupe/dedupe.exception.js';
import type { UserErrorCode } from '../user/user.exception.js';
import type { AuthErrorCode } from '../auth/auth.exception.js';
import type { MemberErrorCode } from '../member/member.exception.js';
import type { OrganisationErrorCode } from '../organisation/organisation.exception.js';
import type { SecurityErrorCode } from '../security/security.exception.js';
import type { SegmentErrorCode } from '../segment/segment.exception.js';
import type { TrackedLinkErrorCode } from '../tracked-link/tracked-link.exception.js';
import type { ActionErrorCode } from '../action/action.exception.js';
import type { CampaignErrorCode } from '../campaign/campaign.exception.js';
import type { DonationErrorCode } from '../donation/donation.exception.js';
import type { PaymentErrorCode } from '../payment/payment.exception.js';

export type ModuleErrorCode = CommonErrorCode | MemberErrorCode | OrganisationErrorCode | SecurityErrorCode | AccessErrorCode | AuthErrorCode | ApiKeyErrorCode | UserErrorCode | DedupeErrorCode | SegmentErrorCode
  | ActionErrorCode | CampaignErrorCode | DonationErrorCode | PaymentErrorCode | TrackedLinkErrorCode;

export const INTERNAL_MESSAGE = 'Something went wrong on our side. Quote the request id if you report it.';

function assertNever(code: never): never {
  throw new Error(`Unmapped error code ${String(code)}`);
}

export function mapDomainException(error: DomainException): ApiError {
  const code = error.code as ModuleErrorCode;
  switch (code) {
    case 'VALIDATION_FAILED':
      return {
        code: 'VALIDATION_FAILED',
        message: error.message,
        fields: (error as ValidationFailedException).fields ?? [],
      };
    case 'MEMBER_NOT_FOUND':
    case 'ORGANISATION_NOT_FOUND':
    case 'ACCESS_NOT_FOUND':
    case 'API_KEY_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'DUPLICATE_SUGGESTION_NOT_FOUND':
    case 'MEMBER_MERGE_NOT_FOUND':
    case 'SEGMENT_NOT_FOUND':
    case 'SEGMENT_IMPORT_NOT_FOUND':
    case 'SEGMENT_ACTION_NOT_FOUND':
    case 'SEGMENT_CAMPAIGN_NOT_FOUND':
    case 'TRACKED_LINK_ACTION_NOT_FOUND':
    case 'TRACKED_LINK_MEMBER_NOT_FOUND':
    case 'ACTION_NOT_FOUND':
    case 'ACTION_RESPONSE_NOT_FOUND':
    case 'ACTION_MEMBER_NOT_FOUND':
    case 'CAMPAIGN_NOT_FOUND':
    case 'DONATION_NOT_FOUND':
    case 'DONATION_MEMBER_NOT_FOUND':
    case 'DONATION_CAMPAIGN_NOT_FOUND':
    case 'DONATION_ACTION_NOT_FOUND':
    case 'DONATION_PLAN_NOT_FOUND':
      return { code: 'NOT_FOUND', message: error.message };
    case 'PAYMENT_WEBHOOK_SIGNATURE_INVALID':
    case 'PAYMENT_WEBHOOK_PAYLOAD_INVALID':
      return { code: 'BAD_REQUEST', message: error.message };
    case 'PAYMENT_PROVIDER_ERROR':
    case 'PAYMENT_PROVIDER_NOT_CONFIGURED':
      return { code: 'PAYMENT_PROVIDER_ERROR', message: error.message };
    case 'RESPONSE_TRANSITION_INVALID':
    case 'ACTION_HAS_RESPONSES':
    case 'CAMPAIGN_HAS_RESPONSES':
    case 'DONATION_PLAN_NOT_CANCELLABLE':
      return { code, message: error.message, details: (error as DomainException & { details?: Record<string, unknown> | null }).details ?? undefined };
    case 'SEGMENT_TOO_SLOW':
      return { code: 'QUERY_TOO_COMPLEX', message: error.message };
    case 'UNAUTHENTICATED':
      return { code: 'UNAUTHENTICATED', message: error.message };
    case 'FORBIDDEN':
      return { code: 'FORBIDDEN', message: error.message };
    case 'INVALID_CREDENTIALS':
      return { code: 'INVALID_CREDENTIALS', message: error.message };
    case 'INVITATION_INVALID':
      return { code: 'NOT_FOUND', message: error.message };
    case 'QUERY_TOO_COMPLEX':
      return { code: 'QUERY_TOO_COMPLEX', message: error.message };
    default:
      return assertNever(code);
  }
}

/** Mercurius raises these codes before execution (parse, validation, depth limit). */
const DEPTH_CODE = 'MER_ERR_GQL_QUERY_DEPTH';

export interface MappedError {
  error: ApiError;
  /** True when the error is not one we expected: it must be logged with the request id. */
  unexpected: boolean;
}

/**
 * Maps anything thrown while serving a GraphQL request. `error` is the GraphQLError Mercurius
 * reports (its originalError is what a resolver threw), or a pre-execution error.
 */
export function mapError(error: unknown): MappedError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof DomainException) return { error: mapDomainException(original), unexpected: false };
  const code = (original as { code?: unknown } | null)?.code;
  if (code === DEPTH_CODE) {
    return { error: { code: 'QUERY_TOO_COMPLEX', message: 'The query is nested too deeply.' }, unexpected: false };
  }
  // A GraphQLError outside any field (no path) that no resolver threw is a syntax, validation or
  // variable-coercion error in the request itself (scalars throw GraphQLErrors while coercing).
  if (error instanceof GraphQLError && error.path === undefined && (!error.originalError || error.originalError instanceof GraphQLError)) {
    return { error: { code: 'BAD_REQUEST', message: error.message }, unexpected: false };
  }
  if (typeof code === 'string' && code.startsWith('MER_ERR_') || code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (original as { statusCode?: number } | null)?.statusCode === 400) {
    return { error: { code: 'BAD_REQUEST', message: safeMessage(original) }, unexpected: false };
  }
  return { error: { code: 'INTERNAL', message: INTERNAL_MESSAGE }, unexpected: true };
}

function safeMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.length < 500 ? message : 'The request is not valid.';
}
