/**
 * A small, deterministic member dataset written straight to the database, with the same rows kept
 * in memory so tests compute their expectations independently of the API's SQL.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

export interface FixtureMember {
  organisationId: string;
  id: string;
  firstName: string;
  lastName: string;
  emails: string[];
  phones: { e164: string; type: 'MOBILE' | 'LANDLINE' }[];
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
  createdAt: string;
}

export interface Fixture {
  unionId: string;
  otherId: string;
  members: FixtureMember[];
}

/** Park–Miller: tiny and deterministic. */
function rng(seed: number) {
  let s = seed % 2147483647;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

const FIRST = ['Mary', 'John', 'Aisha', 'Owen', 'Priya', 'Sean', 'Jo', 'Johanna'];
// Few surnames so that sorts have many ties, which the id tie-breaker must settle.
const LAST = ['Jones', 'Smith', 'Johnson', 'Patel', 'Evans', 'Okafor'];
const REGIONS = ['North West', 'Wales', 'Scotland', null];
const BRANCHES = ['Leeds 1', 'Leeds 2', 'Cardiff', 'Glasgow'];
const TAGS = ['rep', 'steward', 'new', 'donor'];
const ISSUES = ['pay', 'pensions', 'safety', 'hours'];
const STATUSES = ['ACTIVE', 'ACTIVE', 'LAPSED', 'LEFT'] as const;
const CONSENTS = ['GRANTED', 'WITHDRAWN', 'UNKNOWN'] as const;

export const UNION_ID = '01937000-0000-7000-8000-000000000001';
export const OTHER_ID = '01937000-0000-7000-8000-000000000002';

export function buildFixture(count = 60): Fixture {
  const r = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const subset = (list: readonly string[]) => list.filter(() => r() < 0.35);
  const members: FixtureMember[] = [];
  const base = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count + 6; i++) {
    const organisationId = i < count ? UNION_ID : OTHER_ID;
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const joined = r() < 0.15 ? null : new Date(Date.UTC(2010 + Math.floor(r() * 15), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const status = pick(STATUSES);
    const createdAt = new Date(base + Math.floor(i / 3) * 1000); // ties in threes
    const local = `${firstName}.${lastName}${i}`.toLowerCase();
    members.push({
      organisationId,
      id: uuidv7({ msecs: createdAt.getTime() }),
      firstName,
      lastName,
      emails: r() < 0.85 ? [`${local}@example.org`, ...(r() < 0.2 ? [`${local}@work.example.com`] : [])] : [],
      phones: r() < 0.85 ? [{ e164: `+4477009${String(i).padStart(5, '0')}`, type: 'MOBILE' }, ...(r() < 0.2 ? [{ e164: `+44113496${String(i).padStart(4, '0')}`, type: 'LANDLINE' as const }] : [])] : [],
      postcode: 'LS1 4AP',
      region: pick(REGIONS),
      branch: pick(BRANCHES),
      workplace: r() < 0.5 ? 'St James Hospital' : 'Town Hall',
      employer: r() < 0.5 ? 'NHS' : 'Council',
      membershipNumber: r() < 0.2 ? null : `M${String(1000 + Math.floor(r() * 40)).padStart(5, '0')}`,
      status,
      joinedOn: joined ? joined.toISOString().slice(0, 10) : null,
      leftOn: status === 'LEFT' && joined ? '2025-06-30' : null,
      tags: subset(TAGS),
      issues: subset(ISSUES),
      smsConsent: pick(CONSENTS),
      emailConsent: pick(CONSENTS),
      supportLevel: r() < 0.5 ? 1 + Math.floor(r() * 5) : null,
      createdAt: createdAt.toISOString(),
    });
  }
  return { unionId: UNION_ID, otherId: OTHER_ID, members };
}

export async function loadFixture(client: Client, fixture: Fixture): Promise<void> {
  await client.query(
    `INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Fixture Union', 'fixture-union'), ($2, 'CLIENT', 'Other Campaign', 'other-campaign')`,
    [fixture.unionId, fixture.otherId],
  );
  for (const m of fixture.members) {
    await client.query(
      `INSERT INTO member (organisation_id, id, first_name, last_name, email, phone, postcode, region, branch, workplace,
         employer, membership_number, status, joined_on, left_on, tags, issues, sms_consent, email_consent, support_level,
         created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$21)`,
      [m.organisationId, m.id, m.firstName, m.lastName, m.emails[0] ?? null, m.phones[0]?.e164 ?? null, m.postcode, m.region,
        m.branch, m.workplace, m.employer, m.membershipNumber, m.status, m.joinedOn, m.leftOn, m.tags, m.issues, m.smsConsent,
        m.emailConsent, m.supportLevel, m.createdAt],
    );
    for (const [position, phone] of m.phones.entries()) {
      await client.query(
        `INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [m.organisationId, uuidv7(), m.id, phone.e164, phone.type, position === 0, position],
      );
    }
    for (const [position, address] of m.emails.entries()) {
      await client.query(
        `INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position) VALUES ($1,$2,$3,$4,$5,$6)`,
        [m.organisationId, uuidv7(), m.id, address, position === 0, position],
      );
    }
  }
}
