/**
 * The only place member SQL lives. Every method takes the organisation first and refuses an empty
 * one; every statement is scoped by organisation_id (the leading column of every key and index).
 * Must never: reach the database except through the request's context.
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import type { MemberFilterInput } from './dtos/member-filter.input.js';
import type { ConsentStatusValue, MemberStatusValue, PhoneTypeValue } from './member.entity.js';
import { SqlParams, buildMemberFilter, keysetClauses, useSortIndexFor, type KeysetPage, type SegmentPredicate } from './member.sql.js';

export interface MemberRow {
  organisation_id: string;
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  membership_number: string | null;
  status: MemberStatusValue;
  joined_on: string | null;
  left_on: string | null;
  tags: string[];
  issues: string[];
  sms_consent: ConsentStatusValue;
  email_consent: ConsentStatusValue;
  support_level: number | null;
  engagement_score: number;
  last_contacted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export type MemberPageRow = MemberRow & { k0: unknown; k1?: unknown };

export interface MemberPhoneRow {
  id: string;
  member_id: string;
  e164: string;
  type: PhoneTypeValue;
  is_primary: boolean;
}

export interface MemberEmailRow {
  id: string;
  member_id: string;
  address: string;
  is_primary: boolean;
}

/** The stored shape of a member's own fields (what create and update write). */
export interface MemberValues {
  firstName: string;
  lastName: string;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  membershipNumber: string | null;
  status: MemberStatusValue;
  joinedOn: string | null;
  leftOn: string | null;
  tags: string[];
  issues: string[];
  smsConsent: ConsentStatusValue;
  emailConsent: ConsentStatusValue;
  supportLevel: number | null;
  engagementScore: number;
}

export const MEMBER_COLUMNS =
  'm.organisation_id, m.id, m.first_name, m.last_name, m.email, m.phone, m.postcode, m.region, m.branch, ' +
  'm.workplace, m.employer, m.membership_number, m.status, m.joined_on, m.left_on, m.tags, m.issues, ' +
  'm.sms_consent, m.email_consent, m.support_level, m.engagement_score, m.last_contacted_at, m.created_at, m.updated_at';

/** A volunteer reads only the members assigned to them (volunteer_assignment). */
export function assignedCondition(assignedTo: string | null, p: SqlParams): string {
  if (assignedTo === null) return '';
  const user = p.add(assignedTo);
  return ` AND EXISTS (SELECT 1 FROM volunteer_assignment va WHERE va.organisation_id = m.organisation_id AND va.member_id = m.id AND va.user_id = ${user}::uuid)`;
}

@Injectable()
export class MemberRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** One keyset page (limit rows, in the direction of travel) plus the sort key values of each row. */
  async page(
    organisationId: string,
    filter: MemberFilterInput | null | undefined,
    page: KeysetPage,
    assignedTo: string | null = null,
    segment: SegmentPredicate | null = null,
  ): Promise<MemberPageRow[]> {
    requireOrganisationId(organisationId);
    const p = new SqlParams();
    const org = p.add(organisationId);
    const condition = buildMemberFilter(filter, org, p, segment) + assignedCondition(assignedTo, p);
    const keyset = keysetClauses({ ...page, useSortIndex: page.useSortIndex ?? useSortIndexFor(filter, page.sort) }, p);
    const limit = p.add(page.limit);
    const sql =
      `SELECT ${MEMBER_COLUMNS}, ${keyset.keySelect} FROM member m ` +
      `WHERE m.organisation_id = ${org} AND ${keyset.where} AND ${condition} ` +
      `ORDER BY ${keyset.orderBy} LIMIT ${limit}`;
    return this.db.query<MemberPageRow>(sql, p.values);
  }

  async count(
    organisationId: string,
    filter: MemberFilterInput | null | undefined,
    assignedTo: string | null = null,
    segment: SegmentPredicate | null = null,
  ): Promise<number> {
    requireOrganisationId(organisationId);
    const p = new SqlParams();
    const org = p.add(organisationId);
    const condition = buildMemberFilter(filter, org, p, segment) + assignedCondition(assignedTo, p);
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m WHERE m.organisation_id = ${org} AND ${condition}`,
      p.values,
    );
    return rows[0].n;
  }

  /** The member with this id in one of these organisations (the ones the request may see). */
  async findById(organisationIds: string[], id: string): Promise<MemberRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM member m WHERE m.organisation_id = ANY($1::uuid[]) AND m.id = $2`,
      [organisationIds, id],
    );
    return rows[0] ?? null;
  }

  /** Phones of many members in one query (a whole page: never N+1). */
  async isAssigned(organisationId: string, memberId: string, userId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(
      `SELECT 1 FROM volunteer_assignment WHERE organisation_id = $1 AND member_id = $2 AND user_id = $3`,
      [organisationId, memberId, userId],
    );
    return rows.length > 0;
  }

  async phonesOf(organisationId: string, memberIds: string[]): Promise<MemberPhoneRow[]> {
    requireOrganisationId(organisationId);
    if (memberIds.length === 0) return [];
    return this.db.query<MemberPhoneRow>(
      `SELECT id, member_id, e164, type, is_primary FROM member_phone
        WHERE organisation_id = $1 AND member_id = ANY($2::uuid[]) ORDER BY member_id, position`,
      [organisationId, memberIds],
    );
  }

  async emailsOf(organisationId: string, memberIds: string[]): Promise<MemberEmailRow[]> {
    requireOrganisationId(organisationId);
    if (memberIds.length === 0) return [];
    return this.db.query<MemberEmailRow>(
      `SELECT id, member_id, address, is_primary FROM member_email
        WHERE organisation_id = $1 AND member_id = ANY($2::uuid[]) ORDER BY member_id, position`,
      [organisationId, memberIds],
    );
  }

  async insert(organisationId: string, values: MemberValues): Promise<string> {
    requireOrganisationId(organisationId);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO member (organisation_id, id, first_name, last_name, postcode, region, branch, workplace, employer,
         membership_number, status, joined_on, left_on, tags, issues, sms_consent, email_consent, support_level,
         engagement_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [organisationId, id, ...this.valueList(values)],
    );
    return id;
  }

  async update(organisationId: string, id: string, values: MemberValues): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE member SET first_name = $3, last_name = $4, postcode = $5, region = $6, branch = $7, workplace = $8,
         employer = $9, membership_number = $10, status = $11, joined_on = $12, left_on = $13, tags = $14,
         issues = $15, sms_consent = $16, email_consent = $17, support_level = $18, engagement_score = $19,
         updated_at = now()
       WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, ...this.valueList(values)],
    );
  }

  /** Replaces a member's phones; the first is primary and copied to member.phone. */
  async replacePhones(organisationId: string, memberId: string, phones: { e164: string; type: PhoneTypeValue }[]): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM member_phone WHERE organisation_id = $1 AND member_id = $2`, [organisationId, memberId]);
    if (phones.length > 0) {
      await this.db.query(
        `INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
         SELECT $1, u.id, $2, u.e164, u.type::phone_type, u.position = 0, u.position
           FROM unnest($3::uuid[], $4::text[], $5::text[], $6::smallint[]) AS u(id, e164, type, position)`,
        [organisationId, memberId, phones.map(() => uuidv7()), phones.map((x) => x.e164), phones.map((x) => x.type), phones.map((_, i) => i)],
      );
    }
    await this.db.query(`UPDATE member SET phone = $3 WHERE organisation_id = $1 AND id = $2`, [
      organisationId,
      memberId,
      phones[0]?.e164 ?? null,
    ]);
  }

  /** Replaces a member's emails; the first is primary and copied to member.email. */
  async replaceEmails(organisationId: string, memberId: string, addresses: string[]): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM member_email WHERE organisation_id = $1 AND member_id = $2`, [organisationId, memberId]);
    if (addresses.length > 0) {
      await this.db.query(
        `INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position)
         SELECT $1, u.id, $2, u.address, u.position = 0, u.position
           FROM unnest($3::uuid[], $4::text[], $5::smallint[]) AS u(id, address, position)`,
        [organisationId, memberId, addresses.map(() => uuidv7()), addresses, addresses.map((_, i) => i)],
      );
    }
    await this.db.query(`UPDATE member SET email = $3 WHERE organisation_id = $1 AND id = $2`, [
      organisationId,
      memberId,
      addresses[0] ?? null,
    ]);
  }

  private valueList(v: MemberValues): unknown[] {
    return [
      v.firstName, v.lastName, v.postcode, v.region, v.branch, v.workplace, v.employer, v.membershipNumber, v.status,
      v.joinedOn, v.leftOn, v.tags, v.issues, v.smsConsent, v.emailConsent, v.supportLevel, v.engagementScore,
    ];
  }
}
