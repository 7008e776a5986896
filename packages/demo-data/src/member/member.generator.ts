/**
 * The demo member generator: realistic, seeded, streaming rows for the union and the campaign.
 *
 * Owns: `generateMembers` and the shape of its rows (`DemoMemberRow`, a contract with the API's
 * seed loader and the benchmark), the distributions (status, dates, consent, issues, ...), and
 * the deliberate mess real data has: raw phone and email spellings, shared household emails and
 * landlines, ~0.4% duplicate records of the same person, ~1% junk phone numbers.
 * Must never: do I/O, keep per-row state that grows with `count` (a million rows stream in
 * constant memory), or use any randomness but the seeded PRNG: the same (organisation, count,
 * seed, today) always gives the same rows, and a row never depends on `count`.
 */
import { daysFromIso, isoFromDays, londonToday } from '../date/date.calendar.js';
import { HERITAGE_NAMES, REGION_HERITAGE, polishFeminineSurname, type Heritage } from '../name/name.data.js';
import { BRANCHES_BY_TOWN, CAMPAIGN_GROUP_TABLE, TOWN_TABLE, UNION_BRANCH_TABLE, type Branch, type Workplace } from '../place/place.branch.js';
import type { Region, Town } from '../place/place.data.js';
import { Permutation, Random, Weighted, hashString } from '../random/random.prng.js';
import {
  MobileNumbers,
  familyEmail,
  junkPhone,
  landlineFor,
  personalEmail,
  postcodeFor,
  rawEmail,
  rawLandline,
  rawMobile,
  rawPostcode,
  workEmail,
} from './member.contact.js';

export interface DemoMemberRow {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  membershipNumber: string | null;
  status: 'ACTIVE' | 'LAPSED' | 'LEFT';
  joinedOn: string | null;
  leftOn: string | null;
  tags: string[];
  issues: string[];
  smsConsent: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  emailConsent: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  supportLevel: number | null;
  engagementScore: number;
}

export interface GenerateMembersOptions {
  organisation: 'union' | 'campaign';
  count: number;
  /** Default 1. */
  seed?: number;
  /** YYYY-MM-DD; default today's date in Europe/London. */
  today?: string;
}

/** Membership numbers are "UP" + 7 digits, so at most ten million members. */
export const MAX_MEMBERS = 10_000_000;
export const DEFAULT_SEED = 1;

type Status = DemoMemberRow['status'];
type Consent = DemoMemberRow['smsConsent'];

const YEAR = 365.2425;
const JOIN_WINDOW_DAYS = Math.floor(15 * YEAR);
const RECENT_LEAVERS_DAYS = Math.floor(2 * YEAR);

const REGION_HERITAGE_TABLES = new Map<string, Weighted<Heritage>>(
  Object.entries(REGION_HERITAGE).map(([region, entries]) => [region, new Weighted(entries)]),
);

const STATUS: Record<GenerateMembersOptions['organisation'], Weighted<Status>> = {
  union: new Weighted<Status>([
    ['ACTIVE', 78],
    ['LAPSED', 9],
    ['LEFT', 13],
  ]),
  campaign: new Weighted<Status>([
    ['ACTIVE', 70],
    ['LAPSED', 20],
    ['LEFT', 10],
  ]),
};

const UNION_ISSUES = new Weighted<string>([
  ['Pay', 30],
  ['Cost of living', 18],
  ['Workload', 20],
  ['Staffing levels', 16],
  ['Pensions', 12],
  ['Health and safety', 10],
  ['Job security', 10],
  ['Bullying and harassment', 7],
  ['Flexible working', 8],
  ['Equality', 6],
  ['Mental health at work', 6],
  ['Outsourcing', 4],
  ['Violence at work', 4],
  ['Training and development', 4],
  ['Holiday and leave', 3],
  ['Agency staff', 2],
]);

const CAMPAIGN_ISSUES = new Weighted<string>([
  ['Clean air zones', 25],
  ["Children's health", 16],
  ['School streets', 18],
  ['Active travel', 14],
  ['Low traffic neighbourhoods', 12],
  ['Wood burning', 10],
  ['Idling engines', 10],
  ['Air quality monitoring', 10],
  ['Bus services', 10],
  ['Asthma', 10],
  ['Ultra low emission zones', 8],
  ['Incinerators', 6],
  ['Airport expansion', 6],
  ['Road building', 5],
]);

const ISSUE_COUNT = new Weighted<number>([
  [0, 30],
  [1, 25],
  [2, 22],
  [3, 15],
  [4, 8],
]);

/** Independent tags: [tag, probability]. */
const UNION_TAGS: ReadonlyArray<readonly [string, number]> = [
  ['Workplace contact', 0.05],
  ['Rep', 0.03],
  ['Steward', 0.02],
  ['Health and safety rep', 0.02],
  ['Learning rep', 0.01],
  ['Branch officer', 0.008],
  ['Ballot volunteer', 0.03],
  ['Young member', 0.06],
  ["Women's network", 0.02],
  ["Black members' network", 0.02],
  ['LGBT+ network', 0.015],
  ["Disabled members' network", 0.015],
  ['Newsletter', 0.1],
];
const CAMPAIGN_TAGS: ReadonlyArray<readonly [string, number]> = [
  ['Petition signer', 0.6],
  ['Parent', 0.15],
  ['Donor', 0.12],
  ['Event attendee', 0.1],
  ['Volunteer', 0.08],
  ['Cyclist', 0.08],
  ['Monthly donor', 0.04],
  ['Local group organiser', 0.01],
  ['Press contact', 0.005],
];
const ACTIVIST_TAGS = new Set(['Rep', 'Steward', 'Health and safety rep', 'Learning rep', 'Branch officer', 'Volunteer', 'Local group organiser']);

const SUPPORT_LEVEL = new Weighted<number>([
  [1, 12],
  [2, 18],
  [3, 30],
  [4, 24],
  [5, 16],
]);

/** What a household or a duplicate record needs to copy from an earlier person. */
interface Person {
  firstName: string;
  lastName: string;
  heritage: Heritage;
  female: boolean;
  postcode: string | null;
  town: Town;
  branch: string | null;
  branchInfo: Branch | null;
  workplace: Workplace | null;
  mobile: string | null;
  landline: string | null;
  email: string | null;
  familyEmail: string | null;
}

function validateOptions(options: GenerateMembersOptions): { today: number; seed: number } {
  if (options.organisation !== 'union' && options.organisation !== 'campaign') {
    throw new RangeError(`generateMembers: organisation must be 'union' or 'campaign', not ${String(options.organisation)}`);
  }
  if (!Number.isInteger(options.count) || options.count < 0 || options.count > MAX_MEMBERS) {
    throw new RangeError(`generateMembers: count must be an integer from 0 to ${MAX_MEMBERS}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed)) throw new RangeError('generateMembers: seed must be a finite number');
  const todayIso = options.today ?? londonToday();
  const today = daysFromIso(todayIso);
  if (today === null) throw new RangeError(`generateMembers: today must be a real YYYY-MM-DD date, not ${todayIso}`);
  return { today, seed };
}

/**
 * Stream `count` demo members. Lazy: nothing is generated until iterated, and memory stays
 * constant however many rows are drawn.
 */
export function* generateMembers(options: GenerateMembersOptions): Generator<DemoMemberRow> {
  const { today, seed } = validateOptions(options);
  const union = options.organisation === 'union';
  const random = new Random((Math.trunc(seed) ^ hashString(options.organisation)) >>> 0);
  // Separate streams for the unique-number permutations, so they do not shift with row content.
  const mobiles = new MobileNumbers(new Random(hashString(`mobiles:${options.organisation}:${seed}`)));
  const membershipNumbers = new Permutation(MAX_MEMBERS, new Random(hashString(`membership:${seed}`)));

  const recent: Person[] = [];
  const RECENT_SIZE = 256;
  let householdOf: Person | null = null;

  for (let index = 0; index < options.count; index++) {
    const partnerOf = householdOf;
    householdOf = null;
    const duplicateOf = partnerOf === null && recent.length > 0 && random.chance(0.004) ? random.pick(recent) : null;

    // ---- where they are and what they do
    let town: Town;
    let branch: string | null;
    let workplace: Workplace | null = null;
    let branchInfo: Branch | null = null;
    if (duplicateOf) {
      town = duplicateOf.town;
      branch = duplicateOf.branch;
      branchInfo = duplicateOf.branchInfo;
      workplace = duplicateOf.workplace;
    } else if (union) {
      if (partnerOf?.branchInfo && random.chance(0.5)) {
        // Couples who work for the same employer in the same town.
        town = partnerOf.town;
        branch = partnerOf.branch;
        branchInfo = partnerOf.branchInfo;
      } else {
        // A partner lives in the same town and may work in another of its branches.
        branchInfo = partnerOf ? BRANCHES_BY_TOWN.get(partnerOf.town)!.pick(random) : UNION_BRANCH_TABLE.pick(random);
        town = branchInfo.town;
        branch = random.chance(0.02) ? null : branchInfo.name;
      }
      if (branchInfo && !random.chance(0.04)) workplace = branchInfo.workplaces.pick(random);
    } else if (partnerOf) {
      town = partnerOf.town;
      branch = partnerOf.branch;
    } else if (random.chance(0.85)) {
      const group = CAMPAIGN_GROUP_TABLE.pick(random);
      town = group.town;
      branch = group.name;
    } else {
      town = TOWN_TABLE.pick(random);
      branch = null;
    }
    const region: Region = town.region;

    // ---- who they are
    let heritage: Heritage;
    let female: boolean;
    let firstName: string;
    let lastName: string;
    if (duplicateOf) {
      ({ heritage, female, firstName, lastName } = duplicateOf);
    } else {
      female = random.chance(union ? 0.66 : 0.56);
      if (partnerOf && random.chance(0.85)) {
        heritage = partnerOf.heritage;
        lastName = partnerOf.lastName;
        female = !partnerOf.female || random.chance(0.08);
        if (heritage === 'polish') lastName = female ? polishFeminineSurname(lastName) : lastName.replace(/(sk|ck|dzk)a$/, '$1i');
      } else {
        heritage = REGION_HERITAGE_TABLES.get(region)!.pick(random);
        const base = HERITAGE_NAMES[heritage].surnames.pick(random);
        lastName = heritage === 'polish' && female ? polishFeminineSurname(base) : base;
      }
      const names = random.chance(HERITAGE_NAMES[heritage].britishFirstNameShare) ? HERITAGE_NAMES.british : HERITAGE_NAMES[heritage];
      firstName = (female ? names.female : names.male).pick(random);
    }

    // ---- membership
    const status = STATUS[options.organisation].pick(random);
    let joined: number | null = null;
    if (!(union && random.chance(0.015))) {
      // Density rising linearly towards today: more recent years have more joiners.
      joined = today - Math.floor(JOIN_WINDOW_DAYS * (1 - Math.sqrt(random.next())));
    }
    let left: number | null = null;
    if (status === 'LEFT') {
      const from = joined ?? today - JOIN_WINDOW_DAYS;
      if (random.chance(0.1) && today - RECENT_LEAVERS_DAYS > from) left = random.int(today - RECENT_LEAVERS_DAYS, today);
      else left = random.int(from, today);
    }

    // ---- contact details
    const postcode: string | null = duplicateOf
      ? duplicateOf.postcode
      : partnerOf
        ? partnerOf.postcode
        : random.chance(union ? 0.96 : 0.9)
          ? postcodeFor(town, random)
          : null;

    const phones: string[] = [];
    let mobile: string | null = null;
    let landline: string | null = null;
    if (duplicateOf && duplicateOf.mobile && random.chance(0.7)) {
      mobile = duplicateOf.mobile;
    } else {
      const mobileChance = union ? 0.88 : 0.8;
      if (random.chance(mobileChance)) mobile = mobiles.at(index * 2);
    }
    if (mobile) {
      phones.push(random.chance(0.012) ? junkPhone(mobile, random) : rawMobile(mobile, random));
    }
    if (partnerOf?.landline && random.chance(0.7)) landline = partnerOf.landline;
    else if (random.chance(mobile ? 0.14 : 0.45)) landline = landlineFor(town, random);
    if (landline) phones.push(rawLandline(landline, town.diallingCode.length, random));
    if (mobile && random.chance(0.03)) phones.push(rawMobile(mobiles.at(index * 2 + 1), random)); // a work mobile
    // Landline first for some: the order people filled in the form.
    if (phones.length > 1 && random.chance(0.2)) phones.reverse();

    const emails: string[] = [];
    let email: string | null = null;
    let family: string | null = null;
    const startsHousehold = !partnerOf && !duplicateOf && random.chance(0.02);
    if (partnerOf?.familyEmail) {
      family = partnerOf.familyEmail;
      emails.push(rawEmail(family, random));
    } else if (startsHousehold && random.chance(0.6)) {
      family = familyEmail(lastName, random);
      emails.push(rawEmail(family, random));
    } else if (duplicateOf?.email && random.chance(0.7)) {
      email = duplicateOf.email;
      emails.push(rawEmail(email, random));
    } else if (random.chance(union ? 0.9 : 0.95)) {
      email = personalEmail(firstName, lastName, random);
      emails.push(rawEmail(email, random));
    }
    if (workplace?.emailDomain && random.chance(emails.length === 0 ? 0.5 : 0.25)) {
      emails.push(rawEmail(workEmail(firstName, lastName, workplace.emailDomain, random), random));
    } else if (!union && emails.length === 1 && random.chance(0.05)) {
      const second = personalEmail(firstName, lastName, random);
      if (second !== email) emails.push(rawEmail(second, random));
    }

    // ---- consent, tags, issues, scores
    const smsConsent: Consent = mobile
      ? pickConsent(random, status === 'LEFT' ? 0.35 : 0.62, status === 'LEFT' ? 0.25 : 0.06)
      : pickConsent(random, 0, 0.08);
    const emailConsent: Consent = emails.length > 0
      ? pickConsent(random, status === 'LEFT' ? 0.3 : 0.66, status === 'LEFT' ? 0.3 : 0.07)
      : pickConsent(random, 0, 0.05);

    const tags: string[] = [];
    for (const [tag, probability] of union ? UNION_TAGS : CAMPAIGN_TAGS) {
      if (random.chance(status === 'ACTIVE' ? probability : probability / 3)) tags.push(tag);
    }
    if (union && joined !== null && today - joined < 183 && status === 'ACTIVE') tags.push('New member');

    const issues: string[] = [];
    const issueTable = union ? UNION_ISSUES : CAMPAIGN_ISSUES;
    const wanted = ISSUE_COUNT.pick(random);
    for (let attempt = 0; issues.length < wanted && attempt < wanted * 4; attempt++) {
      const issue = issueTable.pick(random);
      if (!issues.includes(issue)) issues.push(issue);
    }

    const supportLevel = random.chance(union ? 0.35 : 0.2) ? SUPPORT_LEVEL.pick(random) : null;
    const activist = tags.some((t) => ACTIVIST_TAGS.has(t));
    const base = status === 'ACTIVE' ? 25 + 40 * random.next() : status === 'LAPSED' ? 5 + 30 * random.next() : 15 * random.next();
    const engagementScore = Math.max(
      0,
      Math.min(100, Math.round(base + (activist ? 25 : 0) + issues.length * 3 + (smsConsent === 'GRANTED' ? 5 : 0) + 8 * (random.next() - 0.5))),
    );

    const membershipNumber = union ? `UP${String(membershipNumbers.at(index)).padStart(7, '0')}` : null;

    const person: Person = {
      firstName,
      lastName,
      heritage,
      female,
      postcode,
      town,
      branch,
      branchInfo,
      workplace,
      mobile,
      landline,
      email,
      familyEmail: family,
    };
    if (recent.length < RECENT_SIZE) recent.push(person);
    else recent[index % RECENT_SIZE] = person;
    if (startsHousehold) householdOf = person;

    yield {
      firstName,
      lastName,
      emails,
      phones,
      postcode: postcode === null ? null : rawPostcode(postcode, random),
      region: union && random.chance(0.005) ? null : region,
      branch,
      workplace: workplace?.name ?? null,
      employer: workplace ? (random.chance(0.03) ? null : workplace.employer) : null,
      membershipNumber,
      status,
      joinedOn: joined === null ? null : isoFromDays(joined),
      leftOn: left === null ? null : isoFromDays(left),
      tags,
      issues,
      smsConsent,
      emailConsent,
      supportLevel,
      engagementScore,
    };
  }
}

function pickConsent(random: Random, granted: number, withdrawn: number): Consent {
  const roll = random.next();
  if (roll < granted) return 'GRANTED';
  if (roll < granted + withdrawn) return 'WITHDRAWN';
  return 'UNKNOWN';
}
