// The member form's values and the two ways they meet the rules: @muster/domain before submit (the same messages
// the API would give), and the API's VALIDATION_FAILED field paths after it. Pure; the component only renders.
import { validateMemberDraft, type ConsentStatus, type MemberDraft, type MemberStatus } from '@muster/domain';
import type { CreateMemberInput, MemberDetail, MemberInputFields } from '../graphql/member.graphql';
import { displayPhone } from './phone-display';

export interface MemberFormValues {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  postcode: string;
  region: string;
  branch: string;
  workplace: string;
  employer: string;
  membershipNumber: string;
  status: MemberStatus;
  joinedOn: string;
  leftOn: string;
  tags: string;
  issues: string;
  smsConsent: ConsentStatus;
  emailConsent: ConsentStatus;
  supportLevel: string;
}

/** Field errors keyed by path as the domain names them: "firstName", "phones.0", "emails.1". */
export type FormErrors = Record<string, string>;

export const EMPTY_MEMBER_FORM: MemberFormValues = {
  firstName: '', lastName: '', emails: [''], phones: [''], postcode: '', region: '', branch: '', workplace: '', employer: '',
  membershipNumber: '', status: 'ACTIVE', joinedOn: '', leftOn: '', tags: '', issues: '', smsConsent: 'UNKNOWN',
  emailConsent: 'UNKNOWN', supportLevel: '',
};

export function formValuesFromMember(m: MemberDetail): MemberFormValues {
  const primaryFirst = <T extends { primary: boolean }>(items: T[]) => [...items].sort((a, b) => Number(b.primary) - Number(a.primary));
  const emails = primaryFirst(m.emails).map((e) => e.address);
  // Shown as people type them; an untouched number compares equal and so is not sent back.
  const phones = primaryFirst(m.phones).map((p) => displayPhone(p.e164));
  return {
    firstName: m.firstName, lastName: m.lastName,
    emails: emails.length ? emails : [''], phones: phones.length ? phones : [''],
    postcode: m.postcode ?? '', region: m.region ?? '', branch: m.branch ?? '', workplace: m.workplace ?? '',
    employer: m.employer ?? '', membershipNumber: m.membershipNumber ?? '', status: m.status,
    joinedOn: m.joinedOn ?? '', leftOn: m.leftOn ?? '', tags: m.tags.join(', '), issues: m.issues.join(', '),
    smsConsent: m.smsConsent, emailConsent: m.emailConsent, supportLevel: m.supportLevel == null ? '' : String(m.supportLevel),
  };
}

function splitList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Blank extra email/phone rows are dropped before checking, so error indexes match the rows that remain. */
export function compactForm(v: MemberFormValues): MemberFormValues {
  const compact = (items: string[]) => {
    const kept = items.filter((s) => s.trim() !== '');
    return kept.length ? kept : [''];
  };
  return { ...v, emails: compact(v.emails), phones: compact(v.phones) };
}

function nonEmpty(items: string[]): string[] {
  return items.map((s) => s.trim()).filter(Boolean);
}

function supportLevelOf(v: string): number | null {
  return v.trim() === '' ? null : Number(v);
}

export function toDraft(v: MemberFormValues): MemberDraft {
  return {
    firstName: v.firstName, lastName: v.lastName, emails: nonEmpty(v.emails), phones: nonEmpty(v.phones),
    postcode: v.postcode || null, region: v.region || null, branch: v.branch || null, workplace: v.workplace || null,
    employer: v.employer || null, membershipNumber: v.membershipNumber || null, status: v.status,
    joinedOn: v.joinedOn || null, leftOn: v.leftOn || null, tags: splitList(v.tags), issues: splitList(v.issues),
    smsConsent: v.smsConsent, emailConsent: v.emailConsent, supportLevel: supportLevelOf(v.supportLevel),
  };
}

/** The same rules as the API, run in the browser before anything is sent. */
export function validateForm(v: MemberFormValues): FormErrors {
  const errors: FormErrors = {};
  for (const e of validateMemberDraft(toDraft(v))) errors[e.path] ??= e.message;
  if (v.supportLevel.trim() !== '' && !/^\d+$/.test(v.supportLevel.trim())) errors.supportLevel ??= 'Support level must be a whole number from 1 to 5.';
  return errors;
}

function allInputFields(v: MemberFormValues): Required<MemberInputFields> {
  const d = toDraft(v);
  return {
    firstName: v.firstName.trim(), lastName: v.lastName.trim(), emails: d.emails as string[], phones: d.phones as string[],
    postcode: d.postcode ?? null, region: d.region ?? null, branch: d.branch ?? null, workplace: d.workplace ?? null,
    employer: d.employer ?? null, membershipNumber: d.membershipNumber ?? null, status: v.status,
    joinedOn: d.joinedOn ?? null, leftOn: d.leftOn ?? null, tags: d.tags as string[], issues: d.issues as string[],
    smsConsent: v.smsConsent, emailConsent: v.emailConsent, supportLevel: supportLevelOf(v.supportLevel),
  };
}

export function toCreateInput(organisationId: string, v: MemberFormValues): CreateMemberInput {
  return { organisationId, ...allInputFields(v) };
}

export const FIELD_LABELS: Record<keyof MemberInputFields, string> = {
  firstName: 'first name', lastName: 'last name', emails: 'email', phones: 'phone', postcode: 'postcode', region: 'region',
  branch: 'branch', workplace: 'workplace', employer: 'employer', membershipNumber: 'membership number', status: 'status',
  joinedOn: 'joined date', leftOn: 'left date', tags: 'tags', issues: 'issues', smsConsent: 'SMS consent',
  emailConsent: 'email consent', supportLevel: 'support level',
};

/**
 * Only what changed, so an edit never overwrites a field someone else changed meanwhile (the API treats an omitted
 * field as unchanged). Returns the input and the names of the changed fields, for the "what happened" notice.
 */
export function toUpdateInput(initial: MemberFormValues, v: MemberFormValues): { input: MemberInputFields; changed: string[] } {
  const before = allInputFields(initial);
  const after = allInputFields(v);
  const input: MemberInputFields = {};
  const changed: string[] = [];
  for (const key of Object.keys(after) as Array<keyof MemberInputFields>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      (input as Record<string, unknown>)[key] = after[key];
      changed.push(FIELD_LABELS[key]);
    }
  }
  return { input, changed };
}

/**
 * The API's VALIDATION_FAILED paths ("input.phones.0") onto form fields ("phones.0"). Paths that name no field of
 * the form come back as form-level messages so nothing the server said is lost.
 */
export function mapServerFieldErrors(fields: ReadonlyArray<{ path: string; message: string }>, v: MemberFormValues): { errors: FormErrors; unplaced: string[] } {
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const f of fields) {
    const path = f.path.replace(/^input\./, '');
    const [head, index] = path.split('.');
    const known = head in v;
    if (!known) unplaced.push(f.message);
    else if ((head === 'emails' || head === 'phones') && index === undefined) errors[`${head}.0`] ??= f.message;
    else errors[path] ??= f.message;
  }
  return { errors, unplaced };
}
