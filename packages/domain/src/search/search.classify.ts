/**
 * The members search box: decide what a typed term is looking for.
 *
 * Owns: classifying a search term as a phone prefix (as E.164), an email prefix or a name
 * (first-name and surname prefixes), identically for the API and the admin app.
 * Must never: build SQL or know about indexes; the API's member repository turns a classification
 * into prefix queries (E.164 and lowercased email/name columns, so every kind is an index range).
 */

export type SearchTerm =
  | { readonly kind: 'phone'; readonly e164Prefix: string }
  | { readonly kind: 'email'; readonly prefix: string }
  | { readonly kind: 'name'; readonly first?: string; readonly last: string };

/** Fewer digits than this match too many numbers to be useful, and "1984" is more likely a name search typo. */
export const PHONE_SEARCH_MIN_DIGITS = 4;

const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const PHONE_LIKE = /^\+?[\d\s().\-/]+$/;

/**
 * The E.164 prefix for digits typed in any UK way, however far the user has got:
 * "07700 9" → "+4477009", "+44 77" → "+4477", "+44 (0)77" → "+4477", "0044 77" → "+4477",
 * "447700" → "+447700", "7700 9" (leading zero lost) → "+4477009".
 */
function phonePrefix(term: string): string {
  const text = term.replace(/^\s*\(\s*0\s*\)/, '0').replace(/\(\s*0\s*\)/g, '');
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+44${digits.slice(1)}`;
  if (digits.startsWith('44')) return `+${digits}`;
  return `+44${digits}`;
}

export function classifySearchTerm(raw: string | null | undefined): SearchTerm | null {
  if (typeof raw !== 'string') return null;
  let term = raw.replace(UNICODE_SPACES, ' ').trim().toLocaleLowerCase('en-GB');
  if (term.startsWith('tel:')) term = term.slice(4).trim();
  if (term === '') return null;

  if (term.includes('@')) {
    const prefix = term.replace(/^mailto:/, '').replace(/\s+/g, '');
    return prefix === '' ? null : { kind: 'email', prefix };
  }

  if (PHONE_LIKE.test(term) && term.replace(/\D/g, '').length >= PHONE_SEARCH_MIN_DIGITS) {
    return { kind: 'phone', e164Prefix: phonePrefix(term) };
  }

  // "jones, mary" is how lists and registers write names: surname first.
  const comma = term.indexOf(',');
  if (comma !== -1) {
    const last = term.slice(0, comma).replace(/\s+/g, ' ').trim();
    const first = term.slice(comma + 1).replace(/[\s,]+/g, ' ').trim();
    if (last === '') return first === '' ? null : { kind: 'name', last: first };
    return first === '' ? { kind: 'name', last } : { kind: 'name', first, last };
  }
  const words = term.split(/\s+/);
  if (words.length === 1) return { kind: 'name', last: words[0] };
  // "john jo": a complete first name, then the start of the surname, which may have spaces in it
  // ("mary de so" → first "mary", last "de so").
  return { kind: 'name', first: words[0], last: words.slice(1).join(' ') };
}
