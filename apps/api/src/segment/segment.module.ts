/**
 * Segment module: saved, named filters over members (live, or frozen into a snapshot), their live counts and the
 * builder's preview count. Also provides SegmentFilterService, through which the members list and the export
 * accept `segmentId`. Must never: evaluate a segment outside its own organisation, or store a definition that
 * @muster/domain did not accept. See docs/segments.md.
 */
import { Module } from '@nestjs/common';
import { SegmentFilterService } from './segment-filter.service.js';
import { SegmentRepository } from './segment.repository.js';
import { SegmentConnectionResolver, SegmentResolver } from './segment.resolver.js';
import { SegmentService } from './segment.service.js';

@Module({
  providers: [SegmentRepository, SegmentService, SegmentFilterService, SegmentResolver, SegmentConnectionResolver],
  exports: [SegmentRepository, SegmentFilterService],
})
export class SegmentModule {}
