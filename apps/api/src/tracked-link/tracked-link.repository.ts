/**
 * SQL of tracked links: create, the public code lookup (owner context: organisation and link id only), counting a
 * click, and an action's link statistics. Must never: query without the organisation first (except the one public
 * lookup by code), or store a client's address (only its keyed hash).
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

export interface TrackedLinkRow {
  organisation_id: string;
  id: string;
  code: string;
  action_id: string;
  member_id: string | null;
  channel: string;
  credited_user_id: string | null;
  created_at: Date;
  click_count: number;
  first_clicked_at: Date | null;
  last_clicked_at: Date | null;
}

const COLUMNS = 'organisation_id, id, code, action_id, member_id, channel, credited_user_id, created_at, click_count, first_clicked_at, last_clicked_at';

@Injectable()
export class TrackedLinkRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** The action, if it is in one of these organisations (RLS limits it to the caller's reach as well). */
  async findAction(organisationIds: string[], actionId: string): Promise<{ organisation_id: string; id: string; public_slug: string; status: string } | null> {
    if (organisationIds.length === 0) return null;
    const rows = await this.db.query<{ organisation_id: string; id: string; public_slug: string; status: string }>(
      `SELECT organisation_id, id, public_slug, status FROM action WHERE organisation_id = ANY($1::uuid[]) AND id = $2`,
      [organisationIds, actionId],
    );
    return rows[0] ?? null;
  }

  async memberExists(organisationId: string, memberId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    return (await this.db.query(`SELECT 1 FROM member WHERE organisation_id = $1 AND id = $2`, [organisationId, memberId])).length > 0;
  }

  /** The user holds a role in this organisation or one above it (core's muster_user_works_for). */
  async userWorksFor(organisationId: string, userId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ ok: boolean }>(`SELECT muster_user_works_for($1, $2) AS ok`, [organisationId, userId]);
    return rows[0]?.ok === true;
  }

  async insert(organisationId: string, row: { id: string; code: string; actionId: string; memberId: string | null; channel: string; creditedUserId: string | null; createdBy: string; createdByUserId: string | null }): Promise<TrackedLinkRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<TrackedLinkRow>(
      `INSERT INTO tracked_link (organisation_id, id, code, action_id, member_id, channel, credited_user_id, created_by, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [organisationId, row.id, row.code, row.actionId, row.memberId, row.channel, row.creditedUserId, row.createdBy, row.createdByUserId],
    );
    return rows[0];
  }

  /** The public key's lookup (owner context): the organisation and the link id, nothing else. */
  async locateCode(code: string): Promise<{ organisationId: string; linkId: string } | null> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(code)) return null;
    const rows = await this.db.query<{ organisation_id: string; id: string }>(`SELECT organisation_id, id FROM tracked_link WHERE code = $1`, [code]);
    return rows[0] ? { organisationId: rows[0].organisation_id, linkId: rows[0].id } : null;
  }

  /** Counts one click and answers where it goes: the link and its action's slug and status. */
  async click(organisationId: string, linkId: string, clickId: string, ipHash: string | null): Promise<(TrackedLinkRow & { public_slug: string; action_status: string }) | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<TrackedLinkRow & { public_slug: string; action_status: string }>(
      `WITH l AS (
         UPDATE tracked_link SET click_count = click_count + 1, first_clicked_at = COALESCE(first_clicked_at, now()), last_clicked_at = now()
          WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}),
       c AS (
         INSERT INTO link_click (organisation_id, id, link_id, action_id, member_id, ip_hash)
         SELECT l.organisation_id, $3, l.id, l.action_id, l.member_id, $4 FROM l RETURNING id)
       SELECT l.*, a.public_slug, a.status AS action_status
         FROM l JOIN action a ON a.organisation_id = l.organisation_id AND a.id = l.action_id`,
      [organisationId, linkId, clickId, ipHash],
    );
    return rows[0] ?? null;
  }

  /** Where a link goes, without counting (HEAD). */
  async peek(organisationId: string, linkId: string): Promise<(TrackedLinkRow & { public_slug: string; action_status: string }) | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<TrackedLinkRow & { public_slug: string; action_status: string }>(
      `SELECT ${COLUMNS.split(', ').map((c) => `l.${c}`).join(', ')}, a.public_slug, a.status AS action_status
         FROM tracked_link l JOIN action a ON a.organisation_id = l.organisation_id AND a.id = l.action_id
        WHERE l.organisation_id = $1 AND l.id = $2`,
      [organisationId, linkId],
    );
    return rows[0] ?? null;
  }

  async stats(organisationId: string, actionId: string): Promise<{ links: number; clicks: number; unique_clickers: number; submissions: number }> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ links: number; clicks: number; unique_clickers: number; submissions: number }>(
      `SELECT (SELECT count(*)::int FROM tracked_link WHERE organisation_id = $1 AND action_id = $2) AS links,
              (SELECT COALESCE(sum(click_count), 0)::int FROM tracked_link WHERE organisation_id = $1 AND action_id = $2) AS clicks,
              (SELECT count(DISTINCT COALESCE(member_id::text, ip_hash))::int FROM link_click WHERE organisation_id = $1 AND action_id = $2) AS unique_clickers,
              (SELECT count(*)::int FROM action_page_submission WHERE organisation_id = $1 AND action_id = $2) AS submissions`,
      [organisationId, actionId],
    );
    return rows[0];
  }
}
