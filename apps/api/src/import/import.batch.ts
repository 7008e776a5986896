/**
 * The SQL of one import batch, set-based (a handful of statements per ~5,000 rows, never one per row):
 * one matching query over all the batch's keys, one read of the matched members, then one INSERT / UPDATE
 * per table. Runs inside the batch's transaction (the job's withRequestContext as muster_app, the import's
 * organisation in reach), so RLS applies to every statement.
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import type { MemberState } from './import.plan.js';

const SEP = '\u001f';

function joinList(values: string[]): string {
  return values.map((v) => v.replaceAll(SEP, ' ')).join(SEP);
}

interface StateRow {
  id: string;
  first_name: string;
  last_name: string;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  membership_number: string | null;
  status: 'ACTIVE' | 'LAPSED' | 'LEFT';
  joined_on: string | null;
  left_on: string | null;
  support_level: number | null;
  tags: string[];
  issues: string[];
  sms_consent: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  email_consent: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  emails: string[] | null;
  phones: string[] | null;
  phone_types: ('MOBILE' | 'LANDLINE' | 'UNKNOWN')[] | null;
}

/** The member columns every INSERT and UPDATE of the import writes. */
const MEMBER_WRITE = `first_name, last_name, email, phone, postcode, region, branch, workplace, employer, membership_number, status,
  joined_on, left_on, tags, issues, sms_consent, email_consent, support_level, has_mobile`;

@Injectable()
export class ImportBatchRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /**
   * The member each key matches, as a map from key ('EMAIL:a@b.org') to member id: membership number on
   * membership_number_key, email on member_email.address, mobile on member_phone.e164, the NAME fallback on the
   * name keys and postcode — and only to a member who has no key either (no membership number, email or mobile),
   * so a keyless row never lands on a different person who merely shares a name and postcode with it. One statement; each kind is one index scan with `= ANY(array)` (plain equalities:
   * leakproof, so index conditions under RLS), not one lookup per key.
   */
  async match(organisationId: string, keys: Iterable<string>): Promise<Map<string, string>> {
    requireOrganisationId(organisationId);
    const numbers: string[] = [];
    const emails: string[] = [];
    const mobiles: string[] = [];
    const first: string[] = [];
    const last: string[] = [];
    const postcodes: (string | null)[] = [];
    for (const key of keys) {
      const at = key.indexOf(':');
      const kind = key.slice(0, at);
      const val = key.slice(at + 1);
      if (kind === 'MEMBERSHIP_NUMBER') numbers.push(val);
      else if (kind === 'EMAIL') emails.push(val);
      else if (kind === 'MOBILE') mobiles.push(val);
      else if (kind === 'NAME') {
        const [f, l, p] = val.split('\u0001');
        first.push(f);
        last.push(l);
        postcodes.push(p === '' ? null : p);
      }
    }
    const found = new Map<string, string>();
    if (numbers.length + emails.length + mobiles.length + first.length === 0) return found;
    const rows = await this.db.query<{ key: string; member_id: string }>(
      `SELECT 'MEMBERSHIP_NUMBER:' || m.membership_number_key AS key, m.id AS member_id FROM member m
        WHERE m.organisation_id = $1 AND m.membership_number_key = ANY($2::text[] COLLATE "C")
       UNION ALL
       SELECT 'EMAIL:' || e.address, e.member_id FROM member_email e WHERE e.organisation_id = $1 AND e.address = ANY($3::text[])
       UNION ALL
       SELECT 'MOBILE:' || p.e164, p.member_id FROM member_phone p WHERE p.organisation_id = $1 AND p.e164 = ANY($4::text[])
       UNION ALL
       SELECT 'NAME:' || n.fn || E'\x01' || n.ln || E'\x01' || COALESCE(n.pc, ''), m.id
         FROM unnest($5::text[], $6::text[], $7::text[]) AS n(fn, ln, pc)
         JOIN member m ON m.organisation_id = $1 AND m.last_name_key = (n.ln COLLATE "C") AND m.first_name_key = (n.fn COLLATE "C")
                      AND m.postcode IS NOT DISTINCT FROM n.pc
                      AND m.membership_number IS NULL AND m.email IS NULL AND NOT m.has_mobile`,
      [organisationId, numbers, emails, mobiles, first, last, postcodes],
    );
    for (const r of rows) if (!found.has(r.key)) found.set(r.key, r.member_id);
    return found;
  }

  /** Fresh statistics for the member tables (SECURITY DEFINER: ANALYZE needs the owner). */
  async analyze(): Promise<void> {
    await this.db.query(`SELECT muster_import_analyze()`);
  }

  /** The current state of the matched members (own columns, emails and phones in position order). */
  async states(organisationId: string, ids: string[]): Promise<MemberState[]> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return [];
    const rows = await this.db.query<StateRow>(
      `SELECT m.id, m.first_name, m.last_name, m.postcode, m.region, m.branch, m.workplace, m.employer, m.membership_number, m.status,
              m.joined_on::text AS joined_on, m.left_on::text AS left_on, m.support_level, m.tags, m.issues, m.sms_consent, m.email_consent,
              (SELECT array_agg(e.address ORDER BY e.position) FROM member_email e WHERE e.organisation_id = m.organisation_id AND e.member_id = m.id) AS emails,
              (SELECT array_agg(p.e164 ORDER BY p.position) FROM member_phone p WHERE p.organisation_id = m.organisation_id AND p.member_id = m.id) AS phones,
              (SELECT array_agg(p.type::text ORDER BY p.position) FROM member_phone p WHERE p.organisation_id = m.organisation_id AND p.member_id = m.id) AS phone_types
         FROM member m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    return rows.map((r) => {
      const emails = r.emails ?? [];
      const phones = (r.phones ?? []).map((e164, i) => ({ e164, type: r.phone_types?.[i] ?? 'UNKNOWN' }));
      return {
        id: r.id, isNew: false, firstName: r.first_name, lastName: r.last_name, postcode: r.postcode, region: r.region, branch: r.branch,
        workplace: r.workplace, employer: r.employer, membershipNumber: r.membership_number, status: r.status, joinedOn: r.joined_on,
        leftOn: r.left_on, supportLevel: r.support_level, tags: [...r.tags], issues: [...r.issues], smsConsent: r.sms_consent,
        emailConsent: r.email_consent, emails: [...emails], phones, storedEmails: emails.length, storedPhones: phones.length,
        changed: false, consents: [],
      };
    });
  }

  /**
   * Writes a batch's new and changed members, their new emails and phones, consent records, and which members the
   * import touched (member_import_member; `outcomes`: member id → the first outcome of the import for them).
   */
  async write(
    organisationId: string, states: MemberState[], importId: string, recordedBy: string,
    outcomes: ReadonlyMap<string, 'CREATED' | 'UPDATED' | 'UNCHANGED'>, tick: (label: string) => void = () => undefined,
  ): Promise<void> {
    requireOrganisationId(organisationId);
    const inserts = states.filter((s) => s.isNew);
    const updates = states.filter((s) => !s.isNew && s.changed);
    if (inserts.length > 0) {
      await this.db.query(
        `INSERT INTO member (organisation_id, id, ${MEMBER_WRITE})
         SELECT $1, u.id, ${this.memberValues()} FROM ${this.unnestMembers()}`,
        [organisationId, ...this.memberArrays(inserts)],
      );
      tick('insert members');
    }
    if (updates.length > 0) {
      await this.db.query(
        `UPDATE member m SET (${MEMBER_WRITE}, updated_at) = ROW(${this.memberValues()}, now())
           FROM ${this.unnestMembers()} WHERE m.organisation_id = $1 AND m.id = u.id`,
        [organisationId, ...this.memberArrays(updates)],
      );
      tick('update members');
    }
    const emails: { member: string; address: string; position: number }[] = [];
    const phones: { member: string; e164: string; type: string; position: number }[] = [];
    const consents: { member: string; channel: string; status: string }[] = [];
    for (const s of states) {
      for (let i = s.storedEmails; i < s.emails.length; i++) emails.push({ member: s.id, address: s.emails[i], position: i });
      for (let i = s.storedPhones; i < s.phones.length; i++) phones.push({ member: s.id, e164: s.phones[i].e164, type: s.phones[i].type, position: i });
      for (const c of s.consents) consents.push({ member: s.id, channel: c.channel, status: c.status });
    }
    if (emails.length > 0) {
      await this.db.query(
        `INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position)
         SELECT $1, u.id, u.member_id, u.address, u.position = 0, u.position FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::smallint[]) AS u(id, member_id, address, position)`,
        [organisationId, emails.map(() => uuidv7()), emails.map((e) => e.member), emails.map((e) => e.address), emails.map((e) => e.position)],
      );
      tick('emails');
    }
    if (phones.length > 0) {
      await this.db.query(
        `INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
         SELECT $1, u.id, u.member_id, u.e164, u.type::phone_type, u.position = 0, u.position
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[]) AS u(id, member_id, e164, type, position)`,
        [organisationId, phones.map(() => uuidv7()), phones.map((p) => p.member), phones.map((p) => p.e164), phones.map((p) => p.type), phones.map((p) => p.position)],
      );
      tick('phones');
    }
    if (consents.length > 0) {
      await this.db.query(
        `INSERT INTO consent_record (organisation_id, id, member_id, channel, status, source, source_id, recorded_by)
         SELECT $1, u.id, u.member_id, u.channel::consent_channel, u.status::consent_record_status, 'IMPORT', $2, $3
           FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) AS u(id, member_id, channel, status)`,
        [organisationId, importId, recordedBy, consents.map(() => uuidv7()), consents.map((c) => c.member), consents.map((c) => c.channel), consents.map((c) => c.status)],
      );
      tick('consents');
    }
    if (outcomes.size > 0) {
      // A member met again in a later batch of the same import keeps its first outcome (CREATED stays CREATED).
      await this.db.query(
        `INSERT INTO member_import_member (organisation_id, import_id, member_id, outcome)
         SELECT $1, $2, u.member_id, u.outcome FROM unnest($3::uuid[], $4::text[]) AS u(member_id, outcome)
         ON CONFLICT (organisation_id, import_id, member_id) DO NOTHING`,
        [organisationId, importId, [...outcomes.keys()], [...outcomes.values()]],
      );
      tick('links');
    }
  }

  private unnestMembers(): string {
    return `unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
      $12::text[], $13::text[], $14::date[], $15::date[], $16::text[], $17::text[], $18::text[], $19::text[], $20::smallint[], $21::boolean[])
      AS u(id, first_name, last_name, email, phone, postcode, region, branch, workplace, employer, membership_number, status, joined_on,
           left_on, tags, issues, sms_consent, email_consent, support_level, has_mobile)`;
  }

  private memberValues(): string {
    return `u.first_name, u.last_name, u.email, u.phone, u.postcode, u.region, u.branch, u.workplace, u.employer, u.membership_number,
      u.status::member_status, u.joined_on, u.left_on, string_to_array(u.tags, E'\\x1f'), string_to_array(u.issues, E'\\x1f'),
      u.sms_consent::consent_status, u.email_consent::consent_status, u.support_level, u.has_mobile`;
  }

  private memberArrays(states: MemberState[]): unknown[] {
    const col = <T>(f: (s: MemberState) => T): T[] => states.map(f);
    return [
      col((s) => s.id), col((s) => s.firstName), col((s) => s.lastName), col((s) => s.emails[0] ?? null), col((s) => s.phones[0]?.e164 ?? null),
      col((s) => s.postcode), col((s) => s.region), col((s) => s.branch), col((s) => s.workplace), col((s) => s.employer),
      col((s) => s.membershipNumber), col((s) => s.status), col((s) => s.joinedOn), col((s) => s.leftOn), col((s) => joinList(s.tags)),
      col((s) => joinList(s.issues)), col((s) => s.smsConsent), col((s) => s.emailConsent), col((s) => s.supportLevel),
      // Set here so the member_phone triggers that keep has_mobile find nothing to change (one UPDATE saved per member).
      col((s) => s.phones.some((p) => p.type === 'MOBILE')),
    ];
  }
}
