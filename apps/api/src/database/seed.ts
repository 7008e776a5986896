/**
 * Loads the demo organisations and members from @muster/demo-data, normalising raw phones, emails
 * and postcodes through @muster/domain (an invalid value is dropped, the member kept). Fast: rows
 * go in through COPY FROM STDIN in batches, the next batch generated while
 * PostgreSQL writes the last one. Deterministic for a seed (and `today`): ids are UUID v7 built from
 * a seeded generator. Must never: run outside the CLI or touch a database that already has data
 * (unless --if-empty, which then does nothing).
 */
import { DEMO_ORGANISATIONS, REGIONS, generateMembers, type DemoMemberRow } from '@muster/demo-data';
import { hash } from '@node-rs/argon2';
import { normaliseEmail, normalisePostcode, parsePhoneNumber, type Role } from '@muster/domain';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { seedDemoCampaigns, type CampaignSeedSummary } from './seed-campaigns.js';

export interface SeedOptions {
  unionMembers: number;
  campaignMembers: number;
  ifEmpty: boolean;
  /** Load the demo campaigns, responses and donations too (default true; `seed --no-campaigns` leaves them out). */
  campaigns?: boolean;
  seed?: string;
  /** YYYY-MM-DD the data is generated as of; defaults to today in Europe/London. */
  today?: string;
}

export interface SeedSummary {
  users: number;
  skipped: boolean;
  organisations: number;
  members: Record<string, number>;
  phones: number;
  emails: number;
  droppedPhones: number;
  droppedEmails: number;
  droppedPostcodes: number;
  campaigns: CampaignSeedSummary | null;
  seconds: number;
  line: string;
}

const BATCH = 10000;

/** Deterministic 16-byte blocks for UUID v7's random part (counter-mode SHA-256 of the seed). */
class SeededBytes {
  private counter = 0;
  private pool = Buffer.alloc(0);
  constructor(private readonly seed: string) {}
  next16(): Uint8Array {
    if (this.pool.length < 16) {
      this.pool = createHash('sha256').update(`${this.seed}:${this.counter++}`).digest();
    }
    const out = new Uint8Array(this.pool.subarray(0, 16));
    this.pool = this.pool.subarray(16);
    return out;
  }
}

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A PostgreSQL array literal, for arrays nested inside unnest() parameters. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** One value in COPY's text format: \N for null; backslash, tab, newline and CR escaped. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;
}

function line(values: (string | number | boolean | null)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : '\t') + copyText(values[i]);
  return out + '\n';
}

interface Batch {
  member: string[];
  phone: string[];
  email: string[];
}

const MEMBER_COPY =
  'COPY member (organisation_id, id, first_name, last_name, email, phone, postcode, region, branch, workplace, employer, ' +
  'membership_number, status, joined_on, left_on, tags, issues, sms_consent, email_consent, support_level, engagement_score, ' +
  'created_at, updated_at) FROM STDIN';
const PHONE_COPY = 'COPY member_phone (organisation_id, id, member_id, e164, type, is_primary, position) FROM STDIN';
const EMAIL_COPY = 'COPY member_email (organisation_id, id, member_id, address, is_primary, position) FROM STDIN';

async function copyRows(client: PoolClient, sql: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from([lines.join('')]), stream);
}

async function insertBatch(client: PoolClient, batch: Batch): Promise<void> {
  await copyRows(client, MEMBER_COPY, batch.member);
  await copyRows(client, PHONE_COPY, batch.phone);
  await copyRows(client, EMAIL_COPY, batch.email);
}

export async function seedDemoData(ds: DataSource, options: SeedOptions): Promise<SeedSummary> {
  const started = process.hrtime.bigint();
  const seedText = options.seed ?? '1';
  const seedNumber = Number.isInteger(Number(seedText)) ? Number(seedText) : parseInt(createHash('sha256').update(seedText).digest('hex').slice(0, 8), 16);
  const today = options.today ?? londonToday();
  const bytes = new SeededBytes(`muster-seed:${seedText}`);
  const todayMs = Date.parse(`${today}T09:00:00Z`);
  const summary: SeedSummary = {
    skipped: false, organisations: 0, users: 0, members: {}, phones: 0, emails: 0, droppedPhones: 0, droppedEmails: 0, droppedPostcodes: 0, campaigns: null, seconds: 0, line: '',
  };

  const runner = ds.createQueryRunner();
  // COPY needs the pg client itself; TypeORM's query runner holds it once connected.
  const client = (await runner.connect()) as PoolClient;
  try {
    const existing = await runner.query(`SELECT count(*)::int AS n FROM organisation`);
    if (existing[0].n > 0) {
      if (options.ifEmpty) {
        summary.skipped = true;
        summary.line = `seed: skipped, the database already has ${existing[0].n} organisations (--if-empty)`;
        return summary;
      }
      throw new Error('seed: the database already has organisations; seed a fresh database, or pass --if-empty to skip');
    }
    await runner.startTransaction();
    // The seed is one transaction (all or nothing); losing it in a crash only means seeding again.
    await runner.query(`SET LOCAL synchronous_commit = off`);
    await runner.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    // Building an index once at the end is many times faster than maintaining it row by row. The
    // definitions are read back from the catalogue, so the migration stays their only source.
    const indexes: { indexname: string; indexdef: string }[] = await runner.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
         JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname)
        WHERE i.schemaname = current_schema() AND i.tablename IN ('member', 'member_phone', 'member_email')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`,
    );
    for (const index of indexes) await runner.query(`DROP INDEX "${index.indexname}"`);

    const ids = new Map<string, string>();
    for (const [index, org] of DEMO_ORGANISATIONS.entries()) {
      const id = uuidv7({ msecs: todayMs - 86_400_000 * 365 * 16 + index, random: bytes.next16() });
      ids.set(org.key, id);
      await runner.query(`INSERT INTO organisation (id, parent_id, kind, name, slug, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id, org.parentKey ? ids.get(org.parentKey) : null, org.kind, org.name, org.slug, new Date(todayMs - 86_400_000 * 365 * 16),
      ]);
      summary.organisations++;
    }
    // The union's region units (UNIT, parent = the union): client users' reach covers them.
    const unionId = ids.get('union');
    if (unionId) {
      for (const [index, region] of REGIONS.entries()) {
        const id = uuidv7({ msecs: todayMs - 86_400_000 * 365 * 15 + index, random: bytes.next16() });
        const slug = `upsu-${region.toLowerCase().replace(/[^a-z]+/g, '-')}`;
        await runner.query(`INSERT INTO organisation (id, parent_id, kind, name, slug, created_at) VALUES ($1, $2, 'UNIT', $3, $4, $5)`, [
          id, unionId, `UPSU ${region}`, slug, new Date(todayMs - 86_400_000 * 365 * 15),
        ]);
        summary.organisations++;
      }
    }

    for (const [key, count] of [['union', options.unionMembers], ['campaign', options.campaignMembers]] as const) {
      const organisationId = ids.get(key);
      if (!organisationId || count === 0) continue;
      let batch: Batch = { member: [], phone: [], email: [] };
      let pending: Promise<void> = Promise.resolve();
      let n = 0;
      for (const row of generateMembers({ organisation: key, count, seed: seedNumber, today })) {
        addMember(batch, organisationId, row, n, todayMs, bytes, summary);
        n++;
        if (n % BATCH === 0) {
          // PostgreSQL writes this batch while the next one is generated.
          await pending;
          const full = batch;
          batch = { member: [], phone: [], email: [] };
          pending = insertBatch(client, full);
        }
      }
      await pending;
      await insertBatch(client, batch);
      summary.members[key] = n;
    }
    for (const index of indexes) await runner.query(index.indexdef);
    summary.users = await seedDemoUsers(runner, ids, todayMs, bytes);
    const userId = async (role: Role) => {
      const login = DEMO_LOGINS.find((l) => l.role === role);
      const rows: { id: string }[] = login ? await runner.query(`SELECT id FROM app_user WHERE email = $1`, [login.email]) : [];
      return rows[0]?.id ?? null;
    };
    const volunteer = await userId('VOLUNTEER');
    const organiser = await userId('ORGANISER');
    const admin = await userId('AGENCY_ADMIN');
    if (options.campaigns !== false) summary.campaigns = await seedDemoCampaigns({
      runner, organisationIds: ids, creditedUserIds: [volunteer, organiser, admin].filter((u): u is string => u !== null),
      leadUserId: organiser, todayMs, seed: seedNumber, next16: () => bytes.next16(),
    });
    await runner.commitTransaction();
    // Fresh statistics so the first pages are planned on the real data, and a visibility map so
    // counts (totalCount, insights) can be index-only scans instead of reading every row.
    await runner.query(`VACUUM (ANALYZE) organisation, member, member_phone, member_email, action_response, action_response_event`);
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  summary.line =
    `seed: ${summary.organisations} organisations, ` +
    Object.entries(summary.members).map(([k, v]) => `${v} ${k} members`).join(', ') +
    `, ${summary.phones} phones, ${summary.emails} emails (dropped invalid: ${summary.droppedPhones} phones, ` +
    `${summary.droppedEmails} emails, ${summary.droppedPostcodes} postcodes), ${summary.users} demo users, ` +
    `${summary.campaigns?.campaigns ?? 0} campaigns with ${summary.campaigns?.actions ?? 0} actions, ${summary.campaigns?.responses ?? 0} responses and ` +
    `${summary.campaigns?.donations ?? 0} donations in ${summary.seconds.toFixed(1)}s (seed ${seedText}, today ${today})`;
  return summary;
}

function addMember(b: Batch, organisationId: string, row: DemoMemberRow, n: number, todayMs: number, bytes: SeededBytes, s: SeedSummary): void {
  // Created when they joined (09:00 UTC), spread by a few ms so CREATED_AT has few ties; never in the future.
  const base = row.joinedOn ? Date.parse(`${row.joinedOn}T09:00:00Z`) : todayMs;
  const createdMs = Math.min(base, todayMs) + (n % 1000);
  const id = uuidv7({ msecs: createdMs, random: bytes.next16() });

  const phones: { e164: string; type: string }[] = [];
  for (const raw of row.phones) {
    const parsed = parsePhoneNumber(raw);
    if (parsed.ok && !phones.some((p) => p.e164 === parsed.value.e164)) phones.push({ e164: parsed.value.e164, type: parsed.value.type });
    else if (!parsed.ok) s.droppedPhones++;
  }
  const emails: string[] = [];
  for (const raw of row.emails) {
    const parsed = normaliseEmail(raw);
    if (parsed.ok && !emails.includes(parsed.value)) emails.push(parsed.value);
    else if (!parsed.ok) s.droppedEmails++;
  }
  let postcode: string | null = null;
  if (row.postcode) {
    const parsed = normalisePostcode(row.postcode);
    if (parsed.ok) postcode = parsed.value;
    else s.droppedPostcodes++;
  }

  const createdAt = new Date(createdMs).toISOString();
  b.member.push(line([
    organisationId, id, row.firstName, row.lastName, emails[0] ?? null, phones[0]?.e164 ?? null, postcode, row.region, row.branch,
    row.workplace, row.employer, row.membershipNumber, row.status, row.joinedOn, row.leftOn, pgTextArray(row.tags),
    pgTextArray(row.issues), row.smsConsent, row.emailConsent, row.supportLevel, row.engagementScore, createdAt, createdAt,
  ]));
  phones.forEach((p, i) => b.phone.push(line([organisationId, uuidv7({ msecs: createdMs, random: bytes.next16() }), id, p.e164, p.type, i === 0 ? 't' : 'f', i])));
  emails.forEach((a, i) => b.email.push(line([organisationId, uuidv7({ msecs: createdMs, random: bytes.next16() }), id, a, i === 0 ? 't' : 'f', i])));
  s.phones += phones.length;
  s.emails += emails.length;
}

/**
 * One demo login per role (CONTRACT.md, "Demo logins"; printed by npm start). The passwords are
 * public: demo data only, never a real deployment.
 */
export const DEMO_LOGINS: { email: string; password: string; name: string; role: Role; organisation: 'agency' | 'union' | 'campaign' }[] = [
  { email: 'admin@northpoint.example', password: 'muster-demo-admin', name: 'Aled Admin', role: 'AGENCY_ADMIN', organisation: 'agency' },
  { email: 'organiser@northpoint.example', password: 'muster-demo-organiser', name: 'Orla Organiser', role: 'ORGANISER', organisation: 'agency' },
  { email: 'volunteer@northpoint.example', password: 'muster-demo-volunteer', name: 'Vik Volunteer', role: 'VOLUNTEER', organisation: 'agency' },
  { email: 'officer@upsu.example', password: 'muster-demo-officer', name: 'Priya Officer', role: 'CLIENT_ADMIN', organisation: 'union' },
  { email: 'viewer@upsu.example', password: 'muster-demo-viewer', name: 'Sam Viewer', role: 'CLIENT_VIEWER', organisation: 'union' },
  { email: 'campaigner@cleanairnow.example', password: 'muster-demo-campaigner', name: 'Cerys Campaigner', role: 'CLIENT_ADMIN', organisation: 'campaign' },
];

/** Members assigned to the demo volunteer (the first union members by id). */
export const DEMO_VOLUNTEER_ASSIGNMENTS = 25;

async function seedDemoUsers(runner: QueryRunner, ids: Map<string, string>, todayMs: number, bytes: SeededBytes): Promise<number> {
  let volunteerId: string | null = null;
  for (const [index, login] of DEMO_LOGINS.entries()) {
    const organisationId = ids.get(login.organisation);
    if (!organisationId) continue;
    const id = uuidv7({ msecs: todayMs - 86_400_000 * 30 + index, random: bytes.next16() });
    await runner.query(`INSERT INTO app_user (id, email, name, password_hash) VALUES ($1, $2, $3, $4)`, [id, login.email, login.name, await hash(login.password)]);
    await runner.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [organisationId, id, login.role]);
    if (login.role === 'VOLUNTEER') volunteerId = id;
  }
  const unionId = ids.get('union');
  if (volunteerId && unionId) {
    const members: { id: string }[] = await runner.query(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT $2`, [unionId, DEMO_VOLUNTEER_ASSIGNMENTS]);
    for (const [index, m] of members.entries()) {
      await runner.query(`INSERT INTO volunteer_assignment (organisation_id, id, user_id, member_id) VALUES ($1, $2, $3, $4)`, [
        unionId, uuidv7({ msecs: todayMs - 86_400_000 + index, random: bytes.next16() }), volunteerId, m.id,
      ]);
    }
  }
  return DEMO_LOGINS.length;
}
