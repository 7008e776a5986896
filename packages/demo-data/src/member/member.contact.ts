/**
 * Contact details as people actually type them: phone numbers in a dozen spellings, email
 * addresses built from names, and postcodes in any case and spacing.
 *
 * Owns: turning a canonical number, name or postcode into a realistic raw string, and the
 * deliberate junk (~1% of phones) that imports must reject.
 * Must never: produce a phone that `@muster/domain`'s `parsePhoneNumber` cannot read except for
 * the deliberate junk, or an email that `normaliseEmail` rejects (tested).
 */
import { Permutation, Random, Weighted } from '../random/random.prng.js';
import type { Town } from '../place/place.data.js';

// ---------------------------------------------------------------- phones

// Three digits after "07" for which every 6-digit remainder is a valid GB mobile in
// libphonenumber's metadata (checked once against every block; 07700 is left out because its
// 900xxx range is Ofcom's drama range, and 076 is pagers). Crown-dependency blocks are excluded.
const INVALID_MOBILE_BLOCKS = new Set([457, 509, 524, 781, 797, 829, 839, 911, 937]);
const MOBILE_BLOCKS: readonly string[] = [...range(400, 599), ...range(701, 999)].filter((b) => !INVALID_MOBILE_BLOCKS.has(b)).map(String);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export const MOBILE_NUMBER_SPACE = MOBILE_BLOCKS.length * 1_000_000;

/** Unique mobile numbers: slot `index` of the permutation is always the same, distinct number. */
export class MobileNumbers {
  private readonly permutation: Permutation;

  constructor(random: Random) {
    this.permutation = new Permutation(MOBILE_NUMBER_SPACE, random);
  }

  /** National form, e.g. "07412345678". */
  at(index: number): string {
    const value = this.permutation.at(index);
    const block = MOBILE_BLOCKS[Math.floor(value / 1_000_000)];
    return `07${block}${String(value % 1_000_000).padStart(6, '0')}`;
  }
}

type Formatter = (national: string, random: Random) => string;

/** "07412345678" → how it was typed. */
const MOBILE_FORMATS = new Weighted<Formatter>([
  [(n) => `${n.slice(0, 5)} ${n.slice(5)}`, 34],
  [(n) => n, 20],
  [(n) => `+44 ${n.slice(1, 5)} ${n.slice(5)}`, 8],
  [(n) => `+44${n.slice(1)}`, 8],
  [(n) => `+44 (0)${n.slice(1, 5)} ${n.slice(5)}`, 4],
  [(n) => `(0)${n.slice(1)}`, 1],
  [(n) => `44${n.slice(1)}`, 3],
  [(n) => `0044 ${n.slice(1, 5)} ${n.slice(5)}`, 2],
  [(n) => `${n.slice(0, 5)}-${n.slice(5, 8)}-${n.slice(8)}`, 3],
  [(n) => `${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}`, 4],
  [(n) => `${n.slice(0, 5)} ${n.slice(5, 8)} ${n.slice(8)}`, 5],
  [(n) => `${n.slice(1, 5)} ${n.slice(5)}`, 2],
  [(n) => n.slice(1), 2],
  [(n) => `tel:+44${n.slice(1)}`, 1],
  [(n) => `${n.slice(0, 5)}\u00a0${n.slice(5)}`, 1],
  [(n) => `${n.slice(0, 5)}.${n.slice(5, 8)}.${n.slice(8)}`, 1],
  [(n) => ` ${n.slice(0, 5)} ${n.slice(5)} `, 1],
]);

/** A UK mobile as typed. */
export function rawMobile(national: string, random: Random): string {
  return MOBILE_FORMATS.pick(random)(national, random);
}

/** A landline in the town's dialling code, national form, e.g. "01134960123". */
export function landlineFor(town: Town, random: Random): string {
  const prefix = random.pick(town.localPrefixes);
  return `${town.diallingCode}${prefix}${random.digits(town.localLength - prefix.length)}`;
}

/** Split a national landline into its dialling code and local number, the way it is written. */
function landlineParts(national: string, codeLength: number): [code: string, local: string] {
  return [national.slice(0, codeLength), national.slice(codeLength)];
}

function spacedLocal(local: string): string {
  // 8-digit locals (020, 029, 028, 024, 023) are written 4+4; 7-digit ones 3+4; 6-digit ones whole.
  if (local.length === 8) return `${local.slice(0, 4)} ${local.slice(4)}`;
  if (local.length === 7) return `${local.slice(0, 3)} ${local.slice(3)}`;
  return local;
}

const LANDLINE_FORMATS = new Weighted<(code: string, local: string) => string>([
  [(c, l) => `${c} ${spacedLocal(l)}`, 50],
  [(c, l) => `${c}${l}`, 18],
  [(c, l) => `(${c}) ${spacedLocal(l)}`, 8],
  [(c, l) => `+44 ${c.slice(1)} ${spacedLocal(l)}`, 7],
  [(c, l) => `+44 (0)${c.slice(1)} ${spacedLocal(l)}`, 3],
  [(c, l) => `${c}-${spacedLocal(l).replace(' ', '-')}`, 4],
  [(c, l) => `${c.slice(1)} ${spacedLocal(l)}`, 3],
  [(c, l) => `${c} ${l}`, 7],
]);

/** A UK landline as typed; `codeLength` is the length of the town's dialling code with its 0. */
export function rawLandline(national: string, codeLength: number, random: Random): string {
  const [code, local] = landlineParts(national, codeLength);
  return LANDLINE_FORMATS.pick(random)(code, local);
}

/** What import files really contain in a phone column now and then; none of it is a number. */
const JUNK = new Weighted<(national: string, random: Random) => string>([
  // Excel's scientific notation: the digits after the fifth are gone for good.
  [(n) => `${n[1]}.${n.slice(2, 6)}E+${String(n.length - 2).padStart(2, '0')}`, 30],
  [(n) => n.slice(0, -1), 15],
  [(n, r) => `${n}${r.int(0, 9)}`, 10],
  // A letter O typed for a zero.
  [(n) => `${n.slice(0, 5)} ${n[5]}O${n.slice(7)}`, 10],
  [(n, r) => r.pick(['n/a', 'N/A', 'unknown', 'none', '-', 'TBC', 'ask at work', 'ex-directory', '0', 'x', 'no phone']), 25],
  [(n) => `${n.slice(0, 5)} ${n.slice(5)} / ${n.slice(0, 5)} ${n.slice(5)}`, 10],
]);

export function junkPhone(national: string, random: Random): string {
  return JUNK.pick(random)(national, random);
}

// ---------------------------------------------------------------- emails

const asciiCache = new Map<string, string>();

/** "Siân" → "sian", "O'Brien" → "obrien", "Łukasz" → "lukasz"; cached (names repeat). */
export function emailWord(name: string): string {
  let word = asciiCache.get(name);
  if (word === undefined) {
    word = name
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (word === '') word = 'member';
    asciiCache.set(name, word);
  }
  return word;
}

export const PERSONAL_PROVIDERS = new Weighted<string>([
  ['gmail.com', 34],
  ['hotmail.co.uk', 14],
  ['hotmail.com', 7],
  ['outlook.com', 8],
  ['yahoo.co.uk', 8],
  ['yahoo.com', 3],
  ['icloud.com', 6],
  ['btinternet.com', 5],
  ['live.co.uk', 4],
  ['sky.com', 3],
  ['aol.com', 1],
  ['virginmedia.com', 2],
  ['talktalk.net', 2],
  ['googlemail.com', 2],
  ['me.com', 1],
  ['ntlworld.com', 1],
  ['proton.me', 0.5],
]);

type LocalPart = (first: string, last: string, random: Random) => string;

const LOCAL_PARTS = new Weighted<LocalPart>([
  [(f, l) => `${f}.${l}`, 22],
  [(f, l) => `${f}${l}`, 10],
  [(f, l, r) => `${f}.${l}${r.int(1, 99)}`, 12],
  [(f, l, r) => `${f}${l}${r.int(60, 105) % 100}`, 9],
  [(f, l, r) => `${f[0]}${l}${r.int(1, 999)}`, 7],
  [(f, l) => `${f[0]}${l}`, 5],
  [(f, l, r) => `${f[0]}.${l}${r.int(10, 99)}`, 5],
  [(f, l) => `${f}_${l}`, 4],
  [(f, l, r) => `${l}.${f}${r.int(1, 9)}`, 4],
  [(f, l, r) => `${f}${r.int(1960, 2006)}`, 6],
  [(f, l, r) => `${f}.${l}${r.int(1000, 9999)}`, 4],
  [(f, l, r) => `${f}${l[0]}${r.int(100, 999)}`, 4],
  [(f, l, r) => `${f}-${l}${r.int(1, 30)}`, 2],
]);

/** A personal address derived from the name, lowercase and canonical. */
export function personalEmail(first: string, last: string, random: Random): string {
  return `${LOCAL_PARTS.pick(random)(emailWord(first), emailWord(last), random)}@${PERSONAL_PROVIDERS.pick(random)}`;
}

/** A work address at the employer's domain (NHSmail adds a digit when the name is taken). */
export function workEmail(first: string, last: string, domain: string, random: Random): string {
  const suffix = random.chance(domain === 'nhs.net' ? 0.3 : 0.08) ? String(random.int(1, 9)) : '';
  return `${emailWord(first)}.${emailWord(last)}${suffix}@${domain}`;
}

/** A household's shared address, e.g. "thejoneses@btinternet.com". */
export function familyEmail(last: string, random: Random): string {
  const l = emailWord(last);
  const local = random.pick([`${l}family`, `the${l}s`, `${l}household`, `${l}.family${random.int(1, 99)}`, `${l}${random.int(1, 250)}`]);
  return `${local}@${PERSONAL_PROVIDERS.pick(random)}`;
}

/** How a canonical address ends up in a form: mostly as is, sometimes capitalised or padded. */
export function rawEmail(email: string, random: Random): string {
  const roll = random.next();
  if (roll < 0.84) return email;
  if (roll < 0.92) {
    // "Sarah.Jones@Gmail.com": phones capitalise each word.
    return email.replace(/(^|[.@_-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  if (roll < 0.94) return email.toUpperCase();
  if (roll < 0.975) return `${email} `;
  if (roll < 0.99) return ` ${email}`;
  return `  ${email[0].toUpperCase()}${email.slice(1)}\u00a0`;
}

// ---------------------------------------------------------------- postcodes

const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A canonical postcode in the town's area, e.g. "LS6 2QT". */
export function postcodeFor(town: Town, random: Random): string {
  const district = random.int(town.districtMin, town.districtMax);
  const unit = INWARD_LETTERS[random.int(0, 19)] + INWARD_LETTERS[random.int(0, 19)];
  return `${town.postcodeArea}${district} ${random.int(0, 9)}${unit}`;
}

/** How a postcode is typed: mostly right, then lowercase, squashed, or padded. */
export function rawPostcode(postcode: string, random: Random): string {
  const roll = random.next();
  if (roll < 0.7) return postcode;
  if (roll < 0.8) return postcode.toLowerCase();
  if (roll < 0.88) return postcode.replace(' ', '');
  if (roll < 0.91) return postcode.charAt(0) + postcode.slice(1).toLowerCase();
  if (roll < 0.95) return ` ${postcode.replace(' ', '  ')} `;
  return postcode.replace(' ', '').toLowerCase();
}
