/**
 * The HTML of the public action pages: plain server-rendered documents with one small inline stylesheet, no script,
 * no images, no web fonts (a page is a few kB; docs/action-pages.md has the budget). Accessible without JavaScript:
 * every field has a label, errors are listed in a summary that takes focus and are tied to their fields
 * (aria-describedby, aria-invalid), focus is always visible, colours pass WCAG AA, lang="en-GB", phone-first layout.
 * Must never: put a value into the page without escaping it, or load anything from another origin.
 */
import { createHash } from 'node:crypto';
import { GIFT_AID_WORDING } from '@muster/domain';

export type PageKind = 'signup' | 'pledge' | 'petition' | 'donate';

/** The action types and the page each gets (PHONE_BANK_SIGNUP/EVENT/SURVEY: sign up; CUSTOM: pledge). */
export function pageKindOf(actionType: string): PageKind {
  switch (actionType) {
    case 'PETITION':
      return 'petition';
    case 'DONATION':
      return 'donate';
    case 'CUSTOM':
      return 'pledge';
    default:
      return 'signup';
  }
}

const DEFAULT_BUTTON: Record<PageKind, string> = { signup: 'Sign up', pledge: 'Make my pledge', petition: 'Sign the petition', donate: 'Continue to payment' };

/** The Gift Aid declaration shown on donate pages: the donations module's exact sentence (stored with it). */
export { GIFT_AID_WORDING };

export const CSS = [
  '*{box-sizing:border-box}',
  'html{font:100%/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}',
  'body{margin:0}',
  'main{max-width:36rem;margin:0 auto;padding:1rem}',
  'header{background:#0b3d6b;color:#fff;padding:.75rem 1rem;font-weight:600}',
  'h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}',
  'p{margin:0 0 1rem}',
  '.f{margin:0 0 1.25rem}',
  'label,legend{display:block;font-weight:600;margin:0 0 .25rem}',
  '.hint{color:#505a5f;font-weight:400;margin:0 0 .25rem}',
  'input[type=text],input[type=email],input[type=tel]{display:block;width:100%;font:inherit;padding:.6rem;border:2px solid #0b0c0c;border-radius:0;min-height:2.75rem}',
  'fieldset{border:0;margin:0 0 1.25rem;padding:0}',
  '.c{display:flex;gap:.6rem;align-items:flex-start;margin:0 0 .6rem}',
  '.c input{width:1.6rem;height:1.6rem;margin:.1rem 0 0;flex:none}',
  '.c label{font-weight:400}',
  'button{font:inherit;font-weight:600;color:#fff;background:#00703c;border:0;border-bottom:3px solid #002d18;padding:.75rem 1.25rem;width:100%;min-height:3rem;cursor:pointer}',
  'button:hover{background:#005a30}',
  'a{color:#0b3d6b}',
  ':focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}',
  '.err{color:#b00020;font-weight:600;margin:0 0 .25rem}',
  '[aria-invalid=true]{border-color:#b00020!important;border-width:3px!important}',
  '.sum{border:4px solid #b00020;padding:1rem;margin:0 0 1.5rem}',
  '.sum h2{font-size:1.2rem;margin:0 0 .5rem}',
  '.sum ul{margin:0;padding-left:1.2rem}',
  '.sum a{color:#b00020;font-weight:600}',
  '.note{border-left:5px solid #0b3d6b;padding:.5rem 1rem;background:#f3f2f1}',
  '.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}',
  '@media(min-width:40rem){h1{font-size:2rem}button{width:auto}}',
].join('');

/** The Content-Security-Policy of every page: no script at all, only this stylesheet (by hash), forms to us. */
export const CSS_HASH = createHash('sha256').update(CSS, 'utf8').digest('base64');

export function pageCsp(formTargetsElsewhere: boolean): string {
  // A donate form ends at the payment provider (303 after the POST); browsers apply form-action to that redirect.
  const formAction = formTargetsElsewhere ? '' : "; form-action 'self'";
  return `default-src 'none'; style-src 'sha256-${CSS_HASH}'; img-src 'none'; base-uri 'none'; frame-ancestors 'none'${formAction}`;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Paragraphs from plain text (blank lines split them; single newlines become <br>). */
function paragraphs(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export interface FormValues {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  postcode?: string;
  consent?: boolean;
  amount?: string;
  otherAmount?: string;
  monthly?: boolean;
  giftAid?: boolean;
  giftAidName?: string;
  giftAidHouse?: string;
  giftAidPostcode?: string;
}

export type FieldName = keyof FormValues;

export interface FormPageModel {
  kind: PageKind;
  organisationName: string;
  title: string;
  headline: string | null;
  body: string | null;
  buttonLabel: string | null;
  consentWording: string | null;
  donationAmountsPence: number[];
  /** Where the form posts (the page's own path). */
  action: string;
  nonce: string;
  token: string | null;
  linkCode: string | null;
  /** A known member (valid token): the page says who it is for and offers "not you?". */
  knownMemberName: string | null;
  notYouUrl: string | null;
  /** PHONE_BANK_SIGNUP needs a phone number; the others need an email or a phone. */
  phoneRequired: boolean;
  values: FormValues;
  errors: Partial<Record<FieldName, string>>;
  /** A problem with the form as a whole (expired, sent too quickly, wording changed). */
  formError: string | null;
}

function layout(title: string, organisationName: string, main: string, hasErrors = false): string {
  return (
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">' +
    `<title>${hasErrors ? 'Error: ' : ''}${escapeHtml(title)} – ${escapeHtml(organisationName)}</title>` +
    `<style>${CSS}</style></head><body><header>${escapeHtml(organisationName)}</header><main id="main">${main}</main></body></html>`
  );
}

const LABELS: Record<FieldName, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email address',
  phone: 'Mobile phone number',
  postcode: 'Postcode',
  consent: 'Consent',
  amount: 'Amount',
  otherAmount: 'Other amount',
  monthly: 'Monthly',
  giftAid: 'Gift Aid',
  giftAidName: 'Full name',
  giftAidHouse: 'House name or number',
  giftAidPostcode: 'Home postcode',
};

/** Field order for the error summary (the order they appear on the page). */
const ORDER: FieldName[] = ['amount', 'otherAmount', 'firstName', 'lastName', 'email', 'phone', 'postcode', 'giftAidName', 'giftAidHouse', 'giftAidPostcode', 'consent'];

function fieldId(name: FieldName): string {
  return `f-${name}`;
}

function textField(m: FormPageModel, name: FieldName, type: 'text' | 'email' | 'tel', autocomplete: string, extra: { hint?: string; optional?: boolean } = {}): string {
  const id = fieldId(name);
  const error = m.errors[name];
  const describedBy = [extra.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const value = m.values[name];
  return (
    `<div class="f"><label for="${id}">${LABELS[name]}${extra.optional ? ' (optional)' : ''}</label>` +
    (extra.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(extra.hint)}</p>` : '') +
    (error ? `<p class="err" id="${id}-error"><span class="hp">Error: </span>${escapeHtml(error)}</p>` : '') +
    `<input type="${type}" id="${id}" name="${name}" autocomplete="${autocomplete}"` +
    (type === 'email' ? ' spellcheck="false" autocapitalize="off"' : '') +
    (type === 'tel' ? ' inputmode="tel"' : '') +
    (name === 'otherAmount' ? ' inputmode="decimal"' : '') +
    ` value="${escapeHtml(typeof value === 'string' ? value : '')}"` +
    (describedBy ? ` aria-describedby="${describedBy}"` : '') +
    (error ? ' aria-invalid="true"' : '') +
    '></div>'
  );
}

function checkbox(m: FormPageModel, name: FieldName, label: string): string {
  const id = fieldId(name);
  const error = m.errors[name];
  return (
    (error ? `<p class="err" id="${id}-error">${escapeHtml(error)}</p>` : '') +
    `<div class="c"><input type="checkbox" id="${id}" name="${name}" value="yes"${m.values[name] ? ' checked' : ''}` +
    (error ? ` aria-describedby="${id}-error" aria-invalid="true"` : '') +
    `><label for="${id}">${escapeHtml(label)}</label></div>`
  );
}

export function poundsOf(pence: number): string {
  return pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`;
}

function donationFields(m: FormPageModel): string {
  const amountError = m.errors.amount;
  const radios = m.donationAmountsPence
    .map((pence, i) => {
      const id = `f-amount-${i}`;
      const checked = m.values.amount === String(pence) ? ' checked' : '';
      return `<div class="c"><input type="radio" id="${id}" name="amount" value="${pence}"${checked}><label for="${id}">${poundsOf(pence)}</label></div>`;
    })
    .join('');
  const otherId = 'f-amount-other';
  return (
    `<fieldset id="${fieldId('amount')}"${amountError ? ` aria-describedby="${fieldId('amount')}-error"` : ''}><legend>How much would you like to give?</legend>` +
    (amountError ? `<p class="err" id="${fieldId('amount')}-error">${escapeHtml(amountError)}</p>` : '') +
    radios +
    `<div class="c"><input type="radio" id="${otherId}" name="amount" value="other"${m.values.amount === 'other' ? ' checked' : ''}><label for="${otherId}">Another amount</label></div>` +
    '</fieldset>' +
    textField(m, 'otherAmount', 'text', 'transaction-amount', { hint: 'In pounds, for example 7.50', optional: true }) +
    checkbox(m, 'monthly', 'Make this a monthly donation')
  );
}

function giftAidFields(m: FormPageModel): string {
  return (
    '<fieldset><legend>Gift Aid</legend>' +
    '<p class="hint">Gift Aid adds 25p to every £1 you give, at no cost to you. Tick the box if this is true for you:</p>' +
    checkbox(m, 'giftAid', GIFT_AID_WORDING) +
    textField(m, 'giftAidName', 'text', 'name', { hint: 'Needed only for Gift Aid', optional: true }) +
    textField(m, 'giftAidHouse', 'text', 'address-line1', { optional: true }) +
    textField(m, 'giftAidPostcode', 'text', 'postal-code', { optional: true }) +
    '</fieldset>'
  );
}

export function renderFormPage(m: FormPageModel): string {
  const errorNames = ORDER.filter((n) => m.errors[n]);
  const hasErrors = errorNames.length > 0 || m.formError !== null;
  let summary = '';
  if (hasErrors) {
    // The summary takes focus on load (no script needed), is announced, and links to each field.
    summary =
      '<div class="sum" role="alert" tabindex="-1" autofocus aria-labelledby="sum-title"><h2 id="sum-title">There is a problem</h2><ul>' +
      (m.formError ? `<li>${escapeHtml(m.formError)}</li>` : '') +
      errorNames.map((n) => `<li><a href="#${fieldId(n)}">${escapeHtml(m.errors[n])}</a></li>`).join('') +
      '</ul></div>';
  }
  const known = m.knownMemberName
    ? `<p class="note">This page is filled in for ${escapeHtml(m.knownMemberName)}.` +
      (m.notYouUrl ? ` <a href="${escapeHtml(m.notYouUrl)}">Not you?</a>` : '') +
      '</p>'
    : '';
  const contactHint = m.phoneRequired ? undefined : 'Give an email address, a mobile number or both.';
  const form =
    `<form method="post" action="${escapeHtml(m.action)}" novalidate>` +
    `<input type="hidden" name="nonce" value="${escapeHtml(m.nonce)}">` +
    (m.token ? `<input type="hidden" name="t" value="${escapeHtml(m.token)}">` : '') +
    (m.linkCode ? `<input type="hidden" name="l" value="${escapeHtml(m.linkCode)}">` : '') +
    (m.kind === 'donate' ? donationFields(m) : '') +
    textField(m, 'firstName', 'text', 'given-name') +
    textField(m, 'lastName', 'text', 'family-name') +
    textField(m, 'email', 'email', 'email', { hint: contactHint, optional: m.phoneRequired }) +
    textField(m, 'phone', 'tel', 'tel', { optional: !m.phoneRequired }) +
    textField(m, 'postcode', 'text', 'postal-code', { optional: true }) +
    (m.kind === 'donate' ? giftAidFields(m) : '') +
    (m.consentWording ? `<fieldset><legend>Keeping in touch</legend>${checkbox(m, 'consent', m.consentWording)}</fieldset>` : '') +
    // Honeypot: hidden from people and assistive technology; bots fill it in.
    '<div class="hp" aria-hidden="true"><label for="f-website">Leave this empty</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>' +
    `<button type="submit">${escapeHtml(m.buttonLabel || DEFAULT_BUTTON[m.kind])}</button></form>`;
  const main = `${summary}<h1>${escapeHtml(m.headline || m.title)}</h1>${known}${paragraphs(m.body)}${form}`;
  return layout(m.headline || m.title, m.organisationName, main, hasErrors);
}

export function renderThanksPage(organisationName: string, title: string, thankYou: string | null, kind: PageKind): string {
  const fallback: Record<PageKind, string> = {
    signup: 'Thank you for signing up. We will be in touch with the details.',
    pledge: 'Thank you for your pledge.',
    petition: 'Thank you for signing the petition.',
    donate: 'Thank you for your donation.',
  };
  return layout(`Thank you: ${title}`, organisationName, `<h1>Thank you</h1>${paragraphs(thankYou || fallback[kind])}`);
}

export function renderClosedPage(organisationName: string, title: string): string {
  return layout(title, organisationName, `<h1>${escapeHtml(title)}</h1><p>This action has closed and is no longer taking responses. Thank you for your interest.</p>`);
}

export function renderNotFoundPage(): string {
  return layout('Page not found', 'Muster', '<h1>Page not found</h1><p>If you typed the web address, check it is correct. If you followed a link, it may have expired.</p>');
}

export function renderMessagePage(title: string, message: string): string {
  return layout(title, 'Muster', `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
