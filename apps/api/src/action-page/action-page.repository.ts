/**
 * SQL of the public action pages: the one public lookup (slug → organisation and action id, run as the owner because
 * the caller has no organisation yet), then everything else inside the action's organisation under row-level
 * security: the action, its organisation's name, member matching on the member module's keys (member_email.address,
 * member_phone.e164: the same keys imports match on), consent records, submissions and tracked links.
 * Must never: return anything but the organisation id and the action id from the public lookup, or query without
 * the organisation first.
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

export interface PageActionRow {
  organisation_id: string;
  id: string;
  campaign_id: string;
  type: string;
  title: string;
  description: string | null;
  status: string;
  due_at: Date | null;
  public_slug: string;
  page: Record<string, unknown> | null;
  consent_wording: string | null;
  organisation_name: string;
}

export interface PageMemberRow {
  id: string;
  first_name: string;
  last_name: string;
  postcode: string | null;
  email: string | null;
  phone: string | null;
}

export interface PageLinkRow {
  id: string;
  channel: string;
  credited_user_id: string | null;
  member_id: string | null;
}

@Injectable()
export class ActionPageRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** The public key's lookup (owner context): the organisation and the action, nothing else. */
  async locateSlug(slug: string): Promise<{ organisationId: string; actionId: string } | null> {
    if (!/^[A-Za-z0-9_-]{4,64}$/.test(slug)) return null;
    const rows = await this.db.query<{ organisation_id: string; id: string }>(`SELECT organisation_id, id FROM action WHERE public_slug = $1`, [slug]);
    return rows[0] ? { organisationId: rows[0].organisation_id, actionId: rows[0].id } : null;
  }

  async action(organisationId: string, actionId: string): Promise<PageActionRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<PageActionRow>(
      `SELECT a.organisation_id, a.id, a.campaign_id, a.type, a.title, a.description, a.status, a.due_at, a.public_slug, a.page,
              a.consent_wording, o.name AS organisation_name
         FROM action a JOIN organisation o ON o.id = a.organisation_id
        WHERE a.organisation_id = $1 AND a.id = $2`,
      [organisationId, actionId],
    );
    return rows[0] ?? null;
  }

  async member(organisationId: string, memberId: string): Promise<PageMemberRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<PageMemberRow>(
      `SELECT id, first_name, last_name, postcode, email, phone FROM member WHERE organisation_id = $1 AND id = $2`,
      [organisationId, memberId],
    );
    return rows[0] ?? null;
  }

  /** The member an email or a mobile number belongs to (email first), as imports match. */
  /** The member the email (first) or the mobile matches, and which of the two matched. */
  async matchMember(organisationId: string, email: string | null, mobile: string | null): Promise<{ memberId: string; by: 'EMAIL' | 'SMS' } | null> {
    requireOrganisationId(organisationId);
    if (!email && !mobile) return null;
    const rows = await this.db.query<{ member_id: string; k: number }>(
      `(SELECT e.member_id, 0 AS k FROM member_email e WHERE e.organisation_id = $1 AND e.address = $2 ORDER BY e.member_id LIMIT 1)
       UNION ALL
       (SELECT p.member_id, 1 AS k FROM member_phone p WHERE p.organisation_id = $1 AND p.e164 = $3 ORDER BY p.member_id LIMIT 1)
       ORDER BY k LIMIT 1`,
      [organisationId, email ?? '', mobile ?? ''],
    );
    return rows[0] ? { memberId: rows[0].member_id, by: Number(rows[0].k) === 0 ? 'EMAIL' : 'SMS' } : null;
  }

  /** The member's current consent per channel (what an unverified submission may not override). */
  async consentOf(organisationId: string, memberId: string): Promise<{ sms: string; email: string }> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ sms: string; email: string }>(
      `SELECT sms_consent::text AS sms, email_consent::text AS email FROM member WHERE organisation_id = $1 AND id = $2`, [organisationId, memberId]);
    return rows[0] ?? { sms: 'UNKNOWN', email: 'UNKNOWN' };
  }

  async emailsOf(organisationId: string, memberId: string): Promise<string[]> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ address: string }>(
      `SELECT address FROM member_email WHERE organisation_id = $1 AND member_id = $2 ORDER BY position`, [organisationId, memberId]);
    return rows.map((r) => r.address);
  }

  async phonesOf(organisationId: string, memberId: string): Promise<{ e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN' }[]> {
    requireOrganisationId(organisationId);
    return this.db.query<{ e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN' }>(
      `SELECT e164, type::text AS type FROM member_phone WHERE organisation_id = $1 AND member_id = $2 ORDER BY position`, [organisationId, memberId]);
  }

  async fillPostcode(organisationId: string, memberId: string, postcode: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE member SET postcode = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2 AND postcode IS NULL`, [organisationId, memberId, postcode]);
  }

  /** The accepted submission of this nonce, if any (a replay is answered like it). */
  async submissionByNonce(organisationId: string, nonce: string): Promise<{ redirect_url: string | null } | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ redirect_url: string | null }>(
      `SELECT redirect_url FROM action_page_submission WHERE organisation_id = $1 AND nonce = $2`, [organisationId, nonce]);
    return rows[0] ?? null;
  }

  /**
   * Claims the nonce before anything else is done with the form: false when it is already used. A concurrent request
   * with the same nonce waits here until the first commits, then gets false (and the caller rolls back).
   */
  async claimSubmission(organisationId: string, s: {
    id: string; actionId: string; nonce: string; memberId: string; linkId: string | null; memberCreated: boolean; ipHash: string | null;
  }): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(
      `INSERT INTO action_page_submission (organisation_id, id, action_id, nonce, member_id, link_id, member_created, ip_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (organisation_id, nonce) DO NOTHING RETURNING id`,
      [organisationId, s.id, s.actionId, s.nonce, s.memberId, s.linkId, s.memberCreated, s.ipHash],
    );
    return rows.length === 1;
  }

  async completeSubmission(organisationId: string, id: string, outcome: { responseId: string | null; donationId: string | null; redirectUrl: string | null }): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE action_page_submission SET response_id = $3, donation_id = $4, redirect_url = $5 WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, outcome.responseId, outcome.donationId, outcome.redirectUrl],
    );
  }

  /** Consent granted on the page, word for word; member.sms_consent / email_consent follow (the table's trigger). */
  async grantConsent(organisationId: string, memberId: string, channels: ('SMS' | 'EMAIL')[], wording: string, submissionId: string): Promise<void> {
    requireOrganisationId(organisationId);
    if (channels.length === 0) return;
    await this.db.query(
      `INSERT INTO consent_record (organisation_id, id, member_id, channel, status, source, source_id, wording, recorded_by)
       SELECT $1, u.id, $2, u.channel::consent_channel, 'GRANTED', 'ACTION_PAGE', $5, $6, 'action-page'
         FROM unnest($3::uuid[], $4::text[]) AS u(id, channel)`,
      [organisationId, memberId, channels.map(() => uuidv7()), channels, submissionId, wording],
    );
  }

  /** A tracked link of this action by its code (the page carries it from /l/:code), for its channel and credit. */
  async linkForAction(organisationId: string, actionId: string, code: string): Promise<PageLinkRow | null> {
    requireOrganisationId(organisationId);
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(code)) return null;
    const rows = await this.db.query<PageLinkRow>(
      `SELECT id, channel, credited_user_id, member_id FROM tracked_link WHERE organisation_id = $1 AND action_id = $2 AND code = $3`,
      [organisationId, actionId, code],
    );
    return rows[0] ?? null;
  }
}
