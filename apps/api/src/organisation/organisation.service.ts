/**
 * Organisation use cases: listing and reading tenants. Must never: return HTTP/GraphQL errors
 * (throws OrganisationException) or touch members.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { OrganisationException } from './organisation.exception.js';
import { OrganisationConnection, OrganisationObject } from './organisation.object.js';
import { OrganisationRepository, type OrganisationRow } from './organisation.repository.js';

const SORT = 'NAME';

export function toOrganisationObject(row: OrganisationRow): OrganisationObject {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    kind: row.kind,
    parentId: row.parent_id,
    createdAt: row.created_at,
  };
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly access: AccessService,
  ) {}

  /**
   * Throws ORGANISATION_NOT_FOUND unless the caller reaches this organisation: a malformed id, an
   * unknown id and an organisation outside reach all read as not found. (Reach is computed from
   * the organisation tree, so a reached id exists.)
   */
  async assertVisible(id: string): Promise<void> {
    if (!isUuid(id) || !this.access.principal().rolesByOrganisation.has(id.toLowerCase())) throw OrganisationException.notFound();
  }

  /** The organisations this request may see. */
  async visibleOrganisationIds(): Promise<string[]> {
    return this.access.reachedOrganisationIds();
  }

  /** These organisations, in name order (ids outside reach are dropped). */
  async getMany(ids: string[]): Promise<OrganisationObject[]> {
    const reached = new Set(this.access.reachedOrganisationIds());
    const wanted = ids.filter((id) => reached.has(id));
    if (wanted.length === 0) return [];
    const rows = await this.organisations.findMany(wanted);
    return rows.map(toOrganisationObject);
  }

  async get(id: string): Promise<OrganisationObject> {
    await this.assertVisible(id);
    const row = await this.organisations.findById(id);
    if (!row) throw OrganisationException.notFound();
    return toOrganisationObject(row);
  }

  async list(args: { first?: number | null; after?: string | null }): Promise<OrganisationConnection> {
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { name: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') {
        throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      }
      after = { name: decoded.values[0], id: decoded.id };
    }
    const scope = this.access.reachedOrganisationIds();
    const rows = await this.organisations.page(paging.limit + 1, after, scope);
    const hasNextPage = rows.length > paging.limit;
    const edges = rows.slice(0, paging.limit).map((row) => ({
      cursor: encodeCursor(SORT, [row.sort_name], row.id),
      node: toOrganisationObject(row),
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      countTotal: () => this.organisations.count(scope),
    };
  }
}
