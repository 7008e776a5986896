/**
 * Campaign module: a client organisation's campaigns (name, goal, dates, status, target segment, channels, team).
 * Actions, responses and results are in the action module (apps/api/src/action), which imports this one.
 * Must never: let one organisation read, change or infer another's campaigns, or show client roles the team's
 * names. See docs/campaigns.md.
 */
import { Module } from '@nestjs/common';
import { SegmentModule } from '../segment/segment.module.js';
import { CampaignRepository } from './campaign.repository.js';
import { CampaignConnectionResolver, CampaignResolver } from './campaign.resolver.js';
import { CampaignService } from './campaign.service.js';

@Module({
  imports: [SegmentModule],
  providers: [CampaignRepository, CampaignService, CampaignResolver, CampaignConnectionResolver],
  exports: [CampaignRepository, CampaignService],
})
export class CampaignModule {}
