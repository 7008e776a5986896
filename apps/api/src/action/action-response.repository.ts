/**
 * The only place SQL for action responses and their events lives. Every method takes the organisation first and
 * refuses an empty one; every statement is scoped by organisation_id and runs in the request's transaction under
 * row-level security. The follow-through tally is kept by triggers on action_response (migration 1768000000000).
 * Must never: update or delete an action_response_event (history is append-only; merges re-point member_id).
 */
import { Injectable } from '@nestjs/common';
import type { ResponseChannel, ResponseSnapshot, ResponseState } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

export interface ActionResponseRow {
  organisation_id: string;
  id: string;
  action_id: string;
  campaign_id: string;
  member_id: string;
  state: ResponseState;
  channel: ResponseChannel;
  credited_user_id: string | null;
  asked_at: Date | null;
  committed_at: Date | null;
  reminded_at: Date | null;
  completed_at: Date | null;
  closed_at: Date | null;
  due_at: Date | null;
  reminder_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface ActionResponseEventRow {
  organisation_id: string;
  id: string;
  response_id: string;
  action_id: string;
  campaign_id: string;
  member_id: string;
  from_state: ResponseState | null;
  to_state: ResponseState;
  channel: ResponseChannel;
  credited_user_id: string | null;
  actor: string;
  note: string | null;
  at: Date;
}

export interface ResponseListFilter {
  campaignId: string | null;
  actionId: string | null;
  memberId: string | null;
  states: string[] | null;
  channels: string[] | null;
  creditedUserId: string | null;
}

export const RESPONSE_COLUMNS = `organisation_id, id, action_id, campaign_id, member_id, state, channel, credited_user_id, asked_at,
  committed_at, reminded_at, completed_at, closed_at, due_at, reminder_count, created_at, updated_at`;
export const EVENT_COLUMNS = 'organisation_id, id, response_id, action_id, campaign_id, member_id, from_state, to_state, channel, credited_user_id, actor, note, at';

export function snapshotOf(row: ActionResponseRow): ResponseSnapshot {
  return {
    state: row.state, channel: row.channel, creditedUserId: row.credited_user_id, askedAt: row.asked_at,
    committedAt: row.committed_at, remindedAt: row.reminded_at, completedAt: row.completed_at, closedAt: row.closed_at,
    reminderCount: row.reminder_count,
  };
}

@Injectable()
export class ActionResponseRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** The member's response to the action, locked for the rest of the transaction. */
  async lockByActionMember(organisationId: string, actionId: string, memberId: string): Promise<ActionResponseRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM action_response WHERE organisation_id = $1 AND action_id = $2 AND member_id = $3 FOR UPDATE`,
      [organisationId, actionId, memberId],
    );
    return rows[0] ?? null;
  }

  async lockById(organisationId: string, id: string): Promise<ActionResponseRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM action_response WHERE organisation_id = $1 AND id = $2 FOR UPDATE`,
      [organisationId, id],
    );
    return rows[0] ?? null;
  }

  async findById(organisationId: string, id: string): Promise<ActionResponseRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseRow>(`SELECT ${RESPONSE_COLUMNS} FROM action_response WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    return rows[0] ?? null;
  }

  /** Inserts a new response; null when a concurrent request inserted the member's response first. */
  async insert(organisationId: string, v: { actionId: string; campaignId: string; memberId: string; snapshot: ResponseSnapshot; dueAt: Date | null }): Promise<ActionResponseRow | null> {
    requireOrganisationId(organisationId);
    const s = v.snapshot;
    const rows = await this.db.query<ActionResponseRow>(
      `INSERT INTO action_response (organisation_id, id, action_id, campaign_id, member_id, state, channel, credited_user_id,
          asked_at, committed_at, reminded_at, completed_at, closed_at, due_at, reminder_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (organisation_id, action_id, member_id) DO NOTHING
       RETURNING ${RESPONSE_COLUMNS}`,
      [organisationId, uuidv7(), v.actionId, v.campaignId, v.memberId, s.state, s.channel, s.creditedUserId, s.askedAt, s.committedAt,
        s.remindedAt, s.completedAt, s.closedAt, v.dueAt, s.reminderCount],
    );
    return rows[0] ?? null;
  }

  async update(organisationId: string, id: string, s: ResponseSnapshot, dueAt: Date | null): Promise<ActionResponseRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseRow>(
      `UPDATE action_response SET state = $3, channel = $4, credited_user_id = $5, asked_at = $6, committed_at = $7, reminded_at = $8,
          completed_at = $9, closed_at = $10, reminder_count = $11, due_at = $12, updated_at = now()
        WHERE organisation_id = $1 AND id = $2
        RETURNING ${RESPONSE_COLUMNS}`,
      [organisationId, id, s.state, s.channel, s.creditedUserId, s.askedAt, s.committedAt, s.remindedAt, s.completedAt, s.closedAt,
        s.reminderCount, dueAt],
    );
    return updated(rows);
  }

  async setDueAt(organisationId: string, id: string, dueAt: Date | null): Promise<ActionResponseRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseRow>(
      `UPDATE action_response SET due_at = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2 RETURNING ${RESPONSE_COLUMNS}`,
      [organisationId, id, dueAt],
    );
    return updated(rows);
  }

  async insertEvent(organisationId: string, e: Omit<ActionResponseEventRow, 'organisation_id' | 'id'>): Promise<ActionResponseEventRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ActionResponseEventRow>(
      `INSERT INTO action_response_event (${EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${EVENT_COLUMNS}`,
      [organisationId, uuidv7(), e.response_id, e.action_id, e.campaign_id, e.member_id, e.from_state, e.to_state, e.channel,
        e.credited_user_id, e.actor, e.note, e.at],
    );
    return rows[0];
  }

  /** A response's history, oldest first. */
  async events(organisationId: string, responseId: string): Promise<ActionResponseEventRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<ActionResponseEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM action_response_event WHERE organisation_id = $1 AND response_id = $2 ORDER BY at, id`,
      [organisationId, responseId],
    );
  }

  private listWhere(organisationId: string, f: ResponseListFilter, params: unknown[]): string {
    params.push(organisationId);
    let where = 'organisation_id = $1';
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where += ` AND ${sql.replace('?', `$${params.length}`)}`;
    };
    if (f.campaignId) add('campaign_id = ?', f.campaignId);
    if (f.actionId) add('action_id = ?', f.actionId);
    if (f.memberId) add('member_id = ?', f.memberId);
    if (f.states?.length) add('state = ANY(?::text[])', f.states);
    if (f.channels?.length) add('channel = ANY(?::text[])', f.channels);
    if (f.creditedUserId) add('credited_user_id = ?', f.creditedUserId);
    return where;
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, f: ResponseListFilter, limit: number, after: { createdAt: string; id: string } | null): Promise<ActionResponseRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    let where = this.listWhere(organisationId, f, params);
    if (after) {
      params.push(after.createdAt, after.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query<ActionResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM action_response WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`, params);
  }

  async count(organisationId: string, f: ResponseListFilter): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM action_response WHERE ${this.listWhere(organisationId, f, params)}`, params);
    return rows[0].n;
  }

  /** The events of many responses, oldest first (a page's histories in one query). */
  async eventsOf(organisationId: string, responseIds: string[]): Promise<ActionResponseEventRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<ActionResponseEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM action_response_event WHERE organisation_id = $1 AND response_id = ANY($2::uuid[]) ORDER BY at, id`,
      [organisationId, responseIds],
    );
  }

  /** Users by id as the caller may see them (app_user's row-level security): invisible ones are absent. */
  async users(ids: string[]): Promise<{ id: string; name: string; email: string }[]> {
    if (ids.length === 0) return [];
    return this.db.query(`SELECT id, name, email FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async memberExists(organisationId: string, memberId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(`SELECT 1 FROM member WHERE organisation_id = $1 AND id = $2`, [organisationId, memberId]);
    return rows.length > 0;
  }

  /** Whether the user works for the organisation (a membership in it or an ancestor): who may be credited. */
  async userWorksFor(organisationId: string, userId: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ ok: boolean }>(`SELECT muster_user_works_for($1, $2) AS ok`, [organisationId, userId]);
    return rows[0]?.ok === true;
  }

  /** Moves member.last_contacted_at forward to `at` (never back). */
  async touchLastContacted(organisationId: string, memberId: string, at: Date): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE member SET last_contacted_at = $3 WHERE organisation_id = $1 AND id = $2 AND (last_contacted_at IS NULL OR last_contacted_at < $3)`,
      [organisationId, memberId, at],
    );
  }
}

function updated(result: unknown): ActionResponseRow {
  // UPDATE … RETURNING through TypeORM answers [rows, rowCount].
  const rows = (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) ? result[0] : result) as ActionResponseRow[];
  if (!rows[0]) throw new Error('action_response row vanished inside its own transaction');
  return rows[0];
}
