/**
 * Organisation use cases: listing and reading tenants. Must never: return HTTP/GraphQL errors
 * (throws OrganisationException) or touch members.
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService } from '../common/database-context.service.js';
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
  /** Organisations are never deleted yet, so an id once seen to exist can skip the lookup. */
  private readonly known = new Set<string>();

  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly db: DatabaseContextService,
  ) {}

  /**
   * Throws ORGANISATION_NOT_FOUND unless the request may see this organisation: a malformed id,
   * an unknown id and another organisation than the request's scope all read as not found.
   */
  async assertVisible(id: string): Promise<void> {
    if (!isUuid(id)) throw OrganisationException.notFound();
    const scope = this.db.context().scopeOrganisationId;
    if (scope !== null && scope !== id) throw OrganisationException.notFound();
    if (this.known.has(id)) return;
    const row = await this.organisations.findById(id);
    if (!row) throw OrganisationException.notFound();
    this.known.add(id);
  }

  /** The organisations this request may read members of. */
  async visibleOrganisationIds(): Promise<string[]> {
    const scope = this.db.context().scopeOrganisationId;
    if (scope !== null) return [scope];
    return this.organisations.allIds();
  }

  async get(id: string): Promise<OrganisationObject> {
    if (!isUuid(id)) throw OrganisationException.notFound();
    const scope = this.db.context().scopeOrganisationId;
    if (scope !== null && scope !== id) throw OrganisationException.notFound();
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
    const scope = this.db.context().scopeOrganisationId;
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
