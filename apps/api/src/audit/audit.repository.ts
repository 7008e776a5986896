/**
 * The only place audit SQL lives for requests: appends through the request's transaction (so an
 * event is written exactly when its mutation commits) and pages the log. Must never: update or
 * delete an event (the application role may only INSERT and SELECT).
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService } from '../common/database-context.service.js';
import type { AuditInsert } from '../auth/auth.repository.js';
import { NEWEST_FIRST, newestFirstAfter } from '../common/paging.js';

export interface AuditEventRow {
  id: string;
  organisation_id: string | null;
  action: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_label: string;
  target_type: string | null;
  target_ids: string[];
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
}

export interface AuditQuery {
  organisationIds: string[];
  organisationId: string | null;
  actorUserId: string | null;
  action: { eq?: string | null; in?: string[] | null; startsWith?: string | null } | null;
  createdGte: Date | null;
  createdLte: Date | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async insert(event: AuditInsert): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_event (id, organisation_id, actor_user_id, actor_api_key_id, actor_label, action, target_type,
                                target_ids, ip, user_agent, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [uuidv7(), event.organisationId, event.actorUserId, event.actorApiKeyId, event.actorLabel, event.action,
        event.targetType, event.targetIds, event.ip, event.userAgent?.slice(0, 500) ?? null, event.requestId,
        event.details === null ? null : JSON.stringify(event.details)],
    );
  }

  private where(q: AuditQuery, params: unknown[]): string {
    params.push(q.organisationIds);
    // Events without an organisation are sign-ins and session events. One naming a known user belongs
    // to that user's organisations: shown only when the user holds a role the reader reaches (else
    // another agency's admin would read everyone's sign-ins). Unknown-email attempts name nobody and
    // stay visible to whoever may read the log.
    const reach = `$${params.length}::uuid[]`;
    const parts = [`(organisation_id = ANY(${reach}) OR (organisation_id IS NULL AND (actor_user_id IS NULL
      OR actor_user_id IN (SELECT m.user_id FROM membership m WHERE m.organisation_id = ANY(${reach})))))`];
    if (q.organisationId) { params.push(q.organisationId); parts.push(`organisation_id = $${params.length}::uuid`); }
    if (q.actorUserId) { params.push(q.actorUserId); parts.push(`actor_user_id = $${params.length}::uuid`); }
    if (q.action?.eq) { params.push(q.action.eq); parts.push(`action = $${params.length}`); }
    if (q.action?.in) { params.push(q.action.in); parts.push(`action = ANY($${params.length}::text[])`); }
    if (q.action?.startsWith) { params.push(q.action.startsWith.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'); parts.push(`action LIKE $${params.length}`); }
    if (q.createdGte) { params.push(q.createdGte); parts.push(`created_at >= $${params.length}`); }
    if (q.createdLte) { params.push(q.createdLte); parts.push(`created_at <= $${params.length}`); }
    return parts.join(' AND ');
  }

  /** Newest first, keyset on (created_at, id). */
  async page(q: AuditQuery, limit: number, after: { createdAt: string; id: string } | null): Promise<AuditEventRow[]> {
    const params: unknown[] = [];
    const where = this.where(q, params) + newestFirstAfter(after, params);
    params.push(limit);
    return this.db.query<AuditEventRow>(
      `SELECT id, organisation_id, action, actor_user_id, actor_api_key_id, actor_label, target_type, target_ids, ip,
              user_agent, request_id, created_at
         FROM audit_event WHERE ${where} ${NEWEST_FIRST} LIMIT $${params.length}`,
      params,
    );
  }

  async count(q: AuditQuery): Promise<number> {
    const params: unknown[] = [];
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE ${this.where(q, params)}`, params);
    return rows[0].n;
  }
}
