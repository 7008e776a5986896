/**
 * Phone numbers: turn what people type (or what a spreadsheet did to it) into E.164 with a type.
 *
 * Owns: UK-first parsing of raw phone strings, the phone error codes and messages, the
 * MOBILE/LANDLINE/UNKNOWN classification, and the Ofcom drama ranges.
 * Must never: do I/O, guess a country for an ambiguous number other than the default, or
 * silently "fix" a number whose digits were lost (Excel's 7.7009E+09 is rejected, not rebuilt).
 *
 * Metadata choice: `libphonenumber-js/min` (~83 kB raw, ~19 kB gzip), not `/max` (~157 kB, ~40 kB
 * gzip) or `/mobile`. This module is bundled into the admin app for inline validation, so weight
 * matters. `/min` still classifies UK numbers fully, because +44 is shared with Guernsey and Jersey
 * and the min metadata keeps the per-type patterns of every country that shares a calling code
 * (GB, US/CA, ...) to tell them apart. For countries that do not share a code (France, Ireland,
 * India, ...) `/min` validates the number but cannot type it, so foreign numbers come back as
 * `UNKNOWN`; in a UK-first CRM that is the honest answer, and the SMS rules treat UNKNOWN as "not
 * known to be a mobile". `/mobile` was rejected because it reports every landline as invalid.
 *
 * Ofcom drama ranges (numbers reserved for fiction, never allocated to a person): libphonenumber
 * reports 07700 900000–900999, 01632 960000–960999 and 0115 496 0000–0999 invalid, while the
 * other drama ranges (020 7946 0xxx, 0161 496 0xxx, ...) already validate. We accept all of them
 * (see `isOfcomDramaNumber`) so that documentation, tests and screenshots can use numbers that
 * can never ring a real person, and still exercise the real code path.
 *
 * Speed: libphonenumber-js compiles its (large) GB regular expressions afresh on every call, about
 * 50–100 µs a number here, which is a minute of CPU for a million-row import. UK mobiles and
 * landlines, most of what we parse, take a fast path: the same GB patterns and formats from the same
 * metadata, compiled once (see `ukFastPath`; a test checks it agrees with libphonenumber number for
 * number).
 */
import {
  Metadata,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/min';

import { domainError, ok, type DomainError, type Result } from '../result.js';

export type PhoneType = 'MOBILE' | 'LANDLINE' | 'UNKNOWN';

export interface PhoneNumberValue {
  /** E.164, e.g. "+447700900123": the stored and matched form. */
  readonly e164: string;
  readonly type: PhoneType;
  /** Formatted for display in the number's own country, e.g. "07700 900123". */
  readonly national: string;
}

export type PhoneErrorCode =
  | 'PHONE_EMPTY'
  | 'PHONE_INVALID_CHARACTERS'
  | 'PHONE_SPREADSHEET_DAMAGE'
  | 'PHONE_TOO_SHORT'
  | 'PHONE_TOO_LONG'
  | 'PHONE_INVALID_COUNTRY'
  | 'PHONE_INVALID';

export type PhoneError = DomainError<PhoneErrorCode>;

/** Longest raw input we look at; anything longer is not a phone number someone typed. */
const MAX_RAW_LENGTH = 64;

// Unicode spaces people paste from Word, web pages and PDFs (NBSP, narrow NBSP, thin space, ...).
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
// Hyphen look-alikes and the Unicode minus that word processors substitute.
const UNICODE_DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
// Excel shows long numbers in scientific notation and keeps only ~15 significant digits of what it
// parsed; once "7.7009E+09" is saved the real digits are gone, so we say so instead of guessing.
const SCIENTIFIC_NOTATION = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
// What may appear in a typed phone number once the "tel:" prefix is gone.
const ALLOWED_CHARACTERS = /^[\d\s+().\-/]*$/;

// Ofcom's drama ranges: https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama
const DRAMA_RANGES: ReadonlyArray<{ pattern: RegExp; type: PhoneType }> = [
  { pattern: /^\+447700900\d{3}$/, type: 'MOBILE' },
  { pattern: /^\+44(?:113|114|115|116|117|118|121|131|141|151|161)4960\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+441914980\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+442079460\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+442920180\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+442896496\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+441632960\d{3}$/, type: 'LANDLINE' },
  { pattern: /^\+443069990\d{3}$/, type: 'UNKNOWN' },
  { pattern: /^\+448081570\d{3}$/, type: 'UNKNOWN' },
  { pattern: /^\+449098790\d{3}$/, type: 'UNKNOWN' },
];

/** True for numbers Ofcom reserves for TV, film and examples: safe to show, never a real person. */
export function isOfcomDramaNumber(e164: string): boolean {
  return DRAMA_RANGES.some((range) => range.pattern.test(e164));
}

function dramaType(e164: string): PhoneType | undefined {
  return DRAMA_RANGES.find((range) => range.pattern.test(e164))?.type;
}

/** The parts of libphonenumber's GB numbering plan we reuse. Not in its public types, hence the cast. */
interface TypeInternals {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface FormatInternals {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
}
interface NumberingPlanInternals {
  nationalNumberPattern(): string;
  type(type: 'MOBILE' | 'FIXED_LINE'): TypeInternals | undefined;
  formats(): FormatInternals[];
}

interface CompiledType {
  readonly pattern: RegExp;
  readonly lengths: readonly number[] | undefined;
}
interface CompiledFormat {
  readonly pattern: RegExp;
  readonly entire: RegExp;
  readonly leadingDigits: RegExp | undefined;
  readonly replacement: string;
}
interface CompiledPlan {
  readonly general: RegExp;
  readonly mobile: CompiledType;
  readonly fixedLine: CompiledType;
  readonly formats: readonly CompiledFormat[];
}

let gbPlan: CompiledPlan | null | undefined;

/** libphonenumber's own GB rules, compiled once instead of on every call. */
function compiledGbPlan(): CompiledPlan | null {
  if (gbPlan !== undefined) return gbPlan;
  try {
    const metadata = new Metadata();
    metadata.selectNumberingPlan('GB');
    const plan = metadata.numberingPlan as unknown as NumberingPlanInternals;
    const entire = (pattern: string | undefined): RegExp => {
      if (!pattern) throw new Error('missing pattern');
      return new RegExp(`^(?:${pattern})$`);
    };
    const type = (name: 'MOBILE' | 'FIXED_LINE'): CompiledType => {
      const definition = plan.type(name);
      return { pattern: entire(definition?.pattern()), lengths: definition?.possibleLengths() };
    };
    gbPlan = {
      general: entire(plan.nationalNumberPattern()),
      mobile: type('MOBILE'),
      fixedLine: type('FIXED_LINE'),
      formats: plan.formats().map((format) => {
        const leading = format.leadingDigitsPatterns();
        const rule = format.nationalPrefixFormattingRule();
        return {
          pattern: new RegExp(format.pattern()),
          entire: entire(format.pattern()),
          leadingDigits: leading.length > 0 ? new RegExp(leading[leading.length - 1]) : undefined,
          // As libphonenumber's formatNationalNumberUsingFormat: the national prefix joins the first group.
          replacement: rule ? format.format().replace(/(\$\d)/, rule) : format.format(),
        };
      }),
    };
  } catch {
    // A future metadata layout without these internals: everything takes the ordinary path.
    gbPlan = null;
  }
  return gbPlan;
}

function matchesType(nsn: string, type: CompiledType): boolean {
  if (type.lengths && type.lengths.length > 0 && !type.lengths.includes(nsn.length)) return false;
  return type.pattern.test(nsn);
}

/**
 * A UK mobile or landline ("+44…" or, with a GB default, "0…") answered with libphonenumber's
 * rules compiled once: the same validity, type and national format as the library gives (a test
 * compares them on tens of thousands of numbers). Anything else (non-geographic numbers, other
 * countries, invalid numbers) returns undefined and takes the ordinary path.
 */
function ukFastPath(candidate: string, defaultCountry: CountryCode): PhoneNumberValue | undefined {
  let nsn: string;
  if (candidate.startsWith('+44')) nsn = candidate.slice(3);
  else if (defaultCountry === 'GB' && candidate.startsWith('0') && !candidate.startsWith('00')) nsn = candidate.slice(1);
  else return undefined;
  if (nsn.length < 9 || nsn.length > 10) return undefined;
  const plan = compiledGbPlan();
  if (!plan || isOfcomDramaNumber(`+44${nsn}`) || !plan.general.test(nsn)) return undefined;
  let type: PhoneType;
  if (matchesType(nsn, plan.fixedLine)) {
    if (matchesType(nsn, plan.mobile)) return undefined;
    type = 'LANDLINE';
  } else if (matchesType(nsn, plan.mobile)) {
    type = 'MOBILE';
  } else {
    return undefined;
  }
  const format = plan.formats.find((f) => (!f.leadingDigits || nsn.search(f.leadingDigits) === 0) && f.entire.test(nsn));
  if (!format) return undefined;
  return { e164: `+44${nsn}`, type, national: nsn.replace(format.pattern, format.replacement) };
}

function toPhoneType(type: NumberType | undefined): PhoneType {
  switch (type) {
    case 'MOBILE':
      return 'MOBILE';
    case 'FIXED_LINE':
      return 'LANDLINE';
    default:
      // FIXED_LINE_OR_MOBILE (North America), VOIP, UAN, toll-free, pagers, or no type data
      // (foreign numbers under the min metadata): none is known to take an SMS.
      return 'UNKNOWN';
  }
}

function fail(code: PhoneErrorCode, message: string): Result<PhoneNumberValue, PhoneError> {
  return domainError(code, message);
}

/**
 * Reduce a raw string to "+<digits>" or "<digits>" in the way a UK organiser would read it.
 * Returns undefined when the text holds characters no phone number has.
 */
function canonicalDigits(raw: string, defaultCountry: CountryCode): string | undefined {
  let text = raw.replace(UNICODE_SPACES, ' ').replace(UNICODE_DASHES, '-').trim();
  // tel: URIs come from copied links and vCards; drop the scheme and any ;ext=/;phone-context params.
  text = text.replace(/^tel:\s*(?:\/\/)?/i, '').replace(/;.*$/, '').trim();
  if (!ALLOWED_CHARACTERS.test(text)) return undefined;
  // "+44 (0)7700 900123": the (0) is the trunk prefix that must be dropped after a country code.
  // "(0)7700 900123" with nothing before it: the 0 is the number's own trunk prefix, keep it.
  text = /^\s*\(\s*0\s*\)/.test(text) ? text.replace(/^\s*\(\s*0\s*\)/, '0') : text.replace(/\(\s*0\s*\)/g, '');
  // A "+" anywhere but the start is two numbers run together or a typo; either way, not one number.
  if (text.lastIndexOf('+') > 0) return undefined;
  const plus = text.startsWith('+');
  let digits = text.replace(/\D/g, '');
  if (plus) return `+${digits}`;
  // "0044 7700 900123": the international prefix dialled from the UK (and most of Europe).
  // (Country codes never start with 0, so "0000 000000" is just an invalid number.)
  if (/^00[1-9]/.test(digits)) return `+${digits.slice(2)}`;
  if (defaultCountry === 'GB') {
    // No UK number starts 04 (the range is unallocated), so "447700900123" is a number written with
    // its country code and no "+", not a national number. Only when long enough to be one.
    if (digits.startsWith('44') && digits.length >= 11) return `+${digits}`;
    // A spreadsheet stored "07700 900123" as the number 7700900123 and lost the leading zero.
    if (!digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) digits = `0${digits}`;
  }
  return digits;
}

/**
 * Parse a phone number as people type it. UK-first: without a country code the number is read
 * as a number of `defaultCountry` (GB unless told otherwise); with "+", "00" or (for GB) a bare
 * leading "44", it is read in its own country.
 */
export function parsePhoneNumber(raw: string, defaultCountry: CountryCode = 'GB'): Result<PhoneNumberValue, PhoneError> {
  if (typeof raw !== 'string' || raw.replace(UNICODE_SPACES, ' ').trim() === '') {
    return fail('PHONE_EMPTY', 'Enter a phone number.');
  }
  if (raw.length > MAX_RAW_LENGTH) {
    return fail('PHONE_TOO_LONG', 'This is too long to be a phone number.');
  }
  const compact = raw.replace(UNICODE_SPACES, '').trim();
  if (SCIENTIFIC_NOTATION.test(compact)) {
    return fail(
      'PHONE_SPREADSHEET_DAMAGE',
      'This looks like a number a spreadsheet turned into scientific notation (e.g. 7.7009E+09); its digits are lost. Re-export the column as text.',
    );
  }
  const candidate = canonicalDigits(raw, defaultCountry);
  if (candidate === undefined && /\p{L}/u.test(raw.replace(/^\s*tel:/i, ''))) {
    return fail('PHONE_INVALID_CHARACTERS', 'A phone number cannot contain letters.');
  }
  if (candidate === undefined) {
    return fail(
      'PHONE_INVALID_CHARACTERS',
      'A phone number can only contain digits, spaces, brackets, dashes, dots and one + at the start.',
    );
  }
  const digitCount = candidate.replace(/\D/g, '').length;
  if (digitCount === 0) return fail('PHONE_EMPTY', 'Enter a phone number.');
  if (digitCount < 6) return fail('PHONE_TOO_SHORT', 'This phone number is too short.');
  // E.164 allows at most 15 digits; national forms add at most a trunk "0".
  if (digitCount > 16) return fail('PHONE_TOO_LONG', 'This phone number is too long.');

  const fast = ukFastPath(candidate, defaultCountry);
  if (fast) return ok(fast);

  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (parsed) {
    const drama = dramaType(parsed.number);
    if (drama !== undefined) {
      return ok({ e164: parsed.number, type: drama, national: parsed.formatNational() });
    }
    if (parsed.isValid()) {
      return ok({ e164: parsed.number, type: toPhoneType(parsed.getType()), national: parsed.formatNational() });
    }
  }
  switch (validatePhoneNumberLength(candidate, defaultCountry)) {
    case 'TOO_SHORT':
      return fail('PHONE_TOO_SHORT', 'This phone number is too short.');
    case 'TOO_LONG':
      return fail('PHONE_TOO_LONG', 'This phone number is too long.');
    case 'INVALID_COUNTRY':
      return fail('PHONE_INVALID_COUNTRY', 'This phone number has a country code that does not exist.');
    default:
      return fail('PHONE_INVALID', 'This is not a valid phone number.');
  }
}
