/**
 * Member vocabulary shared by the API, the apps and the demo data.
 *
 * Owns: the enumerations of a member record (status, consent) and the draft shape that both the
 * API's inputs and the admin app's forms validate.
 * Must never: describe storage (columns, ids, organisation) or GraphQL types; those live in the API.
 */
export type { PhoneType } from '../phone/phone.value.js';

export const MEMBER_STATUSES = ['ACTIVE', 'LAPSED', 'LEFT'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const CONSENT_STATUSES = ['GRANTED', 'WITHDRAWN', 'UNKNOWN'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const PHONE_TYPES = ['MOBILE', 'LANDLINE', 'UNKNOWN'] as const;

export const SUPPORT_LEVEL_MIN = 1;
export const SUPPORT_LEVEL_MAX = 5;
export const NAME_MAX_LENGTH = 100;
/** Region, branch, workplace, employer, membership number, tags and issues. */
export const LABEL_MAX_LENGTH = 200;

export function isMemberStatus(value: unknown): value is MemberStatus {
  return typeof value === 'string' && (MEMBER_STATUSES as readonly string[]).includes(value);
}

export function isConsentStatus(value: unknown): value is ConsentStatus {
  return typeof value === 'string' && (CONSENT_STATUSES as readonly string[]).includes(value);
}

/**
 * A member as entered: raw strings as typed. Every field is optional so that the same shape
 * serves create (use `validateMemberDraft(draft)`) and partial update
 * (`validateMemberDraft(draft, { partial: true })`, where an absent field means "unchanged").
 * `null` means "clear this value".
 */
export interface MemberDraft {
  firstName?: string | null;
  lastName?: string | null;
  emails?: readonly string[] | null;
  phones?: readonly string[] | null;
  postcode?: string | null;
  region?: string | null;
  branch?: string | null;
  workplace?: string | null;
  employer?: string | null;
  membershipNumber?: string | null;
  status?: string | null;
  joinedOn?: string | null;
  leftOn?: string | null;
  tags?: readonly string[] | null;
  issues?: readonly string[] | null;
  smsConsent?: string | null;
  emailConsent?: string | null;
  supportLevel?: number | null;
  engagementScore?: number | null;
}

/** One problem with one field; `path` uses dots and indexes ("emails.1", "phones.0"). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}
