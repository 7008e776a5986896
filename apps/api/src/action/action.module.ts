/**
 * Action module: a campaign's actions (CRUD), members' responses to them in the follow-through state machine, the
 * campaign results (funnel, by action, channel and volunteer, activity) and the reminder job, and the shared
 * ActionResponseService (transition, findAction) through which every other module — action pages, donations, the
 * reminder job — moves a response. Must never: move a response outside the state machine of @muster/domain, or let
 * one organisation read, change or infer another's actions and responses. See docs/campaigns.md.
 */
import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { MemberModule } from '../member/member.module.js';
import { ActionReminderService } from './action-reminder.service.js';
import { ActionRepository } from './action.repository.js';
import {
  ActionConnectionResolver,
  ActionResolver,
  ActionResponseConnectionResolver, ActionResponseEventResolver,
  ActionResponseResolver,
  CampaignResultsResolver,
} from './action.resolver.js';
import { ActionService } from './action.service.js';
import { ActionResponseRepository } from './action-response.repository.js';
import { ActionResponseService } from './action-response.service.js';
import { ActionResponsesService } from './action-responses.service.js';
import { CampaignResultsRepository, CampaignResultsService } from './campaign-results.service.js';

@Module({
  imports: [CampaignModule, MemberModule],
  providers: [
    ActionRepository, ActionResponseRepository, ActionResponseService, ActionService, ActionResponsesService,
    CampaignResultsRepository, CampaignResultsService, ActionReminderService,
    ActionResolver, ActionConnectionResolver, ActionResponseResolver, ActionResponseConnectionResolver, ActionResponseEventResolver, CampaignResultsResolver,
  ],
  exports: [ActionResponseService, ActionRepository, ActionResponseRepository],
})
export class ActionModule {}
