/**
 * Import module: member imports from CSV (upload → analyse → map → dry run → run in a pg-boss job with
 * progress, cancel, history and rejects), saved mappings, and the consent records an import writes.
 * Parsing and normalisation are @muster/domain's (import/); the set-based SQL is here. See docs/imports.md.
 * Must never: read or write another organisation's imports or members (RLS and organisation-first SQL).
 */
import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { ImportBatchRepository } from './import.batch.js';
import { ImportRepository } from './import.repository.js';
import { ImportResolver, MemberImportConnectionResolver } from './import.resolver.js';
import { ImportRoutes } from './import.routes.js';
import { ImportRunner } from './import.runner.js';
import { ImportService } from './import.service.js';

@Module({
  imports: [DatabaseModule],
  providers: [ImportRepository, ImportBatchRepository, ImportService, ImportRunner, ImportRoutes, ImportResolver, MemberImportConnectionResolver],
})
export class ImportModule {}
