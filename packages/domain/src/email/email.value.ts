/**
 * Email addresses: trim, lowercase and check them the way a practical CRM must.
 *
 * Owns: email normalisation (the stored and matched form) and its error codes and messages.
 * Must never: do I/O (no MX or SMTP look-ups: that is a deliverability job, not validation), or
 * accept an address a mail provider would refuse because RFC 5322 technically allows it (quoted
 * local parts, comments, IP-literal domains): members type addresses, they do not write RFCs.
 *
 * Lowercasing the local part is deliberate: RFC 5321 says it may be case-sensitive, but no UK
 * provider treats it so, and matching "Jo.Smith@" to "jo.smith@" is what dedupe needs.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export type EmailErrorCode =
  | 'EMAIL_EMPTY'
  | 'EMAIL_TOO_LONG'
  | 'EMAIL_HAS_SPACES'
  | 'EMAIL_MISSING_AT'
  | 'EMAIL_MULTIPLE_AT'
  | 'EMAIL_INVALID_LOCAL_PART'
  | 'EMAIL_INVALID_DOMAIN';

export type EmailError = DomainError<EmailErrorCode>;

/** RFC 5321 limits: 64 for the local part, 254 for the whole path usable in practice. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;
const DOMAIN_LABEL_MAX_LENGTH = 63;

const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
// The dot-atom characters of RFC 5322 plus Unicode letters and digits (RFC 6531 addresses).
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

function fail(code: EmailErrorCode, message: string): Result<string, EmailError> {
  return domainError(code, message);
}

/**
 * Normalise an email address as typed or pasted: strips surrounding whitespace, a `mailto:`
 * scheme (and its `?subject=` query), and angle brackets ("<jo@example.org>"), then lowercases.
 */
export function normaliseEmail(raw: string): Result<string, EmailError> {
  if (typeof raw !== 'string') return fail('EMAIL_EMPTY', 'Enter an email address.');
  let text = raw.replace(UNICODE_SPACES, ' ').trim();
  if (/^mailto:/i.test(text)) text = text.slice('mailto:'.length).replace(/\?.*$/, '').trim();
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
  if (text === '') return fail('EMAIL_EMPTY', 'Enter an email address.');
  if (text.length > EMAIL_MAX_LENGTH) return fail('EMAIL_TOO_LONG', `An email address can be at most ${EMAIL_MAX_LENGTH} characters.`);
  if (/\s/.test(text)) return fail('EMAIL_HAS_SPACES', 'An email address cannot contain spaces.');
  const email = text.toLowerCase();
  const at = email.indexOf('@');
  if (at === -1) return fail('EMAIL_MISSING_AT', 'An email address needs an @, as in name@example.org.');
  if (email.indexOf('@', at + 1) !== -1) return fail('EMAIL_MULTIPLE_AT', 'An email address can only contain one @.');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return fail('EMAIL_INVALID_LOCAL_PART', 'Something is missing before the @.');
  if (local.length > LOCAL_MAX_LENGTH) {
    return fail('EMAIL_INVALID_LOCAL_PART', `The part before the @ can be at most ${LOCAL_MAX_LENGTH} characters.`);
  }
  if (local.includes('..')) return fail('EMAIL_INVALID_LOCAL_PART', 'An email address cannot contain two dots in a row.');
  if (!LOCAL_PART.test(local)) {
    return fail('EMAIL_INVALID_LOCAL_PART', 'The part before the @ contains a character email addresses cannot have.');
  }
  if (domain === '') return fail('EMAIL_INVALID_DOMAIN', 'Something is missing after the @.');
  if (domain.includes('..')) return fail('EMAIL_INVALID_DOMAIN', 'An email address cannot contain two dots in a row.');
  const labels = domain.split('.');
  if (labels.length < 2) return fail('EMAIL_INVALID_DOMAIN', 'The part after the @ needs a dot, as in example.org.');
  if (labels.some((label) => label.length > DOMAIN_LABEL_MAX_LENGTH || !DOMAIN_LABEL.test(label))) {
    return fail('EMAIL_INVALID_DOMAIN', 'The part after the @ is not a valid domain.');
  }
  if (!TOP_LEVEL_DOMAIN.test(labels[labels.length - 1])) {
    return fail('EMAIL_INVALID_DOMAIN', 'The part after the @ does not end in a valid domain such as .org or .co.uk.');
  }
  return ok(email);
}
