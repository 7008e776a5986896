/**
 * The rules a member record must satisfy, with the messages people see.
 *
 * Owns: validation of a member draft into `{ path, message }` field errors. The API returns these
 * as VALIDATION_FAILED and the admin app shows them inline, so both say exactly the same thing.
 * Must never: normalise or store (see member.draft.ts), read the clock, or depend on anything
 * outside the domain package. Rules that need the database (a membership number already used in
 * the organisation) belong to the API's member service.
 */
import { compareIsoDates, parseIsoDate } from '../date/date.value.js';
import { normaliseEmail } from '../email/email.value.js';
import { parsePhoneNumber } from '../phone/phone.value.js';
import { normalisePostcode } from '../postcode/postcode.value.js';
import { normaliseName } from './member.normalise.js';
import {
  CONSENT_STATUSES,
  LABEL_MAX_LENGTH,
  MEMBER_STATUSES,
  NAME_MAX_LENGTH,
  SUPPORT_LEVEL_MAX,
  SUPPORT_LEVEL_MIN,
  isConsentStatus,
  isMemberStatus,
  type FieldError,
  type MemberDraft,
} from './member.types.js';

export interface ValidateMemberDraftOptions {
  /**
   * For updates: a field that is absent (`undefined`) is left unchanged and so not checked.
   * Cross-field rules (leftOn after joinedOn) only see the draft, so an update that changes one
   * date should be validated merged with the stored record.
   */
  readonly partial?: boolean;
}

const LABEL_FIELDS = [
  ['region', 'Region'],
  ['branch', 'Branch'],
  ['workplace', 'Workplace'],
  ['employer', 'Employer'],
  ['membershipNumber', 'Membership number'],
] as const;

function isBlank(value: string | null | undefined): boolean {
  return value === undefined || value === null || normaliseName(value) === '';
}

/** Returns every problem found, in field order; an empty list means the draft is valid. */
export function validateMemberDraft(draft: MemberDraft, options: ValidateMemberDraftOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const add = (path: string, message: string): void => {
    errors.push({ path, message });
  };

  for (const [key, label] of [
    ['firstName', 'First name'],
    ['lastName', 'Last name'],
  ] as const) {
    const value = draft[key];
    if (options.partial && value === undefined) continue;
    if (value !== undefined && value !== null && typeof value !== 'string') add(key, `${label} must be text.`);
    else if (isBlank(value)) add(key, `${label} is required.`);
    else if (normaliseName(value as string).length > NAME_MAX_LENGTH) {
      add(key, `${label} must be at most ${NAME_MAX_LENGTH} characters.`);
    }
  }

  if (draft.emails != null) {
    const seen = new Map<string, number>();
    draft.emails.forEach((raw, index) => {
      const result = normaliseEmail(raw);
      if (!result.ok) return add(`emails.${index}`, result.error.message);
      const first = seen.get(result.value);
      if (first !== undefined) return add(`emails.${index}`, `This email address is already listed (email ${first + 1}).`);
      seen.set(result.value, index);
    });
  }

  if (draft.phones != null) {
    const seen = new Map<string, number>();
    draft.phones.forEach((raw, index) => {
      const result = parsePhoneNumber(raw);
      if (!result.ok) return add(`phones.${index}`, result.error.message);
      const first = seen.get(result.value.e164);
      if (first !== undefined) return add(`phones.${index}`, `This phone number is already listed (phone ${first + 1}).`);
      seen.set(result.value.e164, index);
    });
  }

  if (!isBlank(draft.postcode)) {
    const result = normalisePostcode(draft.postcode as string);
    if (!result.ok) add('postcode', result.error.message);
  }

  for (const [key, label] of LABEL_FIELDS) {
    const value = draft[key];
    if (value != null && normaliseName(value).length > LABEL_MAX_LENGTH) {
      add(key, `${label} must be at most ${LABEL_MAX_LENGTH} characters.`);
    }
  }

  if (draft.status !== undefined && !isMemberStatus(draft.status)) {
    add('status', `Status must be one of ${MEMBER_STATUSES.join(', ')}.`);
  }

  const dates: { joinedOn?: string; leftOn?: string } = {};
  for (const [key, label] of [
    ['joinedOn', 'Joining date'],
    ['leftOn', 'Leaving date'],
  ] as const) {
    if (isBlank(draft[key])) continue;
    const result = parseIsoDate(draft[key] as string);
    if (result.ok) dates[key] = result.value;
    else add(key, result.error.code === 'DATE_FORMAT' ? `${label} must be a date as YYYY-MM-DD.` : `${label} is not a real date.`);
  }
  if (dates.joinedOn !== undefined && dates.leftOn !== undefined && compareIsoDates(dates.leftOn, dates.joinedOn) < 0) {
    add('leftOn', 'Leaving date cannot be before the joining date.');
  }

  for (const key of ['tags', 'issues'] as const) {
    const list = draft[key];
    if (list == null) continue;
    list.forEach((item, index) => {
      if (typeof item !== 'string') add(`${key}.${index}`, 'Must be text.');
      else if (normaliseName(item).length > LABEL_MAX_LENGTH) add(`${key}.${index}`, `Must be at most ${LABEL_MAX_LENGTH} characters.`);
    });
  }

  for (const [key, label] of [
    ['smsConsent', 'SMS consent'],
    ['emailConsent', 'Email consent'],
  ] as const) {
    const value = draft[key];
    if (value !== undefined && !isConsentStatus(value)) add(key, `${label} must be one of ${CONSENT_STATUSES.join(', ')}.`);
  }

  const support = draft.supportLevel;
  if (support !== undefined && support !== null) {
    if (typeof support !== 'number' || !Number.isInteger(support) || support < SUPPORT_LEVEL_MIN || support > SUPPORT_LEVEL_MAX) {
      add('supportLevel', `Support level must be a whole number from ${SUPPORT_LEVEL_MIN} to ${SUPPORT_LEVEL_MAX}.`);
    }
  }

  const score = draft.engagementScore;
  if (score !== undefined && score !== null) {
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
      add('engagementScore', 'Engagement score must be a number from 0 to 100.');
    }
  }

  return errors;
}
