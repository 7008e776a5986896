/**
 * Tracked-link module: short links to action pages (createTrackedLink), the public redirect GET /l/:code that counts
 * clicks, and actionLinkStats. Must never: let one organisation create links to or read the numbers of another's
 * actions, or keep a clicker's IP address (only its keyed hash). See docs/action-pages.md.
 */
import { Module } from '@nestjs/common';
import { ActionPageModule } from '../action-page/action-page.module.js';
import { TrackedLinkController } from './tracked-link.controller.js';
import { TrackedLinkRepository } from './tracked-link.repository.js';
import { TrackedLinkResolver } from './tracked-link.resolver.js';
import { TrackedLinkService } from './tracked-link.service.js';

@Module({
  imports: [ActionPageModule],
  controllers: [TrackedLinkController],
  providers: [TrackedLinkRepository, TrackedLinkService, TrackedLinkResolver],
})
export class TrackedLinkModule {}
