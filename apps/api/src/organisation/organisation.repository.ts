/**
 * The only place organisation SQL lives. Organisations are the tenants themselves, so this is the
 * one repository whose methods are not scoped by an organisation id.
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService } from '../common/database-context.service.js';
import type { OrganisationKind } from './organisation.entity.js';

export interface OrganisationRow {
  id: string;
  parent_id: string | null;
  kind: OrganisationKind;
  name: string;
  slug: string;
  created_at: Date;
  sort_name: string;
}

const COLUMNS = `id, parent_id, kind, name, slug, created_at, lower(name) AS sort_name`;

@Injectable()
export class OrganisationRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async findById(id: string): Promise<OrganisationRow | null> {
    const rows = await this.db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisation WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findMany(ids: string[]): Promise<OrganisationRow[]> {
    return this.db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisation WHERE id = ANY($1::uuid[]) ORDER BY lower(name), id`, [ids]);
  }

  /**
   * Keyset page ordered by (lower(name), id); `after` is the last row's sort values. `ids`
   * limits the list to the organisations the caller reaches.
   */
  async page(limit: number, after: { name: string; id: string } | null, ids: string[]): Promise<OrganisationRow[]> {
    const params: unknown[] = [limit, ids];
    let where = 'WHERE id = ANY($2::uuid[])';
    if (after) {
      params.push(after.name, after.id);
      where += ` AND (lower(name), id) > ($3, $4)`;
    }
    return this.db.query<OrganisationRow>(
      `SELECT ${COLUMNS} FROM organisation ${where} ORDER BY lower(name), id LIMIT $1`,
      params,
    );
  }

  async allIds(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM organisation`);
    return rows.map((r) => r.id);
  }

  async count(ids: string[]): Promise<number> {
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows[0].n;
  }
}
