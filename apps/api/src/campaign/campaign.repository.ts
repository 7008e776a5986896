/**
 * The only place SQL for campaigns and their teams lives. Every method takes the organisation first (or the caller's
 * reached organisations for a lookup by id) and every statement is scoped by organisation_id under row-level security.
 * Must never: return another organisation's campaign, or a team member's details beyond name and email.
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { escapeLike } from '../member/member.sql.js';
import type { CampaignStatusValue, CampaignTeamRoleValue } from './campaign.entity.js';

export interface CampaignRow {
  organisation_id: string;
  id: string;
  name: string;
  description: string | null;
  goal: string | null;
  goal_count: number | null;
  starts_on: string | null;
  ends_on: string | null;
  status: CampaignStatusValue;
  target_segment_id: string | null;
  channels: string[];
  created_by: string;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CampaignTeamRow {
  campaign_id: string;
  user_id: string;
  role: CampaignTeamRoleValue;
  name: string | null;
  email: string | null;
}

export interface CampaignValues {
  name: string;
  description: string | null;
  goal: string | null;
  goalCount: number | null;
  startsOn: string | null;
  endsOn: string | null;
  status: CampaignStatusValue;
  targetSegmentId: string | null;
  channels: string[];
}

const COLUMNS = `organisation_id, id, name, description, goal, goal_count, to_char(starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(ends_on, 'YYYY-MM-DD') AS ends_on, status, target_segment_id, channels, created_by, created_by_user_id, created_at, updated_at`;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

@Injectable()
export class CampaignRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** By id among the caller's organisations (RLS holds too). */
  async findById(organisationIds: string[], id: string): Promise<CampaignRow | null> {
    const rows = await this.db.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE organisation_id = ANY($1::uuid[]) AND id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async findInOrganisation(organisationId: string, id: string): Promise<CampaignRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    return rows[0] ?? null;
  }

  async findByIds(organisationId: string, ids: string[]): Promise<CampaignRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [organisationId, ids]);
  }

  private where(organisationId: string, filter: { statuses: string[] | null; search: string | null }, params: unknown[]): string {
    params.push(organisationId);
    let where = 'organisation_id = $1';
    if (filter.statuses?.length) {
      params.push(filter.statuses);
      where += ` AND status = ANY($${params.length}::text[])`;
    }
    if (filter.search) {
      params.push(`%${escapeLike(filter.search)}%`);
      where += ` AND name ILIKE $${params.length}`;
    }
    return where;
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, filter: { statuses: string[] | null; search: string | null }, limit: number, after: { createdAt: string; id: string } | null): Promise<CampaignRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    let where = this.where(organisationId, filter, params);
    if (after) {
      params.push(after.createdAt, after.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<CampaignRow>(`SELECT ${COLUMNS} FROM campaign WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  }

  async count(organisationId: string, filter: { statuses: string[] | null; search: string | null }): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign WHERE ${this.where(organisationId, filter, params)}`, params);
    return rows[0].n;
  }

  async nameTaken(organisationId: string, name: string, exceptId: string | null): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(
      `SELECT 1 FROM campaign WHERE organisation_id = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3)`,
      [organisationId, name, exceptId],
    );
    return rows.length > 0;
  }

  async insert(organisationId: string, v: CampaignValues, createdBy: string, createdByUserId: string | null): Promise<CampaignRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<CampaignRow>(
      `INSERT INTO campaign (organisation_id, id, name, description, goal, goal_count, starts_on, ends_on, status, target_segment_id, channels,
          created_by, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [organisationId, uuidv7(), v.name, v.description, v.goal, v.goalCount, v.startsOn, v.endsOn, v.status, v.targetSegmentId, v.channels,
        createdBy, createdByUserId],
    );
    return rows[0];
  }

  async update(organisationId: string, id: string, v: CampaignValues): Promise<CampaignRow> {
    requireOrganisationId(organisationId);
    const result = await this.db.query(
      `UPDATE campaign SET name = $3, description = $4, goal = $5, goal_count = $6, starts_on = $7, ends_on = $8, status = $9,
          target_segment_id = $10, channels = $11, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id, v.name, v.description, v.goal, v.goalCount, v.startsOn, v.endsOn, v.status, v.targetSegmentId, v.channels],
    );
    return rowsOf<CampaignRow>(result)[0];
  }

  async delete(organisationId: string, id: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM campaign WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  }

  async responseCount(organisationId: string, campaignId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM action_response WHERE organisation_id = $1 AND campaign_id = $2`, [organisationId, campaignId]);
    return rows[0].n;
  }

  async actionCounts(organisationId: string, campaignIds: string[]): Promise<Map<string, number>> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ campaign_id: string; n: number }>(
      `SELECT campaign_id, count(*)::int AS n FROM action WHERE organisation_id = $1 AND campaign_id = ANY($2::uuid[]) GROUP BY campaign_id`,
      [organisationId, campaignIds],
    );
    return new Map(rows.map((r) => [r.campaign_id, r.n]));
  }

  /** The teams of these campaigns with each user's name and email (null when the caller cannot see the user). */
  async teams(organisationId: string, campaignIds: string[]): Promise<CampaignTeamRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<CampaignTeamRow>(
      `SELECT t.campaign_id, t.user_id, t.role, u.name, u.email FROM campaign_team t LEFT JOIN app_user u ON u.id = t.user_id
        WHERE t.organisation_id = $1 AND t.campaign_id = ANY($2::uuid[]) ORDER BY t.campaign_id, t.added_at, t.user_id`,
      [organisationId, campaignIds],
    );
  }

  async replaceTeam(organisationId: string, campaignId: string, team: { userId: string; role: CampaignTeamRoleValue }[]): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM campaign_team WHERE organisation_id = $1 AND campaign_id = $2 AND NOT (user_id = ANY($3::uuid[]))`,
      [organisationId, campaignId, team.map((t) => t.userId)]);
    if (team.length === 0) return;
    await this.db.query(
      `INSERT INTO campaign_team (organisation_id, campaign_id, user_id, role)
       SELECT $1, $2, u.user_id, u.role FROM unnest($3::uuid[], $4::text[]) AS u(user_id, role)
       ON CONFLICT (organisation_id, campaign_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [organisationId, campaignId, team.map((t) => t.userId), team.map((t) => t.role)],
    );
  }

  async segmentExists(organisationId: string, segmentId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(`SELECT 1 FROM segment WHERE organisation_id = $1 AND id = $2`, [organisationId, segmentId]);
    return rows.length > 0;
  }

  /** Users among `userIds` who work for the organisation (a membership in it or an ancestor). */
  async usersWorkingFor(organisationId: string, userIds: string[]): Promise<Set<string>> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ id: string }>(
      `SELECT u.id FROM unnest($2::uuid[]) AS u(id) WHERE muster_user_works_for($1, u.id)`,
      [organisationId, userIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Who may be put on the organisation's campaign teams: users with a role in it or in one of its ancestors (the
   * agency's staff and volunteers), as far as row-level security lets the caller see them; `search` matches name or
   * email anywhere, case-insensitively. By name.
   */
  async teamCandidates(organisationId: string, search: string | null, limit: number): Promise<{ id: string; name: string | null; email: string | null }[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    let match = '';
    if (search) {
      params.push(`%${escapeLike(search)}%`);
      match = ` AND (u.name ILIKE $3 OR u.email ILIKE $3)`;
    }
    return this.db.query(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT o.id, 0 FROM organisation o WHERE o.id = $1
         UNION ALL SELECT o.parent_id, up.depth + 1 FROM up JOIN organisation o ON o.id = up.id WHERE o.parent_id IS NOT NULL AND up.depth < 10)
       SELECT u.id, u.name, u.email FROM app_user u
        WHERE EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.organisation_id IN (SELECT id FROM up))${match}
        ORDER BY u.name, u.email, u.id LIMIT $2`,
      params,
    );
  }
}
