/**
 * Keeps the duplicate review queue current without anyone pressing "Refresh": a completed import queues
 * `member-duplicates-refresh` for its organisation, and this worker recomputes that organisation's suggestions
 * (the same set-based refresh as the refreshDuplicateSuggestions mutation, serialised per organisation by its
 * advisory lock) inside the organisation's request context, so RLS applies.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withRequestContext } from '../common/request-context.js';
import { JobsService } from '../jobs/jobs.service.js';
import { DedupeRepository } from './dedupe.repository.js';

export const DUPLICATE_REFRESH_QUEUE = 'member-duplicates-refresh';

export interface DuplicateRefreshJobData {
  organisationId: string;
}

@Injectable()
export class DuplicateRefreshJob implements OnModuleInit {
  private readonly logger = new Logger('Duplicates');

  constructor(
    private readonly dataSource: DataSource,
    private readonly suggestions: DedupeRepository,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<DuplicateRefreshJobData>(DUPLICATE_REFRESH_QUEUE, async (data) => {
      await this.run(data.organisationId);
    });
  }

  async run(organisationId: string): Promise<number> {
    const open = await withRequestContext(this.dataSource, `jobs:duplicates:${organisationId}`, () => this.suggestions.refresh(organisationId),
      { reach: { organisationIds: [organisationId] } });
    this.logger.log(`duplicate suggestions of ${organisationId} refreshed: ${open} open`);
    return open;
  }
}
