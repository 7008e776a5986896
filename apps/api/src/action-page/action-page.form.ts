/**
 * Reading and checking an action-page form: what the person typed, field by field, with the same phone, email,
 * postcode and name rules as everywhere else (@muster/domain). Pure: no I/O.
 * Must never: accept a value the member rules would refuse, or lose what was typed (the form is shown again with it).
 */
import { NAME_MAX_LENGTH, normaliseEmail, normaliseName, normalisePostcode, parsePhoneNumber, type PhoneType } from '@muster/domain';
import type { FieldName, FormValues, PageKind } from './action-page.render.js';

/** Form fields accepted from the body (anything else is ignored). */
const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'postcode', 'amount', 'otherAmount', 'giftAidName', 'giftAidHouse', 'giftAidPostcode'] as const;
const FIELD_MAX = 300;

/** The most a page accepts in one donation (£10,000), and the least (£1). */
export const MAX_DONATION_PENCE = 1_000_000;
export const MIN_DONATION_PENCE = 100;

export interface RawSubmission {
  values: FormValues;
  nonce: string | null;
  token: string | null;
  linkCode: string | null;
  /** The honeypot's content: anything here means a bot. */
  honeypot: string;
}

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

export function readSubmission(body: unknown): RawSubmission {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const key of TEXT_FIELDS) {
    const v = single(b[key]);
    if (v !== undefined) values[key] = v.slice(0, FIELD_MAX);
  }
  values.consent = single(b.consent) === 'yes';
  values.monthly = single(b.monthly) === 'yes';
  values.giftAid = single(b.giftAid) === 'yes';
  return {
    values,
    nonce: single(b.nonce) ?? null,
    token: single(b.t) ?? null,
    linkCode: single(b.l) ?? null,
    honeypot: single(b.website) ?? '',
  };
}

export interface CheckedSubmission {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: { e164: string; type: PhoneType } | null;
  postcode: string | null;
  consent: boolean;
  donation: {
    amountPence: number;
    recurring: 'ONE_OFF' | 'MONTHLY';
    giftAid: { fullName: string; house: string; postcode: string } | null;
  } | null;
}

export type CheckResult = { ok: true; value: CheckedSubmission } | { ok: false; errors: Partial<Record<FieldName, string>> };

function name(raw: string | undefined, label: string, errors: Partial<Record<FieldName, string>>, field: FieldName): string {
  const value = normaliseName(raw ?? '');
  if (value === '') errors[field] = `Enter your ${label}.`;
  else if (value.length > NAME_MAX_LENGTH) errors[field] = `Your ${label} can be at most ${NAME_MAX_LENGTH} characters.`;
  return value;
}

/** Pounds as typed ("7.50", "£10", "1,000") to pence, or null. */
export function parsePounds(raw: string): number | null {
  const text = raw.replace(/[£,\s]/g, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) return null;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function checkSubmission(kind: PageKind, values: FormValues, options: { phoneRequired: boolean; donationAmountsPence: number[] }): CheckResult {
  const errors: Partial<Record<FieldName, string>> = {};
  const firstName = name(values.firstName, 'first name', errors, 'firstName');
  const lastName = name(values.lastName, 'last name', errors, 'lastName');

  let email: string | null = null;
  if (values.email && values.email.trim() !== '') {
    const r = normaliseEmail(values.email);
    if (r.ok) email = r.value;
    else errors.email = r.error.message;
  }
  let phone: CheckedSubmission['phone'] = null;
  if (values.phone && values.phone.trim() !== '') {
    const r = parsePhoneNumber(values.phone);
    if (r.ok) phone = { e164: r.value.e164, type: r.value.type };
    else errors.phone = r.error.message;
  }
  if (options.phoneRequired && !values.phone?.trim()) errors.phone = 'Enter your mobile phone number.';
  if (!options.phoneRequired && !values.email?.trim() && !values.phone?.trim()) {
    errors.email = 'Enter an email address or a mobile phone number.';
  }
  let postcode: string | null = null;
  if (values.postcode && values.postcode.trim() !== '') {
    const r = normalisePostcode(values.postcode);
    if (r.ok) postcode = r.value;
    else errors.postcode = r.error.message;
  }

  let donation: CheckedSubmission['donation'] = null;
  if (kind === 'donate') {
    let amountPence: number | null = null;
    if (values.amount && values.amount !== 'other' && options.donationAmountsPence.includes(Number(values.amount))) {
      amountPence = Number(values.amount);
    } else if (values.amount === 'other' || (!values.amount && values.otherAmount?.trim())) {
      const pence = parsePounds(values.otherAmount ?? '');
      if (pence === null) errors.otherAmount = 'Enter an amount in pounds, like 7.50.';
      else if (pence < MIN_DONATION_PENCE) errors.otherAmount = `The smallest donation here is ${'£' + MIN_DONATION_PENCE / 100}.`;
      else if (pence > MAX_DONATION_PENCE) errors.otherAmount = `The largest donation here is £${MAX_DONATION_PENCE / 100}.`;
      else amountPence = pence;
    } else {
      errors.amount = 'Choose how much you would like to give.';
    }
    let giftAid: { fullName: string; house: string; postcode: string } | null = null;
    if (values.giftAid) {
      const fullName = normaliseName(values.giftAidName ?? '');
      const house = normaliseName(values.giftAidHouse ?? '');
      if (fullName === '') errors.giftAidName = 'Enter your full name for Gift Aid.';
      if (house === '') errors.giftAidHouse = 'Enter your house name or number for Gift Aid.';
      const pc = normalisePostcode(values.giftAidPostcode ?? '');
      if (!pc.ok) errors.giftAidPostcode = 'Enter your home postcode for Gift Aid.';
      if (fullName && house && pc.ok) giftAid = { fullName, house, postcode: pc.value };
    }
    if (amountPence !== null) donation = { amountPence, recurring: values.monthly ? 'MONTHLY' : 'ONE_OFF', giftAid };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { firstName, lastName, email, phone, postcode, consent: values.consent === true, donation } };
}
