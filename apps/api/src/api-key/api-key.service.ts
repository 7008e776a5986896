/**
 * API keys for developers: one organisation, one role, shown once, stored hashed, revocable.
 * Must never: return a secret after creation, or let a client admin issue a key above CLIENT_ADMIN.
 */
import { Injectable } from '@nestjs/common';
import { canIssueKeyRole } from '@muster/domain';
import { AccessException } from '../access/access.exception.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { newApiKey, sha256 } from '../auth/auth.tokens.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { ApiKeyException } from './api-key.exception.js';
import type { ApiKeyConnection, ApiKeyObject, CreateApiKeyInput, CreatedApiKeyObject } from './api-key.object.js';
import { ApiKeyRepository, type ApiKeyRow } from './api-key.repository.js';

const SORT = 'CREATED_DESC';

export function toApiKeyObject(r: ApiKeyRow): ApiKeyObject {
  return {
    id: r.id, organisationId: r.organisation_id, name: r.name, role: r.role, prefix: r.prefix,
    createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
  };
}

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(organisationId: string, args: { first?: number | null; after?: string | null }): Promise<ApiKeyConnection> {
    this.access.assert(organisationId, 'apikey:manage');
    const org = organisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.keys.page(org, paging.limit + 1, after);
    const edges = rows.slice(0, paging.limit).map((r) => ({ cursor: encodeCursor(SORT, [r.created_at.toISOString()], r.id), node: toApiKeyObject(r) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.keys.count(org),
    };
  }

  async create(input: CreateApiKeyInput): Promise<CreatedApiKeyObject> {
    const roles = this.access.assert(input.organisationId, 'apikey:manage');
    if (!canIssueKeyRole(roles, input.role)) throw AccessException.forbidden();
    const organisationId = input.organisationId.toLowerCase();
    const { prefix, secret } = newApiKey();
    const row = await this.keys.insert(organisationId, {
      name: input.name.trim(), role: input.role, prefix, secretHash: sha256(secret), createdBy: this.access.principal().userId,
    });
    await this.audit.record({ action: 'apikey.create', organisationId, targetType: 'api_key', targetIds: [row.id], details: { role: row.role, prefix } });
    return { apiKey: toApiKeyObject(row), secret };
  }

  async revoke(id: string): Promise<ApiKeyObject> {
    if (!isUuid(id)) throw ApiKeyException.notFound();
    const organisationIds = this.access.organisationsWith('apikey:manage');
    if (organisationIds.length === 0) throw ApiKeyException.notFound();
    const existing = await this.keys.findById(organisationIds, id);
    if (!existing) throw ApiKeyException.notFound();
    const row = await this.keys.revoke(existing.organisation_id, id);
    await this.audit.record({ action: 'apikey.revoke', organisationId: existing.organisation_id, targetType: 'api_key', targetIds: [id] });
    return toApiKeyObject(row);
  }

  /** The key the request is authenticated with (Viewer.apiKey). */
  async current(): Promise<ApiKeyObject | null> {
    const principal = this.access.principalOrNull();
    if (!principal?.apiKeyId) return null;
    const row = await this.keys.findById(principal.grants.map((g) => g.organisationId), principal.apiKeyId);
    return row ? toApiKeyObject(row) : null;
  }
}
