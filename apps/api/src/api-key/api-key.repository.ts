/** The only place API-key SQL lives (tenant table: every statement scoped by organisation). */
import { Injectable } from '@nestjs/common';
import type { Role } from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { NEWEST_FIRST, newestFirstAfter } from '../common/paging.js';

export interface ApiKeyRow {
  id: string;
  organisation_id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, organisation_id, name, role, prefix, created_at, last_used_at, revoked_at';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async insert(organisationId: string, values: { name: string; role: Role; prefix: string; secretHash: string; createdBy: string | null }): Promise<ApiKeyRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ApiKeyRow>(
      `INSERT INTO api_key (organisation_id, id, name, role, prefix, secret_hash, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [organisationId, uuidv7(), values.name, values.role, values.prefix, values.secretHash, values.createdBy],
    );
    return rows[0];
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, limit: number, after: { createdAt: string; id: string } | null): Promise<ApiKeyRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    const where = 'organisation_id = $1' + newestFirstAfter(after, params);
    return this.db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_key WHERE ${where} ${NEWEST_FIRST} LIMIT $2`, params);
  }

  async count(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_key WHERE organisation_id = $1`, [organisationId]);
    return rows[0].n;
  }

  async findById(organisationIds: string[], id: string): Promise<ApiKeyRow | null> {
    if (organisationIds.length === 0) requireOrganisationId('');
    const rows = await this.db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_key WHERE organisation_id = ANY($1::uuid[]) AND id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async revoke(organisationId: string, id: string): Promise<ApiKeyRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ApiKeyRow>(
      `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id],
    );
    this.db.invalidatePrincipalsOnCommit();
    return (rows as unknown as [ApiKeyRow[], number])[0][0];
  }
}
