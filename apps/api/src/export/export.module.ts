/**
 * Export module: the streaming members CSV (GET /exports/members.csv). Owns the route, the CSV format
 * and the export's read transaction; reuses the members list's filter and sort SQL (member.sql.ts) and
 * input types. Must never: keep a whole export in memory, or read outside the caller's reach.
 */
import { Module } from '@nestjs/common';
import { SegmentModule } from '../segment/segment.module.js';
import { ExportController } from './export.controller.js';
import { ExportRepository } from './export.repository.js';
import { ExportService } from './export.service.js';

@Module({
  imports: [SegmentModule],
  controllers: [ExportController],
  providers: [ExportRepository, ExportService],
})
export class ExportModule {}
