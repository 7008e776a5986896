/**
 * Action module: a campaign's actions (CRUD), members' responses to them in the follow-through state machine, and
 * the shared ActionResponseService (transition, findAction) through which every other module — action pages,
 * donations, the reminder job — moves a response. Must never: move a response around the state machine of
 * @muster/domain, or let one organisation read, change or infer another's actions and responses.
 * See docs/campaigns.md.
 */
import { Module } from '@nestjs/common';
import { ActionRepository } from './action.repository.js';
import { ActionResponseRepository } from './action-response.repository.js';
import { ActionResponseService } from './action-response.service.js';

@Module({
  providers: [ActionRepository, ActionResponseRepository, ActionResponseService],
  exports: [ActionResponseService, ActionRepository, ActionResponseRepository],
})
export class ActionModule {}
