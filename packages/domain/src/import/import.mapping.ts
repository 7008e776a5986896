/**
 * Import mapping: which member field each column of an uploaded file holds, and whether row one is a header.
 *
 * Owns: the import field vocabulary, the column-name recognition (plain names and the export columns of the
 * CRMs and union membership systems our clients move from), and header-row detection.
 * Must never: let the values override a named column (a column called "Membership No" that happens to hold
 * phone-like digits stays a membership number; values only speak for files without a header row, through
 * `suggestMappingFromValues`), or map an opt-OUT column to a consent field: "Email Opt Out = yes" means the
 * opposite of consent, so such columns are left IGNORE.
 *
 * Sources of the column names: NationBuilder people exports (first_name, mobile_number, primary_zip, tag_list,
 * email_opt_in, mobile_opt_in, support_level), Action Network (email, zip_code, can2_phone, can2_sms_status,
 * can2_subscription_status), NGP VAN / EveryAction (VANID, FirstName, CellPhone, HomePhone, PreferredEmail,
 * Zip5), CiviCRM (Display Name, Postal Code, Current Employer, Member Since, Membership Status), Salesforce
 * NPSP (Mobile, Home Phone, Mailing Zip/Postal Code, npe01__HomeEmail__c, npo02__MembershipJoinDate__c),
 * Mailchimp (Email Address, Phone Number, TAGS), HubSpot (Mobile Phone Number, Postal Code, Company Name),
 * Twenty (Name / First Name, Emails / Primary Email, Phones / Primary Phone Number), Zetkin (first_name,
 * alt_phone, zip_code), CallHub (contact, mobile number), Spoke (firstName, cell, zip) and UK union membership
 * systems (Membership No, Mem No, Forename, Surname, Mobile Tel, Home Tel, Post Code, Workplace, Branch,
 * Region, Date Joined).
 */

import { normaliseEmail } from '../email/email.value.js';
import { parsePhoneNumber } from '../phone/phone.value.js';
import { normalisePostcode } from '../postcode/postcode.value.js';

export const IMPORT_FIELDS = [
  'IGNORE',
  'MEMBERSHIP_NUMBER',
  'FIRST_NAME',
  'LAST_NAME',
  'FULL_NAME',
  'EMAIL',
  'EMAIL_2',
  'PHONE',
  'MOBILE',
  'LANDLINE',
  'POSTCODE',
  'REGION',
  'BRANCH',
  'WORKPLACE',
  'EMPLOYER',
  'STATUS',
  'JOINED_ON',
  'LEFT_ON',
  'TAGS',
  'ISSUES',
  'SMS_CONSENT',
  'EMAIL_CONSENT',
  'SUPPORT_LEVEL',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** Fields several columns may map to: every email and phone column adds one more. */
const REPEATABLE: ReadonlySet<ImportField> = new Set(['PHONE', 'MOBILE', 'LANDLINE']);

/**
 * "Mailing Zip/Postal Code" → "mailing zip postal code"; "CellPhone" → "cell phone"; "npe01__HomeEmail__c" →
 * "home email"; "contact[firstName]" → "contact first name"; "Forenâme" → "forename".
 */
export function normaliseHeader(header: string): string {
  let text = (header ?? '')
    .replace(/^\ufeff/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  // Salesforce API names: npe01__HomeEmail__c, npo02__MembershipJoinDate__c.
  text = text.replace(/^(?:npe|npo|npsp)\d* /, '').replace(/ c$/, '');
  return text;
}

/** Exact names (after normaliseHeader) that the rules below would get wrong or not find. */
const EXACT: ReadonlyMap<string, ImportField> = new Map<string, ImportField>([
  // CallHub calls its phone column "contact"; Spoke calls the mobile "cell".
  ['contact', 'PHONE'],
  ['contact contact', 'PHONE'],
  ['cell', 'MOBILE'],
  ['contact cell', 'MOBILE'],
  // Names on their own.
  ['name', 'FULL_NAME'],
  ['first', 'FIRST_NAME'],
  ['last', 'LAST_NAME'],
  ['fname', 'FIRST_NAME'],
  ['lname', 'LAST_NAME'],
  ['given', 'FIRST_NAME'],
  ['zip', 'POSTCODE'],
  ['zip5', 'POSTCODE'],
  ['zip4', 'IGNORE'],
  ['mob', 'MOBILE'],
  ['tel', 'PHONE'],
  ['status', 'STATUS'],
  ['support', 'SUPPORT_LEVEL'],
  ['tag', 'TAGS'],
  ['tags', 'TAGS'],
  ['labels', 'TAGS'],
  ['issue', 'ISSUES'],
  ['issues', 'ISSUES'],
  ['interests', 'ISSUES'],
  ['joined', 'JOINED_ON'],
  ['left', 'LEFT_ON'],
  ['branch', 'BRANCH'],
  ['region', 'REGION'],
  ['workplace', 'WORKPLACE'],
  ['employer', 'EMPLOYER'],
  // Salesforce NPSP's "Account Name" on a contact is the household ("Smith Household"), not an employer.
  ['account name', 'IGNORE'],
  // HubSpot's "Marketing contact status" says whether HubSpot bills for the contact, not membership.
  ['marketing contact status', 'IGNORE'],
]);

interface Rule {
  readonly test: RegExp;
  readonly field: ImportField;
}

/**
 * Tried in order on the normalised name; the first match wins. Opt-outs, identifiers of other systems and
 * secondary data come first so that "Email Opt Out", "VANID" or "Phones / Primary Phone Country Code" do not
 * land on a member field through a word they contain.
 */
const RULES: readonly Rule[] = [
  // Opt-outs and do-not-contact flags mean the opposite of consent; never a consent (or any other) field.
  { test: /\b(?:opt ?out|optout|opted out|unsubscri\w*|do ?not|don t|no ?(?:sms|e ?mail|call|contact|bulk)|bounce\w*|is bad|bad|cleaned|suppress\w*)\b/, field: 'IGNORE' },
  // Consent columns that say yes for consent.
  { test: /\b(?:sms|text|mobile|cell)\b.*\b(?:opt ?in|optin|consent|permission|subscri\w*)\b/, field: 'SMS_CONSENT' },
  { test: /\bsms (?:subscription )?status\b/, field: 'SMS_CONSENT' },
  { test: /\b(?:e ?mail|newsletter|marketing)\b.*\b(?:opt ?in|optin|consent|permission|subscri\w*)\b/, field: 'EMAIL_CONSENT' },
  { test: /^(?:can2 )?subscription status$|^e ?mail (?:marketing )?status$/, field: 'EMAIL_CONSENT' },
  { test: /^(?:gdpr|consent|opt in|optin)(?: consent)?$/, field: 'EMAIL_CONSENT' },
  // Other systems' bookkeeping, parts of a phone number or address we do not store, other people.
  { test: /\b(?:created|updated|modified|deleted|last activity|reason|user ?name|username|login|twitter|facebook|linkedin|handle)\b/, field: 'IGNORE' },
  { test: /\b(?:country code|calling code|extension|ext|fax|zip ?4|plus4)\b/, field: 'IGNORE' },
  { test: /\b(?:next of kin|emergency|spouse|partner|parent|guardian|referee|referrer|recruiter|recruited|owner|assigned|assignee|point person)\b/, field: 'IGNORE' },
  // Flags about an address or number ("Invalid email address", "Email Address Quarantined" in HubSpot).
  { test: /\b(?:invalid|quarantined|confirmed|verification|verified|valid|validated)\b/, field: 'IGNORE' },
  // Picklists about an email or phone, not the address or number itself ("Preferred Phone = Mobile").
  { test: /\b(?:e ?mails?|phones?|cell|mobile)\b.*\b(?:type|format|verified|valid|domain|count|status|location)\b|^preferred phone$/, field: 'IGNORE' },
  // A workplace's or billing postcode is not where the member lives.
  { test: /\b(?:workplace|work|employer|office|billing|business)\b.*\b(?:post ?code|postal code|zip ?code|zip)\b/, field: 'IGNORE' },
  {
    test: /\b(?:membership|member|mem|union)\b.*\b(?:no|num|number|nbr|ref|reference|id|code)\b/,
    field: 'MEMBERSHIP_NUMBER',
  },
  { test: /^(?:membership|member|mem)$/, field: 'MEMBERSHIP_NUMBER' },
  // Emails: "Email", "Email Address", "Personal Email", "email1", "Emails / Primary Email", "PreferredEmail".
  { test: /\b(?:e ?mails?|emails?\d|email address\w*)\b/, field: 'EMAIL' },
  // Phones.
  { test: /\b(?:mobile|mob|cell|cellphone|mobilephone|mobile phone)\b/, field: 'MOBILE' },
  {
    test: /\b(?:landline|land line)\b|^(?=.*\b(?:home|work|office|day|daytime|evening|business)\b)(?=.*\b(?:phone|tel|telephone|number|no)\b)/,
    field: 'LANDLINE',
  },
  { test: /\b(?:phones?|tel|telephone|contact number|contact no)\b/, field: 'PHONE' },
  // Names (the bare word "name" comes last: "Branch Name" is a branch, "Company Name" an employer).
  { test: /\b(?:middle|initials?|title|prefix|suffix|salutation|known as|nick ?name|preferred name|maiden)\b/, field: 'IGNORE' },
  { test: /\b(?:first ?name|firstname|forenames?|given ?name|christian name)\b/, field: 'FIRST_NAME' },
  { test: /\b(?:last ?name|lastname|surname|family ?name)\b/, field: 'LAST_NAME' },
  { test: /\b(?:full ?name|display name|contact name|member name|person name)\b/, field: 'FULL_NAME' },
  // Addresses: only the postcode is stored.
  { test: /\b(?:post ?code|postal ?code|zip ?code|zipcode|zip|pcode)\b/, field: 'POSTCODE' },
  { test: /\b(?:branch|chapter|lodge)\b/, field: 'BRANCH' },
  { test: /\bregion\b/, field: 'REGION' },
  { test: /\b(?:workplace|work place|place of work|work location|worksite|work site|site name|establishment)\b/, field: 'WORKPLACE' },
  { test: /\b(?:employer|company|organisation|organization|primary affiliation)\b/, field: 'EMPLOYER' },
  // Membership.
  { test: /\b(?:date joined|joined|join date|joining date|date of joining|member since|membership start|membership join)\b/, field: 'JOINED_ON' },
  { test: /\b(?:date left|left|left on|leaving date|date of leaving|resigned|resignation date|date resigned)\b/, field: 'LEFT_ON' },
  { test: /^(?:membership |member |current )?status$/, field: 'STATUS' },
  { test: /\b(?:tags?|tag list|labels?)\b/, field: 'TAGS' },
  { test: /\b(?:issues?|interests?|causes?)\b/, field: 'ISSUES' },
  { test: /\bsupport(?: level)?\b/, field: 'SUPPORT_LEVEL' },
  { test: /\bname\b/, field: 'FULL_NAME' },
];

/** The field a single column name suggests on its own (before resolving clashes between columns). */
export function suggestField(header: string): ImportField {
  const name = normaliseHeader(header);
  if (name === '') return 'IGNORE';
  const exact = EXACT.get(name);
  if (exact) return exact;
  for (const rule of RULES) {
    if (rule.test.test(name)) return rule.field;
  }
  return 'IGNORE';
}

/**
 * One field per column (duplicate headers allowed: the mapping is by column index). A field that two columns
 * claim goes to the first, except that a second email column becomes EMAIL_2 and every phone column is kept
 * (each adds a number); a FULL_NAME column is dropped when first and last name columns exist.
 */
export function suggestMapping(headers: string[]): ImportField[] {
  const mapping = headers.map((header) => suggestField(header));
  const taken = new Set<ImportField>();
  for (let i = 0; i < mapping.length; i++) {
    let field = mapping[i];
    if (field === 'IGNORE' || REPEATABLE.has(field)) continue;
    if (field === 'EMAIL' && taken.has('EMAIL')) field = 'EMAIL_2';
    if (taken.has(field)) field = 'IGNORE';
    mapping[i] = field;
    if (field !== 'IGNORE') taken.add(field);
  }
  if (taken.has('FULL_NAME') && taken.has('FIRST_NAME') && taken.has('LAST_NAME')) {
    for (let i = 0; i < mapping.length; i++) if (mapping[i] === 'FULL_NAME') mapping[i] = 'IGNORE';
  }
  return mapping;
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the punctuation of phone numbers, dates, money and ids: data, not a column name.
const NUMBER_LIKE = /^[\s\d+().,:/\\'£$€%-]*\d[\s\d+().,:/\\'£$€%-]*$/;
const POSTCODE_LIKE = /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/;
const DATE_WORDS = /^\d{1,2}[ -](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[ -]\d{2,4}$/i;

function looksLikeData(cell: string): boolean {
  const text = cell.trim();
  return EMAIL_LIKE.test(text) || NUMBER_LIKE.test(text) || POSTCODE_LIKE.test(text) || DATE_WORDS.test(text);
}

/**
 * Whether the first record is a header row. It is when no cell of it looks like data (an email, a number, a
 * date, a postcode) and either one of its names is a known column name, or the second record has data-looking
 * values where the first has words. A file that starts straight with members ("Jo,Bloggs,jo@example.org") has
 * no header.
 */
export function detectHeader(first: string[], second: string[] | undefined): boolean {
  const cells = first.map((cell) => (cell ?? '').trim());
  const filled = cells.filter((cell) => cell !== '');
  if (filled.length === 0) return false;
  if (filled.some(looksLikeData)) return false;
  const known = filled.filter((cell) => suggestField(cell) !== 'IGNORE').length;
  if (known > 0) {
    // "Jo,Smith" names no columns; but a row of words of which a third or more are column names does.
    if (known * 3 >= filled.length || second === undefined) return true;
  }
  if (second === undefined) return false;
  return second.some((cell, index) => looksLikeData(cell ?? '') && (cells[index] ?? '') !== '');
}

/** How many of a column's non-blank sample values must agree before a headerless column gets a field. */
const VALUE_AGREEMENT = 0.8;

/**
 * For a file without a header row: the fields the sample values make certain, by column, and IGNORE for the
 * rest (names, labels and dates cannot be told apart by their values; the organiser maps those). A column is
 * EMAIL when 80% of its non-blank samples are valid emails (the second such column EMAIL_2), MOBILE or LANDLINE
 * when they are UK mobiles or landlines, PHONE for other valid numbers, POSTCODE for UK postcodes.
 */
export function suggestMappingFromValues(rows: string[][]): ImportField[] {
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const mapping: ImportField[] = [];
  let emails = 0;
  let postcode = false;
  for (let index = 0; index < width; index++) {
    const values = rows.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
    let field: ImportField = 'IGNORE';
    if (values.length > 0) {
      const share = (test: (value: string) => boolean): number => values.filter(test).length / values.length;
      const phones = values.map((value) => parsePhoneNumber(value));
      const phoneShare = phones.filter((result) => result.ok).length / values.length;
      if (share((value) => normaliseEmail(value).ok) >= VALUE_AGREEMENT) {
        field = emails === 0 ? 'EMAIL' : emails === 1 ? 'EMAIL_2' : 'IGNORE';
        emails++;
      } else if (!postcode && share((value) => normalisePostcode(value).ok) >= VALUE_AGREEMENT) {
        field = 'POSTCODE';
        postcode = true;
      } else if (phoneShare >= VALUE_AGREEMENT && !values.every((value) => /^\d{1,8}$/.test(value))) {
        const types = phones.flatMap((result) => (result.ok ? [result.value.type] : []));
        const mobiles = types.filter((type) => type === 'MOBILE').length / types.length;
        const landlines = types.filter((type) => type === 'LANDLINE').length / types.length;
        field = mobiles >= VALUE_AGREEMENT ? 'MOBILE' : landlines >= VALUE_AGREEMENT ? 'LANDLINE' : 'PHONE';
      }
    }
    mapping.push(field);
  }
  return mapping;
}
