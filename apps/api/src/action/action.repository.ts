/**
 * The only place SQL for actions lives. Every method takes the organisation first and refuses an empty one; every
 * statement is scoped by organisation_id and runs in the request's transaction under row-level security.
 * Must never: look an action up by slug across organisations (the action pages find the organisation first, with
 * their own owner-context lookup, and then call findBySlug within it).
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { escapeLike } from '../member/member.sql.js';
import type { ActionPageJson, ActionStatusValue, ActionTypeValue } from './action.entity.js';

export interface ActionRow {
  organisation_id: string;
  id: string;
  campaign_id: string;
  type: ActionTypeValue;
  title: string;
  description: string | null;
  status: ActionStatusValue;
  goal_count: number | null;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  reminder_offsets_minutes: number[];
  public_slug: string;
  page: ActionPageJson;
  consent_wording: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ActionValues {
  type: ActionTypeValue;
  title: string;
  description: string | null;
  status: ActionStatusValue;
  goalCount: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  dueAt: Date | null;
  reminderOffsetsMinutes: number[];
  page: ActionPageJson;
  consentWording: string | null;
}

export interface ActionListFilter {
  campaignId: string | null;
  types: string[] | null;
  statuses: string[] | null;
  search: string | null;
}

const COLUMNS = `organisation_id, id, campaign_id, type, title, description, status, goal_count, starts_at, ends_at, due_at,
  reminder_offsets_minutes, public_slug, page, consent_wording, created_at, updated_at`;

/** 10 characters of Crockford-style base32 (50 bits): unguessable, short enough for a text message. */
export function newPublicSlug(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

@Injectable()
export class ActionRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async findById(organisationId: string, id: string): Promise<ActionRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionRow>(`SELECT ${COLUMNS} FROM action WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    return rows[0] ?? null;
  }

  /** By id among the caller's organisations (RLS holds too). */
  async findByIdAmong(organisationIds: string[], id: string): Promise<ActionRow | null> {
    if (organisationIds.length === 0) return null;
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<ActionRow>(`SELECT ${COLUMNS} FROM action WHERE organisation_id = ANY($1::uuid[]) AND id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async findBySlug(organisationId: string, slug: string): Promise<ActionRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionRow>(`SELECT ${COLUMNS} FROM action WHERE organisation_id = $1 AND public_slug = $2`, [organisationId, slug]);
    return rows[0] ?? null;
  }

  async findByIds(organisationId: string, ids: string[]): Promise<ActionRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<ActionRow>(`SELECT ${COLUMNS} FROM action WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [organisationId, ids]);
  }

  private where(organisationId: string, filter: ActionListFilter, params: unknown[]): string {
    params.push(organisationId);
    let where = 'organisation_id = $1';
    if (filter.campaignId) {
      params.push(filter.campaignId);
      where += ` AND campaign_id = $${params.length}`;
    }
    if (filter.types?.length) {
      params.push(filter.types);
      where += ` AND type = ANY($${params.length}::text[])`;
    }
    if (filter.statuses?.length) {
      params.push(filter.statuses);
      where += ` AND status = ANY($${params.length}::text[])`;
    }
    if (filter.search) {
      params.push(`%${escapeLike(filter.search)}%`);
      where += ` AND title ILIKE $${params.length}`;
    }
    return where;
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, filter: ActionListFilter, limit: number, after: { createdAt: string; id: string } | null): Promise<ActionRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    let where = this.where(organisationId, filter, params);
    if (after) {
      params.push(after.createdAt, after.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<ActionRow>(`SELECT ${COLUMNS} FROM action WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  }

  async count(organisationId: string, filter: ActionListFilter): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM action WHERE ${this.where(organisationId, filter, params)}`, params);
    return rows[0].n;
  }

  async countByCampaign(organisationId: string, campaignIds: string[]): Promise<Map<string, number>> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ campaign_id: string; n: number }>(
      `SELECT campaign_id, count(*)::int AS n FROM action WHERE organisation_id = $1 AND campaign_id = ANY($2::uuid[]) GROUP BY campaign_id`,
      [organisationId, campaignIds],
    );
    return new Map(rows.map((r) => [r.campaign_id, r.n]));
  }

  async insert(organisationId: string, campaignId: string, v: ActionValues): Promise<ActionRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionRow>(
      `INSERT INTO action (organisation_id, id, campaign_id, type, title, description, status, goal_count, starts_at, ends_at, due_at,
          reminder_offsets_minutes, public_slug, page, consent_wording)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING ${COLUMNS}`,
      [organisationId, uuidv7(), campaignId, v.type, v.title, v.description, v.status, v.goalCount, v.startsAt, v.endsAt, v.dueAt,
        v.reminderOffsetsMinutes, newPublicSlug(), JSON.stringify(v.page), v.consentWording],
    );
    return rows[0];
  }

  async update(organisationId: string, id: string, v: ActionValues): Promise<ActionRow> {
    requireOrganisationId(organisationId);
    const result = (await this.db.query(
      `UPDATE action SET type = $3, title = $4, description = $5, status = $6, goal_count = $7, starts_at = $8, ends_at = $9, due_at = $10,
          reminder_offsets_minutes = $11, page = $12, consent_wording = $13, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id, v.type, v.title, v.description, v.status, v.goalCount, v.startsAt, v.endsAt, v.dueAt, v.reminderOffsetsMinutes,
        JSON.stringify(v.page), v.consentWording],
    )) as unknown;
    const rows = (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) ? result[0] : result) as ActionRow[];
    return rows[0];
  }

  async responseCount(organisationId: string, actionId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM action_response WHERE organisation_id = $1 AND action_id = $2`, [organisationId, actionId]);
    return rows[0].n;
  }

  async delete(organisationId: string, id: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM action WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  }
}
