import { isIsoDate, normaliseEmail, normalisePostcode, parsePhoneNumber, validateMemberDraft } from '@muster/domain';

import { REGIONS } from '../place/place.data.js';
import { CAMPAIGN_GROUP_NAMES, UNION_BRANCH_NAMES } from '../place/place.branch.js';
import { generateMembers, type DemoMemberRow, type GenerateMembersOptions } from './member.generator.js';

const TODAY = '2026-11-26';

function rows(options: Partial<GenerateMembersOptions> & { count: number }): DemoMemberRow[] {
  return [...generateMembers({ organisation: 'union', seed: 7, today: TODAY, ...options })];
}

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

// Generated once: 50,000 union members is what the demo seed loads, and what the brief sizes against.
const union = rows({ count: 50_000 });
const campaign = rows({ organisation: 'campaign', count: 10_000 });
// Phone parsing costs ~50 µs a number, so every raw phone is parsed once and shared by the tests.
const parsedPhones = new Map<string, ReturnType<typeof parsePhoneNumber>>();
function parsed(raw: string): ReturnType<typeof parsePhoneNumber> {
  let result = parsedPhones.get(raw);
  if (result === undefined) {
    result = parsePhoneNumber(raw);
    parsedPhones.set(raw, result);
  }
  return result;
}

describe('generateMembers: determinism', () => {
  it('gives the same rows for the same organisation, count, seed and today', () => {
    expect(rows({ count: 300, seed: 11 })).toEqual(rows({ count: 300, seed: 11 }));
    expect(rows({ count: 300, organisation: 'campaign' })).toEqual(campaign.slice(0, 300));
  });

  it('gives different rows for a different seed or organisation', () => {
    const a = rows({ count: 200, seed: 1 });
    const b = rows({ count: 200, seed: 2 });
    const same = a.filter((row, i) => JSON.stringify(row) === JSON.stringify(b[i])).length;
    expect(same).toBe(0);
    expect(rows({ count: 50, organisation: 'campaign', seed: 1 })[0]).not.toEqual(a[0]);
  });

  it('does not let count change earlier rows (a 1M run starts with the 50k demo rows)', () => {
    expect(rows({ count: 1_000 })).toEqual(union.slice(0, 1_000));
  });

  it('is lazy: nothing runs until iterated, and taking a few rows of a huge run is instant', () => {
    const generator = generateMembers({ organisation: 'union', count: 10_000_000, seed: 1, today: TODAY });
    const first = generator.next();
    expect(first.done).toBe(false);
    generator.return(undefined);
  });

  it('defaults today to the London calendar date and uses no other clock', () => {
    const [row] = generateMembers({ organisation: 'union', count: 1 });
    expect(row.joinedOn === null || /^\d{4}-\d{2}-\d{2}$/.test(row.joinedOn)).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => rows({ count: -1 })).toThrow(RangeError);
    expect(() => rows({ count: 1.5 })).toThrow(RangeError);
    expect(() => rows({ count: 10_000_001 })).toThrow(RangeError);
    expect(() => rows({ count: 1, today: '2026-02-30' })).toThrow(RangeError);
    expect(() => rows({ count: 1, organisation: 'agency' as never })).toThrow(RangeError);
    expect(rows({ count: 0 })).toEqual([]);
  });
});

describe('generateMembers: the union', () => {
  it('has the expected status mix', () => {
    expect(share(union, (r) => r.status === 'ACTIVE')).toBeGreaterThan(0.74);
    expect(share(union, (r) => r.status === 'ACTIVE')).toBeLessThan(0.82);
    expect(share(union, (r) => r.status === 'LAPSED')).toBeGreaterThan(0.06);
    expect(share(union, (r) => r.status === 'LEFT')).toBeGreaterThan(0.1);
  });

  it('covers exactly the 12 UK regions', () => {
    const regions = new Set(union.map((r) => r.region).filter((r) => r !== null));
    expect([...regions].sort()).toEqual([...REGIONS].sort());
  });

  it('has about 300 branches, all of them used at 50k rows, each within its region', () => {
    expect(UNION_BRANCH_NAMES.length).toBeGreaterThanOrEqual(280);
    expect(UNION_BRANCH_NAMES.length).toBeLessThanOrEqual(330);
    const branches = new Set(union.map((r) => r.branch).filter((b) => b !== null));
    expect(branches.size).toBeGreaterThanOrEqual(UNION_BRANCH_NAMES.length * 0.97);
    for (const branch of branches) expect(branch).toMatch(/^.+ (Public Services|Health|Local Government|Education|Higher Education|Community|Police Staff|Transport|Water|Energy) Branch$/);
    // A branch lives in one region.
    const regionsOfBranch = new Map<string, Set<string>>();
    for (const r of union) {
      if (r.branch && r.region) regionsOfBranch.set(r.branch, (regionsOfBranch.get(r.branch) ?? new Set()).add(r.region));
    }
    for (const regions of regionsOfBranch.values()) expect(regions.size).toBe(1);
  });

  it('has thousands of workplaces and hundreds of employers', () => {
    expect(new Set(union.map((r) => r.workplace).filter(Boolean)).size).toBeGreaterThanOrEqual(2_000);
    const employers = new Set(union.map((r) => r.employer).filter(Boolean)).size;
    expect(employers).toBeGreaterThanOrEqual(200);
    expect(employers).toBeLessThan(1_000);
  });

  it('gives every member a unique membership number', () => {
    const numbers = union.map((r) => r.membershipNumber);
    expect(numbers.every((n) => n !== null && /^UP\d{7}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(union.length);
  });

  it('keeps dates consistent: joined within 15 years, left after joining and not after today', () => {
    const earliest = '2011-11-26';
    const wrong = union.filter((r) => {
      const dates = [r.joinedOn, r.leftOn].filter((d): d is string => d !== null);
      if (dates.some((d) => !isIsoDate(d))) return true;
      if (r.joinedOn !== null && (r.joinedOn < earliest || r.joinedOn > TODAY)) return true;
      if (r.status !== 'LEFT') return r.leftOn !== null;
      return r.leftOn === null || r.leftOn > TODAY || (r.joinedOn !== null && r.leftOn < r.joinedOn);
    });
    expect(wrong).toEqual([]);
    expect(share(union, (r) => r.joinedOn === null)).toBeLessThan(0.03);
    // More recent years have more joiners; some members left in the last 24 months.
    const joined = union.filter((r) => r.joinedOn !== null);
    expect(share(joined, (r) => r.joinedOn! >= '2021-11-26')).toBeGreaterThan(share(joined, (r) => r.joinedOn! < '2016-11-26') * 2);
    const leftRecently = union.filter((r) => r.leftOn !== null && r.leftOn >= '2024-11-26').length;
    expect(leftRecently).toBeGreaterThan(500);
  });

  it('has union issues, consent flags, support levels and scores in range', () => {
    const issues = new Set(union.flatMap((r) => r.issues));
    for (const issue of ['Pay', 'Pensions', 'Workload', 'Health and safety', 'Bullying and harassment', 'Staffing levels', 'Job security', 'Flexible working', 'Equality', 'Cost of living']) {
      expect(issues).toContain(issue);
    }
    const wrong = union.filter(
      (r) =>
        new Set(r.issues).size !== r.issues.length ||
        new Set(r.tags).size !== r.tags.length ||
        !(r.supportLevel === null || (Number.isInteger(r.supportLevel) && r.supportLevel >= 1 && r.supportLevel <= 5)) ||
        !(Number.isInteger(r.engagementScore) && r.engagementScore >= 0 && r.engagementScore <= 100),
    );
    expect(wrong).toEqual([]);
    expect(new Set(union.map((r) => r.supportLevel))).toEqual(new Set([null, 1, 2, 3, 4, 5]));
    expect(share(union, (r) => r.smsConsent === 'GRANTED')).toBeGreaterThan(0.4);
    expect(share(union, (r) => r.smsConsent === 'WITHDRAWN')).toBeGreaterThan(0.03);
  });
});

describe('generateMembers: contact details', () => {
  const all = [...union, ...campaign];
  const phones = all.flatMap((r) => r.phones);

  it('writes phones in many raw formats, 0–3 per member', () => {
    expect(all.every((r) => r.phones.length <= 3)).toBe(true);
    expect(share(all, (r) => r.phones.length === 0)).toBeGreaterThan(0.03);
    for (const format of [/^07\d{3} \d{6}$/, /^07\d{9}$/, /^\+44 ?7/, /^\+44 \(0\)7/, /^447\d{9}$/, /^0044 /, /^07\d{3}-\d{3}-\d{3}$/, /^7\d{3} ?\d{6}$/, /^tel:\+44/, /\u00a0/, /^07\d{3}\.\d{3}\.\d{3}$/, /^\(0\d+\) /]) {
      expect(phones.some((p) => format.test(p))).toBe(true);
    }
  });

  it('has at least 97% of phones normalising with the domain package, and ~1% deliberate junk', () => {
    const failures = phones.filter((p) => !parsed(p).ok);
    const rate = failures.length / phones.length;
    expect(rate).toBeLessThan(0.03);
    expect(rate).toBeGreaterThan(0.004);
  });

  it('is mostly UK mobiles with some landlines in the member’s own dialling area', () => {
    const numbers = phones.map((p) => parsed(p)).flatMap((r) => (r.ok ? [r.value] : []));
    expect(share(numbers, (p) => p.type === 'MOBILE')).toBeGreaterThan(0.7);
    expect(share(numbers, (p) => p.type === 'LANDLINE')).toBeGreaterThan(0.08);
    expect(numbers.every((p) => p.e164.startsWith('+44'))).toBe(true);
    const leeds = union.filter((r) => r.branch?.startsWith('Leeds ')).flatMap((r) => r.phones.map((p) => parsed(p)));
    const leedsLandlines = leeds.flatMap((r) => (r.ok && r.value.type === 'LANDLINE' ? [r.value.e164] : []));
    expect(leedsLandlines.length).toBeGreaterThan(10);
    expect(share(leedsLandlines, (e164) => e164.startsWith('+44113'))).toBeGreaterThan(0.6);
  });

  it('gives mobiles that are unique apart from deliberate duplicates and households', () => {
    const mobiles = union.flatMap((r) =>
      r.phones.flatMap((p) => {
        const result = parsed(p);
        return result.ok && result.value.type === 'MOBILE' ? [result.value.e164] : [];
      }),
    );
    const duplicates = mobiles.length - new Set(mobiles).size;
    expect(duplicates).toBeGreaterThan(20); // the duplicate records dedupe must find
    expect(duplicates / mobiles.length).toBeLessThan(0.01);
  });

  it('writes emails as typed that all normalise, with some shared across members', () => {
    expect(all.every((r) => r.emails.length <= 2)).toBe(true);
    const emails = all.flatMap((r) => r.emails);
    const normalised = emails.map((e) => normaliseEmail(e));
    expect(normalised.filter((r) => !r.ok)).toEqual([]);
    expect(emails.some((e) => e !== e.trim())).toBe(true);
    expect(emails.some((e) => /[A-Z]/.test(e))).toBe(true);
    const values = normalised.flatMap((r) => (r.ok ? [r.value] : []));
    const shared = values.length - new Set(values).size;
    expect(shared).toBeGreaterThan(50);
    expect(values.some((e) => e.endsWith('@nhs.net'))).toBe(true);
    expect(values.some((e) => e.endsWith('@gmail.com'))).toBe(true);
  });

  it('writes real-looking postcodes in the member’s region, in varied case and spacing', () => {
    const postcodes = all.flatMap((r) => (r.postcode === null ? [] : [r.postcode]));
    expect(postcodes.every((p) => normalisePostcode(p).ok)).toBe(true);
    expect(postcodes.some((p) => p !== p.toUpperCase())).toBe(true);
    expect(postcodes.some((p) => !p.includes(' '))).toBe(true);
    const scottish = union.flatMap((r) => (r.region === 'Scotland' && r.postcode !== null ? [normalisePostcode(r.postcode)] : []));
    expect(scottish.length).toBeGreaterThan(1000);
    expect(scottish.filter((p) => !(p.ok && /^(G|EH|AB|DD|IV|FK|PH|PA|KA|KY|ML)\d/.test(p.value)))).toEqual([]);
  });

  it('uses names from many heritages', () => {
    const surnames = new Set(union.map((r) => r.lastName));
    expect(surnames.size).toBeGreaterThan(400);
    for (const name of ['Smith', 'Jones', 'Patel', 'Khan', 'Campbell', "O'Brien", 'Nowak', 'Okafor']) expect(surnames).toContain(name);
    const firstNames = new Set(union.map((r) => r.firstName));
    expect(firstNames.size).toBeGreaterThan(400);
    // Polish surnames agree with the person.
    expect(union.some((r) => r.lastName === 'Kowalska')).toBe(true);
    // Wales has more Joneses than London.
    const jonesIn = (region: string): number => share(union.filter((r) => r.region === region), (r) => r.lastName === 'Jones');
    expect(jonesIn('Wales')).toBeGreaterThan(jonesIn('London') * 2);
  });

  it('passes the domain package’s member validation apart from the deliberate junk phones', () => {
    // Also proves no member lists the same email or phone twice (validation reports that).
    // A 20,000-row sample keeps the suite quick; the other tests cover every row.
    const invalid = union
      .slice(0, 20_000)
      .map((r) => ({ row: r, errors: validateMemberDraft({ ...r, phones: r.phones.filter((p) => parsed(p).ok) }) }))
      .filter(({ errors }) => errors.length > 0);
    expect(invalid).toEqual([]);
  });
});

describe('generateMembers: the campaign group', () => {
  it('has no membership numbers, workplaces or employers, and ~40 local groups', () => {
    expect(campaign.every((r) => r.membershipNumber === null && r.workplace === null && r.employer === null)).toBe(true);
    expect(CAMPAIGN_GROUP_NAMES.length).toBe(40);
    const groups = new Set(campaign.map((r) => r.branch).filter(Boolean));
    expect(groups.size).toBe(40);
    expect(share(campaign, (r) => r.branch === null)).toBeGreaterThan(0.05);
  });

  it('has air quality issues and campaign tags', () => {
    const issues = new Set(campaign.flatMap((r) => r.issues));
    expect(issues).toContain('Clean air zones');
    expect(issues).toContain('School streets');
    expect(issues).not.toContain('Pay');
    expect(campaign.some((r) => r.tags.includes('Petition signer'))).toBe(true);
  });
});
