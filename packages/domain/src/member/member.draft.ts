/**
 * A member draft made ready to store: validation and normalisation in one step.
 *
 * Owns: turning a valid draft into the values the API stores (E.164 phones, lowercased emails,
 * canonical postcode, cleaned names and labels).
 * Must never: store anything validation rejected, or drop a value silently (duplicates in a list
 * are reported by validation, not removed here).
 */
import { normaliseEmail } from '../email/email.value.js';
import { parsePhoneNumber, type PhoneNumberValue } from '../phone/phone.value.js';
import { normalisePostcode } from '../postcode/postcode.value.js';
import { err, ok, type Result } from '../result.js';
import { normaliseName, normaliseTagList } from './member.normalise.js';
import type { ConsentStatus, FieldError, MemberDraft, MemberStatus } from './member.types.js';
import { validateMemberDraft, type ValidateMemberDraftOptions } from './member.validation.js';

function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = normaliseName(value);
  return text === '' ? null : text;
}

/** A draft after validation and normalisation; `undefined` still means "not given". */
export interface NormalisedMemberDraft {
  firstName?: string;
  lastName?: string;
  emails?: string[];
  phones?: PhoneNumberValue[];
  postcode?: string | null;
  region?: string | null;
  branch?: string | null;
  workplace?: string | null;
  employer?: string | null;
  membershipNumber?: string | null;
  status?: MemberStatus;
  joinedOn?: string | null;
  leftOn?: string | null;
  tags?: string[];
  issues?: string[];
  smsConsent?: ConsentStatus;
  emailConsent?: ConsentStatus;
  supportLevel?: number | null;
  engagementScore?: number | null;
}

function unwrap<T>(result: Result<T, unknown>): T {
  if (!result.ok) throw new Error('normaliseMemberDraft: value failed validation after passing it');
  return result.value;
}

/**
 * Validate then normalise a draft in one step, so the API stores exactly what the rules accepted.
 * Returns the same field errors as `validateMemberDraft` when the draft is invalid.
 */
export function normaliseMemberDraft(
  draft: MemberDraft,
  options: ValidateMemberDraftOptions = {},
): Result<NormalisedMemberDraft, FieldError[]> {
  const errors = validateMemberDraft(draft, options);
  if (errors.length > 0) return err(errors);
  const out: NormalisedMemberDraft = {};
  if (draft.firstName !== undefined && draft.firstName !== null) out.firstName = normaliseName(draft.firstName);
  if (draft.lastName !== undefined && draft.lastName !== null) out.lastName = normaliseName(draft.lastName);
  if (draft.emails !== undefined) out.emails = (draft.emails ?? []).map((e) => unwrap(normaliseEmail(e)));
  if (draft.phones !== undefined) out.phones = (draft.phones ?? []).map((p) => unwrap(parsePhoneNumber(p)));
  if (draft.postcode !== undefined) {
    const postcode = optionalText(draft.postcode);
    out.postcode = postcode == null ? null : unwrap(normalisePostcode(postcode));
  }
  for (const key of ['region', 'branch', 'workplace', 'employer', 'membershipNumber'] as const) {
    if (draft[key] !== undefined) out[key] = optionalText(draft[key]);
  }
  if (draft.status != null) out.status = draft.status as MemberStatus;
  if (draft.joinedOn !== undefined) out.joinedOn = optionalText(draft.joinedOn);
  if (draft.leftOn !== undefined) out.leftOn = optionalText(draft.leftOn);
  if (draft.tags !== undefined) out.tags = normaliseTagList(draft.tags);
  if (draft.issues !== undefined) out.issues = normaliseTagList(draft.issues);
  if (draft.smsConsent != null) out.smsConsent = draft.smsConsent as ConsentStatus;
  if (draft.emailConsent != null) out.emailConsent = draft.emailConsent as ConsentStatus;
  if (draft.supportLevel !== undefined) out.supportLevel = draft.supportLevel;
  if (draft.engagementScore !== undefined) out.engagementScore = draft.engagementScore;
  return ok(out);
}
