/**
 * Segment use cases: list (newest first, search by name, live member counts), read, preview a definition's count
 * (the builder's live count, under a statement timeout), create, update, delete, freeze into a snapshot and
 * unfreeze. Definitions are checked and normalised by @muster/domain; every segment or import a definition refers
 * to must exist in the same organisation (else NOT_FOUND, exactly as for a missing id). Mutations are audit-logged.
 * Must never: throw HTTP/GraphQL errors, write anything when the input is invalid, or let a definition reach
 * another organisation's rows.
 */
import { Injectable } from '@nestjs/common';
import { parseSegmentDefinition, segmentReferences, type SegmentDefinition } from '@muster/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import type { CreateSegmentInput } from './dtos/create-segment.input.js';
import type { UpdateSegmentInput } from './dtos/update-segment.input.js';
import { predicateOfSegment } from './segment-filter.service.js';
import { SegmentException } from './segment.exception.js';
import { SegmentConnection, SegmentObject, SegmentPreviewObject } from './segment.object.js';
import { SegmentRepository, segmentCountTimeoutMs, type SegmentRow } from './segment.repository.js';
import { compileSegment } from './segment.sql.js';

const SORT = 'CREATED_AT:DESC';
export const SEGMENT_COUNTS = Symbol('segmentCounts');

/** Counts every segment of one page at once (one pass over the members for the live ones), the first time any is asked for. */
export class SegmentCountLoader {
  private counts?: Promise<Map<string, number>>;
  constructor(
    private readonly repository: SegmentRepository,
    private readonly organisationId: string,
    private readonly rows: SegmentRow[],
  ) {}

  async countOf(id: string): Promise<number> {
    this.counts ??= this.load();
    const count = (await this.counts).get(id);
    if (count === undefined) throw new Error(`Segment ${id} is not in this page`);
    return count;
  }

  /** Frozen: the snapshot size. Live: every live segment of the page in one pass over the members. */
  private async load(): Promise<Map<string, number>> {
    const frozen = this.rows.filter((r) => r.frozen_at);
    const live = this.rows.filter((r) => !r.frozen_at);
    const sizes = await this.repository.snapshotSizes(this.organisationId, frozen.map((r) => r.id));
    const counts = await this.repository.countMembers(this.organisationId, live.map(predicateOfSegment), segmentCountTimeoutMs());
    live.forEach((r, i) => sizes.set(r.id, counts[i]));
    return sizes;
  }
}

export type SegmentWithCounts = SegmentObject & { [SEGMENT_COUNTS]: SegmentCountLoader };

export function toSegmentObject(row: SegmentRow): SegmentObject {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    description: row.description,
    definition: row.definition as SegmentDefinition,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    frozenAt: row.frozen_at,
  };
}

function normaliseName(raw: string | null | undefined, path: string): string {
  const name = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (name === '') throw new ValidationFailedException([{ path, message: 'A segment needs a name.' }]);
  return name;
}

function normaliseDescription(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  return text === '' ? null : text;
}

@Injectable()
export class SegmentService {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(rawOrganisationId: string, args: { first?: number | null; after?: string | null; search?: string | null }): Promise<SegmentConnection> {
    this.access.assert(rawOrganisationId, 'segment:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    const search = args.search?.trim() ? args.search.trim().slice(0, 200) : null;
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.segments.page(organisationId, paging.limit + 1, after, search);
    const pageRows = rows.slice(0, paging.limit);
    const loader = new SegmentCountLoader(this.segments, organisationId, pageRows);
    const edges = pageRows.map((row) => {
      const node = toSegmentObject(row) as SegmentWithCounts;
      node[SEGMENT_COUNTS] = loader;
      return { cursor: encodeCursor(SORT, [row.created_at.toISOString()], row.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.segments.count(organisationId, search),
    };
  }

  async get(id: string): Promise<SegmentWithCounts> {
    return this.withCounts(await this.findVisible(id, 'segment:read'));
  }

  memberCountOf(segment: SegmentWithCounts): Promise<number> {
    return segment[SEGMENT_COUNTS].countOf(segment.id);
  }

  /** The live count of a definition that is being edited (not saved). */
  async preview(rawOrganisationId: string, rawDefinition: unknown): Promise<SegmentPreviewObject> {
    this.access.assert(rawOrganisationId, 'segment:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const definition = await this.checkDefinition(organisationId, rawDefinition, 'definition', null);
    const started = process.hrtime.bigint();
    const [memberCount] = await this.segments.countMembers(organisationId, [(org, p) => compileSegment(definition, org, p)], segmentCountTimeoutMs());
    return { memberCount, tookMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6) };
  }

  async create(input: CreateSegmentInput): Promise<SegmentWithCounts> {
    this.access.assert(input.organisationId, 'segment:write');
    const organisationId = input.organisationId.toLowerCase();
    const name = normaliseName(input.name, 'input.name');
    const definition = await this.checkDefinition(organisationId, input.definition, 'input.definition', null);
    if (await this.segments.nameTaken(organisationId, name, null)) {
      throw new ValidationFailedException([{ path: 'input.name', message: 'Another segment already has this name.' }]);
    }
    const principal = this.access.principal();
    const row = await this.segments.insert(organisationId, {
      name,
      description: normaliseDescription(input.description),
      definition,
      referencedSegmentIds: segmentReferences(definition).segmentIds,
      createdBy: principal.label,
      createdByUserId: principal.userId,
    });
    await this.audit.record({ action: 'segment.create', organisationId, targetType: 'segment', targetIds: [row.id], details: { name, definition } });
    return this.withCounts(row);
  }

  async update(id: string, input: UpdateSegmentInput): Promise<SegmentWithCounts> {
    const existing = await this.findVisible(id, 'segment:write');
    const organisationId = existing.organisation_id;
    const name = input.name === undefined || input.name === null ? existing.name : normaliseName(input.name, 'input.name');
    const description = input.description === undefined ? existing.description : normaliseDescription(input.description);
    let definition = existing.definition as SegmentDefinition;
    if (input.definition !== undefined && input.definition !== null) {
      definition = await this.checkDefinition(organisationId, input.definition, 'input.definition', existing.id);
      if (existing.frozen_at && JSON.stringify(definition) !== JSON.stringify(existing.definition)) {
        throw new ValidationFailedException([{ path: 'input.definition', message: 'This segment is frozen: unfreeze it before changing its definition.' }]);
      }
    }
    if (name.toLowerCase() !== existing.name.toLowerCase() && (await this.segments.nameTaken(organisationId, name, existing.id))) {
      throw new ValidationFailedException([{ path: 'input.name', message: 'Another segment already has this name.' }]);
    }
    const row = await this.segments.update(organisationId, existing.id, {
      name, description, definition, referencedSegmentIds: segmentReferences(definition).segmentIds,
    });
    await this.audit.record({
      action: 'segment.update', organisationId, targetType: 'segment', targetIds: [row.id],
      details: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined), name, definition },
    });
    return this.withCounts(row);
  }

  async delete(id: string): Promise<boolean> {
    const existing = await this.findVisible(id, 'segment:write');
    await this.refuseWhileReferenced(existing, 'delete');
    await this.segments.delete(existing.organisation_id, existing.id);
    await this.audit.record({
      action: 'segment.delete', organisationId: existing.organisation_id, targetType: 'segment', targetIds: [existing.id],
      details: { name: existing.name, definition: existing.definition, frozenAt: existing.frozen_at },
    });
    return true;
  }

  /** Takes (or retakes) the snapshot: the members matching the definition now become the segment's members. */
  async freeze(id: string): Promise<SegmentWithCounts> {
    const existing = await this.findVisible(id, 'segment:write');
    const { row, size } = await this.segments.freeze(existing.organisation_id, existing.id, predicateOfSegment({ ...existing, frozen_at: null }));
    await this.audit.record({
      action: 'segment.freeze', organisationId: row.organisation_id, targetType: 'segment', targetIds: [row.id], details: { name: row.name, memberCount: size },
    });
    return this.withCounts(row);
  }

  async unfreeze(id: string): Promise<SegmentWithCounts> {
    const existing = await this.findVisible(id, 'segment:write');
    if (!existing.frozen_at) return this.withCounts(existing);
    await this.refuseWhileReferenced(existing, 'unfreeze');
    const row = await this.segments.unfreeze(existing.organisation_id, existing.id);
    await this.audit.record({ action: 'segment.unfreeze', organisationId: row.organisation_id, targetType: 'segment', targetIds: [row.id], details: { name: row.name } });
    return this.withCounts(row);
  }

  private async refuseWhileReferenced(existing: SegmentRow, verb: 'delete' | 'unfreeze'): Promise<void> {
    const users = await this.segments.referencedBy(existing.organisation_id, existing.id);
    if (users.length > 0) {
      const names = users.map((u) => `"${u.name}"`).join(', ');
      throw new ValidationFailedException([{
        path: 'id',
        message: `Cannot ${verb} this segment: ${users.length === 1 ? 'segment' : 'segments'} ${names} use its snapshot. Change ${users.length === 1 ? 'that segment' : 'those segments'} first.`,
      }]);
    }
  }

  /**
   * A definition from a client → its stable form, or VALIDATION_FAILED with every problem's path under `path`.
   * Referenced segments, imports, actions and campaigns must be in the organisation (NOT_FOUND otherwise, like a missing id) and a
   * referenced segment must be frozen (its snapshot is what is used).
   */
  private async checkDefinition(organisationId: string, raw: unknown, path: string, selfId: string | null): Promise<SegmentDefinition> {
    const parsed = parseSegmentDefinition(raw);
    if (!parsed.ok) {
      throw new ValidationFailedException(parsed.error.map((e) => ({ path: e.path ? `${path}.${e.path}` : path, message: e.message })));
    }
    const definition = parsed.value;
    const refs = segmentReferences(definition);
    if (selfId !== null && refs.segmentIds.includes(selfId)) {
      throw new ValidationFailedException([{ path, message: 'A segment cannot use its own snapshot.' }]);
    }
    const found = await this.segments.existing(organisationId, refs.segmentIds);
    if (found.length !== refs.segmentIds.length) throw SegmentException.notFound();
    const notFrozen = found.filter((s) => !s.frozen);
    if (notFrozen.length > 0) {
      throw new ValidationFailedException([{
        path,
        message: `Segment ${notFrozen.map((s) => `"${s.name}"`).join(', ')} has no snapshot: freeze it before using its snapshot here.`,
      }]);
    }
    const imports = await this.segments.existingIn('member_import', organisationId, refs.importIds);
    if (imports.length !== refs.importIds.length) throw SegmentException.importNotFound();
    const actions = await this.segments.existingIn('action', organisationId, refs.actionIds);
    if (actions.length !== refs.actionIds.length) throw SegmentException.actionNotFound();
    const campaigns = await this.segments.existingIn('campaign', organisationId, refs.campaignIds);
    if (campaigns.length !== refs.campaignIds.length) throw SegmentException.campaignNotFound();
    return definition;
  }

  private async findVisible(id: string, capability: 'segment:read' | 'segment:write'): Promise<SegmentRow> {
    if (!isUuid(id)) throw SegmentException.notFound();
    const organisationIds = this.access.reachedOrganisationIds();
    if (organisationIds.length === 0) throw SegmentException.notFound();
    const row = await this.segments.findById(organisationIds, id.toLowerCase());
    if (!row) throw SegmentException.notFound();
    this.access.assert(row.organisation_id, 'segment:read');
    if (capability !== 'segment:read') this.access.assert(row.organisation_id, capability);
    return row;
  }

  private withCounts(row: SegmentRow): SegmentWithCounts {
    const node = toSegmentObject(row) as SegmentWithCounts;
    node[SEGMENT_COUNTS] = new SegmentCountLoader(this.segments, row.organisation_id, [row]);
    return node;
  }
}
