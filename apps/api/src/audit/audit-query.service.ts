/** Browsing the audit log (agency admins: audit:read). Must never: show events outside the caller's reach. */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import type { AuditEventConnection, AuditEventFilter } from './audit.object.js';
import { AuditRepository, type AuditEventRow, type AuditQuery } from './audit.repository.js';

const SORT = 'CREATED_DESC';

function toObject(r: AuditEventRow) {
  return {
    id: r.id, organisationId: r.organisation_id, action: r.action, actorUserId: r.actor_user_id,
    actorApiKeyId: r.actor_api_key_id, actorLabel: r.actor_label, targetType: r.target_type, targetIds: r.target_ids,
    ip: r.ip, userAgent: r.user_agent, requestId: r.request_id, createdAt: r.created_at,
  };
}

@Injectable()
export class AuditQueryService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly access: AccessService,
  ) {}

  async list(args: { first?: number | null; after?: string | null; filter?: AuditEventFilter | null }): Promise<AuditEventConnection> {
    const organisationIds = this.access.organisationsWith('audit:read');
    const filter = args.filter ?? null;
    if (filter?.organisationId) this.access.assert(filter.organisationId, 'audit:read');
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string' || !isUuid(decoded.id)) {
        throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      }
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const q: AuditQuery = {
      organisationIds,
      organisationId: filter?.organisationId ?? null,
      actorUserId: filter?.actorUserId ?? null,
      action: filter?.action ?? null,
      createdGte: filter?.createdAt?.gte ?? null,
      createdLte: filter?.createdAt?.lte ?? null,
    };
    const rows = await this.audit.page(q, paging.limit + 1, after);
    const hasNextPage = rows.length > paging.limit;
    const edges = rows.slice(0, paging.limit).map((r) => ({
      cursor: encodeCursor(SORT, [r.created_at.toISOString()], r.id),
      node: toObject(r),
    }));
    return {
      edges,
      pageInfo: { hasNextPage, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.audit.count(q),
    };
  }
}
