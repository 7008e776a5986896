/**
 * Segments as a member filter: `members(filter: { segmentId })` and the export resolve the segment here, in the
 * caller's organisation, into a predicate over `member m` that the member SQL builder places in its WHERE clause.
 * A frozen segment's members are its snapshot; a live one's are its definition evaluated now. A segment of another
 * organisation, or a missing one, is NOT_FOUND (the same answer). Must never: load a segment outside the
 * organisation the list or export is for.
 */
import { Injectable } from '@nestjs/common';
import { parseSegmentDefinition } from '@muster/domain';
import { AccessService } from '../access/access.service.js';
import { isUuid } from '../common/cursor.js';
import { SegmentException } from './segment.exception.js';
import { SegmentRepository, type MemberPredicate, type SegmentRow } from './segment.repository.js';
import { compileSegment, snapshotPredicate } from './segment.sql.js';

export function predicateOfSegment(row: Pick<SegmentRow, 'id' | 'definition' | 'frozen_at'>): MemberPredicate {
  if (row.frozen_at) return (org, p) => snapshotPredicate(row.id, org, p);
  const parsed = parseSegmentDefinition(row.definition);
  if (!parsed.ok) throw new Error(`Stored definition of segment ${row.id} is not valid: ${JSON.stringify(parsed.error)}`);
  return (org, p) => compileSegment(parsed.value, org, p);
}

@Injectable()
export class SegmentFilterService {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly access: AccessService,
  ) {}

  /** The segment (id, name) and its member predicate; NOT_FOUND outside the organisation, FORBIDDEN without segment:read. */
  async resolve(organisationId: string, segmentId: string): Promise<{ id: string; name: string; predicate: MemberPredicate }> {
    this.access.assert(organisationId, 'segment:read');
    if (!isUuid(segmentId)) throw SegmentException.notFound();
    const row = await this.segments.findInOrganisation(organisationId.toLowerCase(), segmentId.toLowerCase());
    if (!row) throw SegmentException.notFound();
    return { id: row.id, name: row.name, predicate: predicateOfSegment(row) };
  }
}
