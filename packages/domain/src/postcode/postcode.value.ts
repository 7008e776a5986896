/**
 * UK postcodes: one canonical spelling ("SW1A 1AA") so that filters, dedupe and reports agree.
 *
 * Owns: postcode normalisation and validation against the Royal Mail format, the outward code and
 * postcode area.
 * Must never: do I/O or claim a postcode exists (format only; whether it is a live postcode is a
 * question for an address lookup), or rewrite characters beyond case and spacing (turning a
 * letter O into a zero guesses at the member's address).
 *
 * The format is the one in the Royal Mail Programmers' Guide / BS 7666, with the letter
 * restrictions by position, plus the special GIR 0AA. British Forces (BFPO) numbers and the
 * overseas territories' postcodes (e.g. ASCN 1ZZ) are not UK postal addresses and are rejected.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export type PostcodeErrorCode = 'POSTCODE_EMPTY' | 'POSTCODE_INVALID';
export type PostcodeError = DomainError<PostcodeErrorCode>;

// Outward codes: A9, A99, AA9, AA99, A9A, AA9A, with the letters each position may take.
const OUTWARD = '(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRV-Y])';
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(`^(?:(${OUTWARD})(${INWARD})|(GIR)(0AA))$`);

function fail(code: PostcodeErrorCode, message: string): Result<string, PostcodeError> {
  return domainError(code, message);
}

/** "sw1a1aa" → "SW1A 1AA"; "  m1   1ae" → "M1 1AE". */
export function normalisePostcode(raw: string): Result<string, PostcodeError> {
  if (typeof raw !== 'string') return fail('POSTCODE_EMPTY', 'Enter a postcode.');
  const compact = raw.replace(/[\s\u00a0\u202f]+/g, '').toUpperCase();
  if (compact === '') return fail('POSTCODE_EMPTY', 'Enter a postcode.');
  const match = POSTCODE.exec(compact);
  if (!match) return fail('POSTCODE_INVALID', 'This is not a valid UK postcode (for example SW1A 1AA).');
  const outward = match[1] ?? match[3];
  const inward = match[2] ?? match[4];
  return ok(`${outward} ${inward}`);
}

/** The outward code ("SW1A" of "SW1A 1AA"), or null when the input is not a valid postcode. */
export function outwardCode(postcode: string): string | null {
  const result = normalisePostcode(postcode);
  return result.ok ? result.value.split(' ')[0] : null;
}

/** The postcode area, the leading letters ("SW" of "SW1A 1AA", "M" of "M1 1AE"), or null. */
export function postcodeArea(postcode: string): string | null {
  const outward = outwardCode(postcode);
  return outward === null ? null : (/^[A-Z]+/.exec(outward)?.[0] ?? null);
}
