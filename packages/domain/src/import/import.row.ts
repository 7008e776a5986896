/**
 * One row of a member import: from the cells of a CSV record and the column mapping to member values.
 *
 * Owns: reading each mapped cell with the existing value objects (phones, emails, postcodes, dates, names,
 * tags), deciding what is a warning (the value is dropped, the member still imported) and what rejects the
 * row, and the match keys an import uses to find the member a row is about.
 * Must never: touch storage or decide how a row merges with an existing member (the API's import engine does
 * that with `keepExisting`), or reject a row for messy data that loses nothing important: a garbage phone
 * number, an unreadable date, an invalid postcode or an unknown consent word are warnings.
 *
 * A row is rejected only when it cannot be a member: no name and nothing to identify them (email, phone,
 * membership number), or when a value cannot be right and guessing would corrupt the record (a status or
 * support level outside the vocabulary, an invalid email that is the row's only identifier, a name or label
 * longer than the member rules allow, a leaving date before the joining date).
 */
import { normaliseEmail } from '../email/email.value.js';
import { normaliseName } from '../member/member.normalise.js';
import { LABEL_MAX_LENGTH, NAME_MAX_LENGTH, SUPPORT_LEVEL_MAX, SUPPORT_LEVEL_MIN } from '../member/member.types.js';
import { parsePhoneNumber } from '../phone/phone.value.js';
import { normalisePostcode } from '../postcode/postcode.value.js';
import { parseImportDate } from './import.date.js';
import type { ImportField } from './import.mapping.js';

export type MatchKey = 'MEMBERSHIP_NUMBER' | 'EMAIL' | 'MOBILE';
export const MATCH_KEYS: readonly MatchKey[] = ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'];

export interface ImportRowPhone {
  e164: string;
  type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN';
}

export interface ImportRowValues {
  membershipNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  emails: string[];
  phones: ImportRowPhone[];
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  status: 'ACTIVE' | 'LAPSED' | 'LEFT' | null;
  joinedOn: string | null;
  leftOn: string | null;
  tags: string[];
  issues: string[];
  smsConsent: 'GRANTED' | 'WITHDRAWN' | null;
  emailConsent: 'GRANTED' | 'WITHDRAWN' | null;
  supportLevel: number | null;
}

export type ImportRowResult = { ok: true; values: ImportRowValues; warnings: string[] } | { ok: false; reasons: string[] };

// Status words of CRMs and union membership systems ("in arrears", "resigned", "deceased").
const STATUS_WORDS: ReadonlyMap<string, 'ACTIVE' | 'LAPSED' | 'LEFT'> = new Map([
  ...['active', 'current', 'member', 'live', 'paid', 'paid up', 'paying', 'financial', 'in benefit', 'new', 'joined'].map(
    (word) => [word, 'ACTIVE'] as const,
  ),
  ...['lapsed', 'lapsing', 'arrears', 'in arrears', 'expired', 'grace', 'grace period', 'unpaid', 'out of benefit', 'inactive'].map(
    (word) => [word, 'LAPSED'] as const,
  ),
  ...['left', 'resigned', 'ceased', 'cancelled', 'canceled', 'former', 'ex member', 'terminated', 'expelled', 'deceased', 'retired left'].map(
    (word) => [word, 'LEFT'] as const,
  ),
]);

const CONSENT_WORDS: ReadonlyMap<string, 'GRANTED' | 'WITHDRAWN'> = new Map([
  ...['yes', 'y', 'true', 't', '1', 'opted in', 'opt in', 'optin', 'granted', 'subscribed', 'consented', 'consent given', 'agreed', 'x', '✓', '✔'].map(
    (word) => [word, 'GRANTED'] as const,
  ),
  ...['no', 'n', 'false', 'f', '0', 'opted out', 'opt out', 'optout', 'unsubscribed', 'withdrawn', 'not subscribed', 'declined', 'refused', 'revoked'].map(
    (word) => [word, 'WITHDRAWN'] as const,
  ),
]);

/** Words that mean "nothing here" in exported cells; read as blank. */
const NULL_WORDS = new Set(['null', 'n/a', '#n/a', 'none', '-', '--']); // not "na": Na is a surname

/**
 * Small memo for pure readings of values that repeat down a file ("Active", "Yes", "14/03/2021"): a million-row
 * import asks the same few thousand questions. Only short values are kept, and the memo is emptied when full,
 * so memory stays bounded.
 */
function memo<T>(compute: (raw: string) => T, size = 4096): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    if (raw.length > 64) return compute(raw);
    let value = cache.get(raw);
    if (value === undefined) {
      if (cache.size >= size) cache.clear();
      value = compute(raw);
      cache.set(raw, value);
    }
    return value;
  };
}

const readDate = memo(parseImportDate);

// Text that is already clean: no whitespace but single spaces between words (most cells), so normaliseName
// would return it unchanged; checked without allocating.
const CLEAN_TEXT = /^[^\s\u200b]+(?: [^\s\u200b]+)*$/;

function clean(raw: string): string {
  return CLEAN_TEXT.test(raw) ? raw : normaliseName(raw);
}

/**
 * normaliseTagList's result (trim, collapse spaces, drop empties and case-insensitive duplicates keeping the
 * first spelling), with plain toLowerCase: for en-GB it lowercases exactly as toLocaleLowerCase('en-GB'), which
 * costs microseconds a call through ICU, a few seconds of a million-row import. A test compares the two.
 */
export function normaliseImportList(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of raw) {
    const tag = clean(item);
    if (tag === '') continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

// csvEscape writes "'=..." / "'+44..." so spreadsheets do not run formulas; read our own exports back.
const ESCAPED_FORMULA = /^'(?=[=+\-@])/;

function cell(fields: readonly string[], index: number): string {
  const raw = fields[index];
  if (raw === undefined || raw === null || raw === '') return '';
  let text = clean(raw);
  if (text.charCodeAt(0) === 0x27) text = text.replace(ESCAPED_FORMULA, '');
  return text.length <= 4 && NULL_WORDS.has(text.toLowerCase()) ? '' : text;
}

function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `"${short}"`;
}

// Titles that lead a full name in union and council exports ("Mr J Smith", "Dr. Siân Evans").
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|professor|rev|revd|sir|dame|lady|lord|cllr|fr)\.?\s+/i;

/** "Smith, Jo" → Jo / Smith; "Jo Anne Smith" → Jo Anne / Smith; "Mr Jo Smith" → Jo / Smith; "Jo" → Jo / (none). */
function splitFullName(raw: string): { first: string | null; last: string | null } {
  const untitled = raw.replace(TITLE, '');
  // "Ms Bloggs": a title and a surname.
  if (untitled !== raw && untitled !== '' && !untitled.includes(' ') && !untitled.includes(',')) return { first: null, last: untitled };
  const full = untitled === '' ? raw : untitled;
  const comma = full.indexOf(',');
  if (comma !== -1) {
    const last = normaliseName(full.slice(0, comma));
    const first = normaliseName(full.slice(comma + 1));
    return { first: first || null, last: last || null };
  }
  const parts = full.split(' ');
  if (parts.length === 1) return { first: parts[0], last: null };
  return { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1] };
}

const LIST_SEPARATORS = /[,;|\n]/;

// Labels people type around a number: "Mob: 07700 900123", "07700 900123 (home)", "tel. 0161 496 0123".
const PHONE_LABEL_BEFORE = /^(?:mob(?:ile)?|cell|tel(?:ephone)?|phone|home|work|office|m|h|w|t)\s*[:.]\s*/i;
const PHONE_LABEL_AFTER = /\s*[([]\s*(?:mob(?:ile)?|cell|home|work|office|landline|day|evening|eve|pref(?:erred)?|personal)\s*[)\]]\s*$/i;

function stripPhoneLabels(raw: string): string {
  return raw.replace(PHONE_LABEL_BEFORE, '').replace(PHONE_LABEL_AFTER, '');
}

function wordKey(raw: string): string {
  return raw.toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
}
const memoWordKey = memo(wordKey);

function mapWord<T>(words: ReadonlyMap<string, T>, raw: string): T | undefined {
  return words.get(memoWordKey(raw));
}

const FIELD_LABEL: Readonly<Record<string, string>> = {
  JOINED_ON: 'Joining date',
  LEFT_ON: 'Leaving date',
  REGION: 'Region',
  BRANCH: 'Branch',
  WORKPLACE: 'Workplace',
  EMPLOYER: 'Employer',
  MEMBERSHIP_NUMBER: 'Membership number',
};

/**
 * Normalises one record with the mapping (the mapping is by column index; a short row reads as blank cells,
 * extra cells are ignored). Several columns may map to the same field: emails and phones all count, tags
 * and issues are joined, and for anything else the first non-blank cell wins.
 */
export function normaliseImportRow(fields: string[], mapping: ImportField[]): ImportRowResult {
  const warnings: string[] = [];
  const reasons: string[] = [];

  const first: Partial<Record<ImportField, string>> = {};
  const rawEmails: string[] = [];
  const rawPhones: { raw: string; hint: 'MOBILE' | 'LANDLINE' | 'UNKNOWN'; parsed?: ReturnType<typeof parsePhoneNumber> }[] = [];
  const rawTags: string[] = [];
  const rawIssues: string[] = [];

  for (let i = 0; i < mapping.length; i++) {
    const field = mapping[i];
    if (field === 'IGNORE' || field === undefined) continue;
    const value = cell(fields, i);
    if (value === '') continue;
    switch (field) {
      case 'EMAIL':
      case 'EMAIL_2':
        // Several addresses in one cell, separated by , or ; (or only spaces, when the cell holds more than one
        // @); Twenty and some APIs export them as JSON arrays: ["jo@example.org","jo@work.example.org"].
        for (const piece of value.replace(/[[\]"]/g, ' ').split(/[;,]/)) {
          const parts = (piece.match(/@/g) ?? []).length > 1 ? piece.split(/\s+/) : [piece];
          for (const part of parts) if (part.trim() !== '') rawEmails.push(part.trim());
        }
        break;
      case 'PHONE':
      case 'MOBILE':
      case 'LANDLINE': {
        const hint = field === 'PHONE' ? 'UNKNOWN' : field;
        const text = stripPhoneLabels(value);
        // "07700 900123 / 0161 496 0123": several numbers in one cell, unless the whole cell reads as one.
        if (text === '') {
          break;
        } else if (!/[;,|/]/.test(text)) {
          rawPhones.push({ raw: text, hint });
        } else {
          const whole = parsePhoneNumber(text);
          if (whole.ok) rawPhones.push({ raw: text, hint, parsed: whole });
          else {
            for (const part of text.split(/[;,|/]/)) {
              const number = stripPhoneLabels(part.trim());
              if (number !== '') rawPhones.push({ raw: number, hint });
            }
          }
        }
        break;
      }
      case 'TAGS':
        rawTags.push(...value.split(LIST_SEPARATORS));
        break;
      case 'ISSUES':
        rawIssues.push(...value.split(LIST_SEPARATORS));
        break;
      default:
        if (first[field] === undefined) first[field] = value;
    }
  }

  // Names.
  let firstName = first.FIRST_NAME ?? null;
  let lastName = first.LAST_NAME ?? null;
  if (first.FULL_NAME !== undefined && (firstName === null || lastName === null)) {
    const split = splitFullName(first.FULL_NAME);
    if (firstName === null && lastName === null) {
      firstName = split.first;
      lastName = split.last;
    } else if (lastName !== null) {
      // A last name column and a full name: the full name without the surname is the first name.
      const full = first.FULL_NAME;
      firstName = full.toLowerCase().endsWith(` ${lastName.toLowerCase()}`) ? full.slice(0, full.length - lastName.length - 1).trim() : split.first;
    } else if (firstName !== null) {
      const full = first.FULL_NAME;
      lastName = full.toLowerCase().startsWith(`${firstName.toLowerCase()} `) ? full.slice(firstName.length + 1).trim() : split.last;
    }
  }
  for (const [name, label] of [
    [firstName, 'First name'],
    [lastName, 'Last name'],
  ] as const) {
    if (name !== null && name.length > NAME_MAX_LENGTH) {
      reasons.push(`${label} is longer than ${NAME_MAX_LENGTH} characters.`);
    }
  }

  // Labels.
  const label = (field: 'MEMBERSHIP_NUMBER' | 'REGION' | 'BRANCH' | 'WORKPLACE' | 'EMPLOYER'): string | null => {
    const value = first[field] ?? null;
    if (value !== null && value.length > LABEL_MAX_LENGTH) {
      reasons.push(`${FIELD_LABEL[field]} is longer than ${LABEL_MAX_LENGTH} characters.`);
    }
    return value;
  };
  const membershipNumber = label('MEMBERSHIP_NUMBER');
  // "1.00234E+05": a spreadsheet turned the number into scientific notation and lost digits; matching on it
  // would attach the row to the wrong member or create a duplicate.
  if (membershipNumber !== null && /^\d(?:[.,]\d+)?e\+\d+$/i.test(membershipNumber)) {
    reasons.push(
      `Membership number ${quote(membershipNumber)} looks like a number a spreadsheet turned into scientific notation; re-export the column as text.`,
    );
  }
  const region = label('REGION');
  const branch = label('BRANCH');
  const workplace = label('WORKPLACE');
  const employer = label('EMPLOYER');

  // Emails: invalid ones are dropped with a warning, unless nothing else identifies the member.
  const emails: string[] = [];
  const emailProblems: string[] = [];
  for (const raw of rawEmails) {
    const result = normaliseEmail(raw);
    if (!result.ok) {
      emailProblems.push(`Email ${quote(raw)} is not valid: ${result.error.message}`);
    } else if (!emails.includes(result.value)) {
      emails.push(result.value);
    }
  }

  // Phones: a number that cannot be read is dropped with a warning.
  const phones: ImportRowPhone[] = [];
  for (const { raw, hint, parsed } of rawPhones) {
    const result = parsed ?? parsePhoneNumber(raw);
    if (!result.ok) {
      warnings.push(`Phone ${quote(raw)} was not imported: ${result.error.message}`);
      continue;
    }
    if (phones.some((phone) => phone.e164 === result.value.e164)) continue;
    // The number's own type wins; a foreign number the metadata cannot type takes the column's word for it.
    const type = result.value.type === 'UNKNOWN' ? hint : result.value.type;
    if (hint !== 'UNKNOWN' && result.value.type !== 'UNKNOWN' && hint !== result.value.type) {
      warnings.push(`Phone ${quote(raw)} is in a ${hint === 'MOBILE' ? 'mobile' : 'landline'} column but is a ${type === 'MOBILE' ? 'mobile' : 'landline'} number; stored as a ${type === 'MOBILE' ? 'mobile' : 'landline'}.`);
    }
    phones.push({ e164: result.value.e164, type });
  }

  // Postcode.
  let postcode: string | null = null;
  if (first.POSTCODE !== undefined) {
    const result = normalisePostcode(first.POSTCODE);
    if (result.ok) postcode = result.value;
    else warnings.push(`Postcode ${quote(first.POSTCODE)} was not imported: ${result.error.message}`);
  }

  // Status.
  let status: ImportRowValues['status'] = null;
  if (first.STATUS !== undefined) {
    const word = mapWord(STATUS_WORDS, first.STATUS);
    if (word) status = word;
    else reasons.push(`Status ${quote(first.STATUS)} is not one we know: use Active, Lapsed or Left.`);
  }

  // Dates.
  const date = (field: 'JOINED_ON' | 'LEFT_ON'): string | null => {
    const raw = first[field];
    if (raw === undefined) return null;
    const result = readDate(raw);
    if (!result.ok) {
      warnings.push(`${FIELD_LABEL[field]} ${quote(raw)} was not imported: it ${result.message}`);
      return null;
    }
    if (result.note) warnings.push(`${FIELD_LABEL[field]} ${quote(raw)} ${result.note}`);
    return result.value;
  };
  const joinedOn = date('JOINED_ON');
  const leftOn = date('LEFT_ON');
  if (joinedOn !== null && leftOn !== null && leftOn < joinedOn) {
    reasons.push(`Leaving date ${leftOn} is before the joining date ${joinedOn}.`);
  }

  // Tags and issues.
  const list = (raw: string[], what: string): string[] => {
    const kept = normaliseImportList(raw).filter((item) => {
      if (item.length <= LABEL_MAX_LENGTH) return true;
      warnings.push(`${what} ${quote(item)} was not imported: longer than ${LABEL_MAX_LENGTH} characters.`);
      return false;
    });
    return kept;
  };
  const tags = list(rawTags, 'Tag');
  const issues = list(rawIssues, 'Issue');

  // Consent.
  const consent = (field: 'SMS_CONSENT' | 'EMAIL_CONSENT'): 'GRANTED' | 'WITHDRAWN' | null => {
    const raw = first[field];
    if (raw === undefined) return null;
    const word = mapWord(CONSENT_WORDS, raw);
    if (word) return word;
    warnings.push(
      `${field === 'SMS_CONSENT' ? 'SMS' : 'Email'} consent ${quote(raw)} is not a yes or no; consent was left unchanged.`,
    );
    return null;
  };
  const smsConsent = consent('SMS_CONSENT');
  const emailConsent = consent('EMAIL_CONSENT');

  // Support level.
  let supportLevel: number | null = null;
  if (first.SUPPORT_LEVEL !== undefined) {
    const n = Number(first.SUPPORT_LEVEL);
    if (Number.isInteger(n) && n >= SUPPORT_LEVEL_MIN && n <= SUPPORT_LEVEL_MAX) supportLevel = n;
    else {
      reasons.push(
        `Support level ${quote(first.SUPPORT_LEVEL)} must be a whole number from ${SUPPORT_LEVEL_MIN} to ${SUPPORT_LEVEL_MAX}.`,
      );
    }
  }

  // Can this row be a member at all?
  const hasName = firstName !== null || lastName !== null;
  const hasIdentifier = emails.length > 0 || phones.length > 0 || membershipNumber !== null;
  if (!hasIdentifier && emailProblems.length > 0) {
    reasons.unshift(...emailProblems);
  } else {
    warnings.push(...emailProblems.map((problem) => `${problem} It was not imported.`));
  }
  if (!hasName && !hasIdentifier && emailProblems.length === 0) {
    const dropped = warnings.filter((warning) => warning.startsWith('Phone '));
    reasons.unshift(
      dropped.length > 0
        ? 'The row has no name and no usable email, phone number or membership number.'
        : 'The row has no name, email, phone number or membership number.',
      ...dropped,
    );
  }

  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    warnings,
    values: {
      membershipNumber,
      firstName,
      lastName,
      emails,
      phones,
      postcode,
      region,
      branch,
      workplace,
      employer,
      status,
      joinedOn,
      leftOn,
      tags,
      issues,
      smsConsent,
      emailConsent,
      supportLevel,
    },
  };
}

/**
 * The keys of a row in match order, e.g. ['MEMBERSHIP_NUMBER:M123', 'EMAIL:a@b.org', 'MOBILE:+447700900123'].
 * Every email and every mobile of the row gives a key (in the row's order); landlines never match, as a
 * household shares them. Membership numbers match exactly as written (the stored key is case-sensitive).
 */
export function matchKeys(values: ImportRowValues, order: MatchKey[]): string[] {
  const keys: string[] = [];
  for (const key of order) {
    if (key === 'MEMBERSHIP_NUMBER') {
      if (values.membershipNumber) keys.push(`MEMBERSHIP_NUMBER:${values.membershipNumber}`);
    } else if (key === 'EMAIL') {
      for (const email of values.emails) keys.push(`EMAIL:${email}`);
    } else if (key === 'MOBILE') {
      for (const phone of values.phones) if (phone.type === 'MOBILE') keys.push(`MOBILE:${phone.e164}`);
    }
  }
  return keys;
}
